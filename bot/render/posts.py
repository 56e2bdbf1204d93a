"""The daily post: one report's totals and the day's changes, the same text for /today and /day.

The figure shown as a day's losses is the published change (`CategoryChange.day_losses`). What is
not a day's losses is worded as what it is: a recount folded into the total, a total that fell, a
difference spanning several days, a first value that is the total to date.
"""

from __future__ import annotations

import html

from bot.domain.changes import CategoryChange, ChangeKind, DailyChanges
from bot.render.formatting import category_label, long_date, number, signed
from bot.render.i18n import text

SAFE_SCHEMES = ("https://", "http://")


def daily_post(daily: DailyChanges, lang: str, *, record_keys: frozenset[str] = frozenset()) -> str:
    """The post for `daily.report`; categories in `record_keys` set a record that day."""
    report = daily.report
    head = [
        text(lang, "daily-title", date=long_date(report.date, lang)),
        text(lang, "daily-war-day", day=report.day),
    ]
    if daily.is_gap and daily.previous is not None:
        head.append(
            text(
                lang,
                "daily-gap",
                previous=long_date(daily.previous.date, lang),
                days=daily.days_since_previous,
            )
        )
    days = daily.days_since_previous or 1
    body = [
        line
        for change in daily.categories
        for line in category_lines(change, lang, days, record=change.key in record_keys)
    ]
    foot: list[str] = []
    if any(change.key in record_keys and change.day_losses for change in daily.categories):
        foot.append(text(lang, "daily-record-legend"))
    link = source_link(report.source_url, lang)
    if link:
        foot.append(link)
    return "\n\n".join("\n".join(part) for part in (head, body, foot) if part)


def category_lines(
    change: CategoryChange, lang: str, days: int, *, record: bool = False
) -> list[str]:
    """The category's line, followed by a `↳` note when the figure needs one.

    `record` marks the line only where the figure is a day's losses.
    """
    label = category_label(change.key, lang)
    if change.total is None or change.kind is ChangeKind.NOT_REPORTED:
        return [text(lang, "daily-line-not-reported", label=label)]
    total = number(change.total, lang)
    if change.kind is ChangeKind.FIRST:
        return [text(lang, "daily-line", label=label, total=total), text(lang, "daily-first")]
    if change.kind is ChangeKind.GAP:
        return _gap_lines(change, label, total, lang, days)
    line = _day_line(label, total, change.day_losses, lang)
    if record and change.day_losses:
        line += " " + text(lang, "daily-record-mark")
    if change.day_losses is None:  # a fall with no usable published change
        moved = change.difference if change.difference is not None else change.published
        return [line, *_fall_note(moved or 0, lang)]
    if change.recount:
        return [line, text(lang, "daily-recount", recount=signed(change.recount, lang))]
    return [line]


def _day_line(label: str, total: str, losses: int | None, lang: str) -> str:
    if not losses:
        return text(lang, "daily-line", label=label, total=total)
    return text(lang, "daily-line-change", label=label, total=total, change=signed(losses, lang))


def _gap_lines(change: CategoryChange, label: str, total: str, lang: str, days: int) -> list[str]:
    difference = change.difference
    if difference is None or difference == 0:
        return [text(lang, "daily-line", label=label, total=total)]
    if difference < 0:
        return [text(lang, "daily-line", label=label, total=total), *_fall_note(difference, lang)]
    return [
        text(
            lang,
            "daily-line-gap",
            label=label,
            total=total,
            change=signed(difference, lang),
            days=days,
        )
    ]


def _fall_note(movement: int, lang: str) -> list[str]:
    if movement < 0:
        return [text(lang, "daily-fall", amount=number(-movement, lang))]
    if movement > 0:
        return [text(lang, "daily-recount", recount=signed(movement, lang))]
    return []


def source_link(url: str | None, lang: str) -> str | None:
    """The link to the General Staff's post, only for a web address; escaped for HTML."""
    if not url or not url.lower().startswith(SAFE_SCHEMES):
        return None
    return text(lang, "daily-source", url=html.escape(url, quote=True))
