"""All-time single-day records per category, on published changes, from a baseline date.

Only ordinary days count (`CategoryChange.record_eligible`): never a correction day, a fall, a
gap or a category's first value. The book is built in one lean pass over the history instead of
classifying every report with `daily_changes` (five times slower); a test checks that both agree.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.domain.categories import ordered
from bot.domain.changes import comparable_total
from bot.domain.events import RecordDay
from bot.domain.history import History
from bot.domain.reports import Report


@dataclass(frozen=True, slots=True)
class RecordEntry:
    category: str
    date: date
    value: int


@dataclass(frozen=True, slots=True)
class RecordBook:
    """Records counted from `since`: the current record and the progression per category.

    `progression[key]` lists every report that set a new record (strictly greater than the one
    before), oldest first; its last entry is `current[key]`. The first eligible day with losses only
    sets the starting mark and is not announced; a day without losses never sets or beats one.
    """

    since: date
    current: Mapping[str, RecordEntry]
    progression: Mapping[str, tuple[RecordEntry, ...]]
    _ranked: Mapping[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    """Eligible published changes per category, ascending, for ranks."""
    _record_days: Mapping[date, tuple[RecordDay, ...]] = field(default_factory=dict, repr=False)
    """The record days each report set, personnel first then catalogue order."""

    def rank(self, key: str, value: int) -> int | None:
        """1 + the number of eligible days with a strictly larger change; None if no days."""
        ranked = self._ranked.get(key)
        if not ranked:
            return None
        return len(ranked) - bisect_right(ranked, value) + 1

    def records_on(self, day: date) -> tuple[RecordDay, ...]:
        """The records that the report of `day` set, each with the record it beat."""
        return self._record_days.get(day, ())


def eligible_changes(previous: Report | None, report: Report) -> Iterator[tuple[str, int]]:
    """The (category, published change) pairs of `report` that count for records.

    An ordinary day only: the report right after `previous` (no gap), and the total moved by
    exactly the published change, which is not negative. Without a previous report nothing can be
    checked, so nothing counts.
    """
    if previous is None or (report.date - previous.date).days != 1:
        return
    totals, previous_totals = report.totals, previous.totals
    for key, published in report.changes.items():
        total = totals.get(key)
        before = previous_totals.get(key)
        if before is None:
            before = comparable_total(previous, key)
        if total is not None and before is not None and 0 <= published == total - before:
            yield key, published


def record_book(history: History, since: date) -> RecordBook:
    """The records of every category over the reports dated `since` or later."""
    progression: dict[str, list[RecordEntry]] = {}
    eligible: dict[str, list[int]] = {}
    record_days: dict[date, list[RecordDay]] = {}
    counted = history.between(since, date.max)
    previous = history.previous(counted[0]) if counted else None
    for report in counted:
        for key, published in eligible_changes(previous, report):
            eligible.setdefault(key, []).append(published)
            if published == 0:  # a day without losses never sets or beats a mark
                continue
            entries = progression.get(key)
            if entries is None:  # the starting mark, not a record day
                progression[key] = [RecordEntry(key, report.date, published)]
                continue
            beaten = entries[-1]
            if published > beaten.value:
                progression[key].append(RecordEntry(key, report.date, published))
                record = RecordDay(key, report.date, published, beaten.value, beaten.date)
                record_days.setdefault(report.date, []).append(record)
        previous = report
    order = {key: position for position, key in enumerate(ordered(progression))}
    return RecordBook(
        since=since,
        current={key: entries[-1] for key, entries in progression.items()},
        progression={key: tuple(entries) for key, entries in progression.items()},
        _ranked={key: tuple(sorted(values)) for key, values in eligible.items()},
        _record_days={
            day: tuple(sorted(records, key=lambda record: order[record.category]))
            for day, records in record_days.items()
        },
    )
