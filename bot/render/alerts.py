"""Alerts worded for people: a record day, a total passing a round number, a war-day anniversary.

Each alert names the date of its report, because alerts reached on days the bot skipped are
announced later, with their own dates.
"""

from __future__ import annotations

from bot.domain.categories import PERSONNEL, category
from bot.domain.events import RecordDay, TotalMilestone, WarDayMilestone
from bot.domain.periods import WAR_DAY_SPAN, WarDaySummary
from bot.render.formatting import (
    average,
    category_label,
    category_name,
    long_date,
    number,
    percent,
    signed,
    total,
)
from bot.render.i18n import text


def record_alert(event: RecordDay, lang: str, *, rank: int | None = None) -> str:
    """A record day and the record it beat; `rank` > 1 says it has been beaten since."""
    lines = [
        text(
            lang,
            "record-alert",
            label=category_label(event.category, lang),
            value=number(event.value, lang),
            date=long_date(event.date, lang),
            previous=number(event.previous, lang),
            previous_date=long_date(event.previous_date, lang),
        )
    ]
    if rank is not None and rank > 1:
        lines.append(text(lang, "record-alert-rank", rank=rank))
    return "\n".join(lines)


def milestone_alert(event: TotalMilestone | WarDayMilestone, lang: str) -> str:
    """A total passing a round number, or a hundredth day of the war."""
    match event:
        case TotalMilestone():
            return text(
                lang,
                "milestone-total",
                emoji=category(event.category).emoji,
                name=category_name(event.category, lang),
                threshold=number(event.threshold, lang),
                total=total(event.category, event.total, lang),
                date=long_date(event.date, lang),
            )
        case WarDayMilestone():
            head = text(lang, "milestone-war-day", day=event.day, date=long_date(event.date, lang))
            return "\n".join((head, *war_day_lines(event.summary, lang)))


def war_day_lines(summary: WarDaySummary | None, lang: str) -> list[str]:
    """What a war day adds to the daily post: personnel over the war and over the last 100 days
    against the 100 before (by the rule of daily figures)."""
    if summary is None or summary.total is None:
        return []
    lines = [
        text(
            lang,
            "milestone-war-day-total",
            total=total(PERSONNEL, summary.total, lang),
            average=average(summary.total / summary.day, lang),
        )
    ]
    last, before = summary.last, summary.before
    if last is None or last.average is None:
        return lines
    shown = {"days": WAR_DAY_SPAN, "sum": signed(last.losses, lang)}
    shown["average"] = average(last.average, lang)
    if before is None or before.average is None or before.average <= 0:
        return [*lines, text(lang, "milestone-war-day-last", **shown)]
    change = percent(last.average / before.average - 1, lang)
    before_average = average(before.average, lang)
    return [
        *lines,
        text(lang, "milestone-war-day-versus", **shown, before=before_average, percent=change),
    ]
