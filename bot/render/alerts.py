"""Alerts worded for people: a record day, a total passing a round number, a war-day anniversary.

Each alert names the date of its report, because alerts reached on days the bot skipped are
announced later, with their own dates.
"""

from __future__ import annotations

from bot.domain.categories import category
from bot.domain.events import RecordDay, TotalMilestone, WarDayMilestone
from bot.render.formatting import category_label, category_name, long_date, number
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
                total=number(event.total, lang),
                date=long_date(event.date, lang),
            )
        case WarDayMilestone():
            return text(lang, "milestone-war-day", day=event.day, date=long_date(event.date, lang))
