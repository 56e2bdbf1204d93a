"""Answers on demand: the change of every total since a date, and the records.

`/since` shows differences of totals (recounts included). A category first reported after the
start counts from its first value, which is the total to date then and never a change; one
missing from the latest report is said to be missing, not zero; a frozen category (ATGM/SRBM
launchers) is left out while it does not move.
"""

from __future__ import annotations

from bot.domain.categories import category, ordered
from bot.domain.periods import CategoryDelta, PeriodChange
from bot.domain.records import RecordBook
from bot.render.formatting import category_label, long_date, number, signed
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


def in_order(change: PeriodChange) -> list[CategoryDelta]:
    """The period's categories in display order, frozen ones only where they moved."""
    by_key = {delta.key: delta for delta in change.categories}
    return [by_key[key] for key in ordered(by_key) if _shown(by_key[key])]


def _shown(delta: CategoryDelta) -> bool:
    return not category(delta.key).frozen or bool(delta.delta) or delta.appeared_on is not None


def delta_lines(delta: CategoryDelta, lang: str) -> list[str]:
    """One category over a period: its change, counted from its first value if it appeared
    later, or its absence."""
    label = category_label(delta.key, lang)
    if delta.end_total is None:
        return [text(lang, "period-line-not-reported", label=label)]
    if delta.delta is None:
        first = delta.appeared_total if delta.appeared_total is not None else delta.end_total
        line = _line(label, delta.end_total - first, lang)
        if delta.appeared_on is None:
            return [line]
        appeared = long_date(delta.appeared_on, lang)
        return [line, text(lang, "period-appeared", date=appeared, total=number(first, lang))]
    return [_line(label, delta.delta, lang)]


def _line(label: str, moved: int, lang: str) -> str:
    key = "period-line-fall" if moved < 0 else "period-line"
    return text(lang, key, label=label, change=signed(moved, lang))


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
