"""Answers on demand: the change since a date, the records, a month's totals and averages.

Periods are differences of totals (recounts included); a category reported only after the start
shows its total to date, and one missing from the end report is said to be missing, not zero.
"""

from __future__ import annotations

from bot.domain.categories import ordered
from bot.domain.periods import CategoryDelta, MonthSummary, PeriodChange
from bot.domain.records import RecordBook
from bot.render.formatting import average, category_label, long_date, month_name, number, signed
from bot.render.i18n import text


def since_answer(change: PeriodChange, lang: str) -> str:
    """`/since DATE`: every total's change from the report of DATE to the latest report."""
    head = text(
        lang,
        "since-title",
        days=change.days,
        start=long_date(change.start.date, lang),
        end=long_date(change.end.date, lang),
    )
    lines = [line for delta in in_order(change) for line in delta_lines(delta, lang)]
    return "\n\n".join((head, "\n".join(lines), text(lang, "period-note")))


def month_answer(summary: MonthSummary, lang: str) -> str:
    """A calendar month: each total's change and its daily average; says if the month goes on."""
    head = [
        text(
            lang,
            "month-title",
            month=month_name(summary.year, summary.month, lang),
            days=summary.days,
        )
    ]
    if not summary.complete:
        head.append(text(lang, "month-incomplete", end=long_date(summary.change.end.date, lang)))
    lines: list[str] = []
    for delta in in_order(summary.change):
        lines.extend(delta_lines(delta, lang))
        mean = summary.daily_average(delta.key)
        if mean is not None and mean > 0:
            lines.append(text(lang, "month-average", average=average(mean, lang)))
    return "\n\n".join(("\n".join(head), "\n".join(lines), text(lang, "period-note")))


def in_order(change: PeriodChange) -> list[CategoryDelta]:
    """The period's categories in display order (personnel first, unknown keys last)."""
    by_key = {delta.key: delta for delta in change.categories}
    return [by_key[key] for key in ordered(by_key)]


def delta_lines(delta: CategoryDelta, lang: str) -> list[str]:
    """One category over a period: its change, its total if it appeared later, or its absence."""
    label = category_label(delta.key, lang)
    if delta.end_total is None:
        return [text(lang, "period-line-not-reported", label=label)]
    if delta.delta is None:
        line = text(lang, "period-line-appeared", label=label, total=number(delta.end_total, lang))
        if delta.appeared_on is None:
            return [line]
        return [line, text(lang, "period-appeared", date=long_date(delta.appeared_on, lang))]
    key = "period-line-fall" if delta.delta < 0 else "period-line"
    return [text(lang, key, label=label, change=signed(delta.delta, lang))]


def records_answer(book: RecordBook, lang: str) -> str:
    """`/records`: each category's largest one-day figure since the baseline, and its date."""
    since = long_date(book.since, lang)
    if not book.current:
        return text(lang, "records-empty", since=since)
    lines: list[str] = []
    for key in ordered(book.current):
        entry = book.current[key]
        label = category_label(key, lang)
        lines.append(text(lang, "records-line", label=label, value=number(entry.value, lang)))
        lines.append(text(lang, "records-date", date=long_date(entry.date, lang)))
    return "\n\n".join((text(lang, "records-title", since=since), "\n".join(lines)))
