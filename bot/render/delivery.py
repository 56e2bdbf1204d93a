"""The alerts a delivery sends: one record or milestone alone, several of one report combined.

A chat that wants several record days of one report (personnel and chosen categories), or a report
that reaches several milestones, gets one message naming the report's date once, rather than a
burst of alerts. A single event reads exactly as its own alert (`bot.render.alerts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.domain.categories import category
from bot.domain.events import Milestone, RecordDay, TotalMilestone, WarDayMilestone
from bot.render.alerts import milestone_alert, record_alert, war_day_lines
from bot.render.formatting import category_label, category_name, long_date, number, total
from bot.render.i18n import text

RankOf = Callable[[RecordDay], int | None]
"""The record's rank now (1 while it stands; None when unknown)."""


def _no_rank(_record: RecordDay) -> int | None:
    return None


def record_alerts(records: Sequence[RecordDay], lang: str, *, rank_of: RankOf = _no_rank) -> str:
    """The record days of one report, in the given order; one message however many there are."""
    if not records:
        raise ValueError("no record days to announce")
    if len(records) == 1:
        return record_alert(records[0], lang, rank=rank_of(records[0]))
    title = text(lang, "delivery-records-title", date=long_date(records[0].date, lang))
    lines: list[str] = []
    for record in records:
        lines.append(
            text(
                lang,
                "delivery-record-line",
                label=category_label(record.category, lang),
                value=number(record.value, lang),
            )
        )
        lines.append(
            text(
                lang,
                "delivery-record-previous",
                previous=number(record.previous, lang),
                previous_date=long_date(record.previous_date, lang),
            )
        )
        rank = rank_of(record)
        if rank is not None and rank > 1:
            lines.append(text(lang, "delivery-record-rank", rank=rank))
    return "\n\n".join((title, "\n".join(lines)))


def milestone_alerts(milestones: Sequence[Milestone], lang: str) -> str:
    """The milestones of one report, in the given order; one message however many there are."""
    if not milestones:
        raise ValueError("no milestones to announce")
    if len(milestones) == 1:
        return milestone_alert(milestones[0], lang)
    title = text(lang, "delivery-milestones-title", date=long_date(milestones[0].date, lang))
    return "\n\n".join((title, "\n".join(_milestone_line(event, lang) for event in milestones)))


def _milestone_line(event: Milestone, lang: str) -> str:
    match event:
        case TotalMilestone():
            return text(
                lang,
                "delivery-milestone-total",
                emoji=category(event.category).emoji,
                name=category_name(event.category, lang),
                threshold=number(event.threshold, lang),
                total=total(event.category, event.total, lang),
            )
        case WarDayMilestone():
            head = text(lang, "delivery-milestone-war-day", day=event.day)
            return "\n".join((head, *war_day_lines(event.summary, lang)))
