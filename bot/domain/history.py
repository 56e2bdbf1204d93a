"""The history: every report, ascending by date, one per date, with lookups by date."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date

from bot.domain.categories import CATALOGUE
from bot.domain.changes import DailyChanges, daily_changes
from bot.domain.errors import EmptyHistory, NoReportFor
from bot.domain.reports import Report

_LATE = frozenset(entry.key for entry in CATALOGUE if entry.first_reported is not None)


def without_placeholders(reports: Iterable[Report]) -> list[Report]:
    """`reports` (ascending) without the zeros upstream gives a category added later in the war
    (cruise missiles, submarines, ground robotic systems) before its first value.

    Such a 0 means "not reported yet": kept, it would make the first value (84 cruise missiles,
    the total to date) read as a day's change or a recount, and every range across it count the
    whole total as a change. A later 0 (after the first value) is a figure like any other.
    """
    seen: set[str] = set()
    cleaned: list[Report] = []
    for report in reports:
        placeholders = {key for key in _LATE - seen if report.totals.get(key) == 0}
        seen.update(key for key in _LATE if report.totals.get(key))
        if placeholders:
            report = Report(
                report.date,
                {key: total for key, total in report.totals.items() if key not in placeholders},
                {key: change for key, change in report.changes.items() if key not in placeholders},
                report.source_url,
            )
        cleaned.append(report)
    return cleaned


class History:
    """An immutable, ascending sequence of reports with O(1) lookup by date.

    Built from any iterable of reports; when two share a date, the later one in the iterable wins
    (the newest figures of a revised report). Upstream's placeholder zeros of late categories
    are dropped on the way in (`without_placeholders`).
    """

    __slots__ = ("_dates", "_index", "_reports")

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        by_date = {report.date: report for report in reports}
        ascending = without_placeholders(by_date[day] for day in sorted(by_date))
        self._reports: tuple[Report, ...] = tuple(ascending)
        self._dates: tuple[date, ...] = tuple(report.date for report in self._reports)
        self._index: dict[date, int] = {day: position for position, day in enumerate(self._dates)}

    def __len__(self) -> int:
        return len(self._reports)

    def __iter__(self) -> Iterator[Report]:
        return iter(self._reports)

    def __reversed__(self) -> Iterator[Report]:
        return reversed(self._reports)

    def __repr__(self) -> str:
        if not self._reports:
            return "History([])"
        return f"History({len(self)} reports, {self._dates[0]}..{self._dates[-1]})"

    @property
    def reports(self) -> tuple[Report, ...]:
        return self._reports

    @property
    def first(self) -> Report:
        if not self._reports:
            raise EmptyHistory
        return self._reports[0]

    @property
    def latest(self) -> Report:
        if not self._reports:
            raise EmptyHistory
        return self._reports[-1]

    def get(self, day: date) -> Report | None:
        """The report of `day`, if there is one."""
        position = self._index.get(day)
        return None if position is None else self._reports[position]

    def on_or_before(self, day: date) -> Report | None:
        """The report of `day`, or else the latest report before it; None before the first."""
        position = bisect_right(self._dates, day)
        return self._reports[position - 1] if position else None

    def previous(self, report: Report) -> Report | None:
        """The report before `report`'s date in this history (several days earlier after a gap)."""
        position = bisect_left(self._dates, report.date)
        return self._reports[position - 1] if position else None

    def daily(self, day: date) -> DailyChanges:
        """The changes of the report of `day` against the report before it."""
        report = self.get(day)
        if report is None:
            raise NoReportFor(day)
        return daily_changes(report, self.previous(report))

    def between(self, start: date, end: date) -> tuple[Report, ...]:
        """The reports dated from `start` to `end`, both included."""
        return self._reports[bisect_left(self._dates, start) : bisect_right(self._dates, end)]

    def with_reports(self, reports: Iterable[Report]) -> History:
        """This history with `reports` added; they replace reports of the same date."""
        return History([*self._reports, *reports])
