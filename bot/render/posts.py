"""The daily post: one report's totals and the day's changes, the same text for /today and /day.

The figure shown as a day's losses is the published change (`CategoryChange.day_losses`). What is
not a day's losses is worded as what it is: a difference spanning several days after a gap, a
first value that is the total to date (and the very first report, a starting total), and the
totals the General Staff corrected, which a correction day sums up in one line at the end (each
such line marked ↻) instead of a note under every category. A frozen category (ATGM/SRBM
launchers) is left out while it does not change.
"""

from __future__ import annotations

import html

from bot.domain.categories import category
from bot.domain.changes import CategoryChange, ChangeKind, DailyChanges
from bot.render.formatting import category_label, inline_name, long_date, signed, total
from bot.render.i18n import text

SAFE_SCHEMES = ("https://", "http://")
CORRECTED_MARK = "↻"


def daily_post(daily: DailyChanges, lang: str, *, record_keys: frozenset[str] = frozenset()) -> str:
    """The post for `daily.report`; categories in `record_keys` set a record that day."""
    report = daily.report
    head = [
        text(lang, "daily-title", date=long_date(report.date, lang)),
        text(lang, "daily-war-day", day=report.day),
    ]
    if daily.is_first_report:
        head.append(text(lang, "daily-first-report"))
    elif daily.is_gap and daily.previous is not None:
        head.append(
            text(
                lang,
                "daily-gap",
                previous=long_date(daily.previous.date, lang),
                days=daily.days_since_previous,
            )
        )
    days = daily.days_since_previous or 1
    shown = [change for change in daily.categories if _shown(change)]
    body = [
        line
        for change in shown
        for line in category_lines(
            change, lang, days, record=change.key in record_keys, first_report=daily.is_first_report
        )
    ]
    foot: list[str] = []
    summary = corrections_line(shown, lang)
    if summary:
        foot.append(summary)
    if any(change.key in record_keys and change.day_losses for change in daily.categories):
        foot.append(text(lang, "daily-record-legend"))
    link = source_link(report.source_url, lang)
    if link:
        foot.append(link)
    return "\n\n".join("\n".join(part) for part in (head, body, foot) if part)


def _shown(change: CategoryChange) -> bool:
    """A frozen category only where it moved (or appears); every other category always."""
    if not category(change.key).frozen:
        return True
    return change.kind is ChangeKind.FIRST or bool(change.day_losses or correction(change))


def correction(change: CategoryChange) -> int:
    """How far the total moved beyond the day's losses: a recount or a fall (0 on other days)."""
    if change.kind not in (ChangeKind.CORRECTION, ChangeKind.FALL) or change.difference is None:
        return 0
    return change.difference - (change.day_losses or 0)


def corrections_line(changes: list[CategoryChange], lang: str) -> str | None:
    """`↻ The General Staff corrected the totals: personnel +1,650, tanks −10. …`, or None."""
    corrected = [(change.key, correction(change)) for change in changes if correction(change)]
    if not corrected:
        return None
    parts = ", ".join(f"{inline_name(key, lang)} {signed(moved, lang)}" for key, moved in corrected)
    return text(lang, "daily-corrections", count=len(corrected), corrections=parts)


def category_lines(
    change: CategoryChange,
    lang: str,
    days: int,
    *,
    record: bool = False,
    first_report: bool = False,
) -> list[str]:
    """The category's line, followed by a `↳` note for a first value.

    `record` marks the line only where the figure is a day's losses; on the `first_report` every
    figure is a starting total, said once above the lines rather than under each.
    """
    label = category_label(change.key, lang)
    if change.total is None or change.kind is ChangeKind.NOT_REPORTED:
        return [text(lang, "daily-line-not-reported", label=label)]
    shown = total(change.key, change.total, lang)
    if change.kind is ChangeKind.FIRST:
        line = text(lang, "daily-line", label=label, total=shown)
        return [line] if first_report else [line, text(lang, "daily-first")]
    if change.kind is ChangeKind.GAP:
        return [_gap_line(change, label, shown, lang, days)]
    losses = change.day_losses
    if losses:
        line = text(
            lang, "daily-line-change", label=label, total=shown, change=signed(losses, lang)
        )
    else:
        line = text(lang, "daily-line", label=label, total=shown)
    if correction(change):
        line += f" {CORRECTED_MARK}"
    if record and losses:
        line += " " + text(lang, "daily-record-mark")
    return [line]


def _gap_line(change: CategoryChange, label: str, shown: str, lang: str, days: int) -> str:
    difference = change.difference
    if difference is None or difference <= 0:
        # Nothing, or a fall, over several days: the total alone (a fall is never losses).
        return text(lang, "daily-line", label=label, total=shown)
    return text(
        lang,
        "daily-line-gap",
        label=label,
        total=shown,
        change=signed(difference, lang),
        days=days,
    )


def source_link(url: str | None, lang: str) -> str | None:
    """The link to the General Staff's post, only for a web address; escaped for HTML."""
    if not url or not url.lower().startswith(SAFE_SCHEMES):
        return None
    return text(lang, "daily-source", url=html.escape(url, quote=True))
