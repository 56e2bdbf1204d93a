"""The history: every report, ascending by date, one per date, with lookups by date."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date

from bot.domain.changes import DailyChanges, daily_changes
from bot.domain.errors import EmptyHistory, NoReportFor
from bot.domain.reports import Report


class History:
    """An immutable, ascending sequence of reports with O(1) lookup by date.

    Built from any iterable of reports; when two share a date, the later one in the iterable wins
    (the newest figures of a revised report).
    """

    __slots__ = ("_dates", "_index", "_reports")

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        by_date = {report.date: report for report in reports}
        self._reports: tuple[Report, ...] = tuple(by_date[day] for day in sorted(by_date))
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
