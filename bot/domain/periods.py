"""Changes over a period, from totals: `/since`, between two dates, month totals and averages."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.categories import category, ordered
from bot.domain.changes import comparable_total
from bot.domain.dates import report_on_or_before
from bot.domain.errors import BeforeFirstReport, EmptyHistory, InTheFuture, NoReportsInMonth
from bot.domain.history import History
from bot.domain.reports import Report


@dataclass(frozen=True, slots=True)
class CategoryDelta:
    """How one category's total moved between the start and the end report of a period."""

    key: str
    start_total: int | None
    """Total in the start report; None if the category was not reported then."""
    end_total: int | None
    """Total in the end report; None if the category is not reported there."""
    appeared_on: date | None = None
    """Set when the category was first reported after the start (its first value is a total)."""
    appeared_total: int | None = None
    """The first value reported on `appeared_on`: the total to date then, not a change."""

    @property
    def delta(self) -> int | None:
        """End total minus start total; None when either is missing (appeared, or not reported)."""
        if self.start_total is None or self.end_total is None:
            return None
        return self.end_total - self.start_total


@dataclass(frozen=True, slots=True)
class PeriodChange:
    """The change of every total from `start` to `end` (both reports)."""

    start: Report
    end: Report
    categories: tuple[CategoryDelta, ...]

    @property
    def days(self) -> int:
        return (self.end.date - self.start.date).days

    def get(self, key: str) -> CategoryDelta | None:
        return next((delta for delta in self.categories if delta.key == key), None)


@dataclass(frozen=True, slots=True)
class MonthSummary:
    """A calendar month: the change of each total over the month and its daily average."""

    year: int
    month: int
    change: PeriodChange
    """From the last report before the month (or its first report) to its last report."""
    days: int
    """Days covered by `change`; the daily average divides by this."""
    complete: bool
    """Whether the month is over in the history (its last day has a report)."""

    def daily_average(self, key: str) -> float | None:
        delta = self.change.get(key)
        if delta is None or delta.delta is None or self.days == 0:
            return None
        return delta.delta / self.days


def _first_value(history: History, key: str, start: Report, end: Report) -> tuple[date, int]:
    """The date and total of the first report after `start` (up to `end`) that carries `key`."""
    for report in history.between(start.date + timedelta(days=1), end.date):
        if key in report.totals:
            return report.date, report.totals[key]
    return end.date, end.totals[key]


def change_between(history: History, start: Report, end: Report) -> PeriodChange:
    """How each total moved from `start` to `end`: differences of totals, never sums of changes.

    A category first reported after `start` has no delta, only the date it appeared; one absent
    from `end` is not reported (no delta either). Totals of parts later merged into one category
    (military vehicles and fuel tanks) are summed so that old and new reports compare.
    """
    if end.date < start.date:
        raise ValueError(f"period ends ({end.date}) before it starts ({start.date})")
    folded = {part for key in end.totals for part in category(key).merged_from}
    keys = [key for key in ordered([*start.totals, *end.totals]) if key not in folded]
    deltas = []
    for key in keys:
        start_total = comparable_total(start, key)
        end_total = end.totals.get(key)
        if start_total is None and end_total is not None:
            appeared_on, appeared_total = _first_value(history, key, start, end)
            deltas.append(CategoryDelta(key, None, end_total, appeared_on, appeared_total))
        else:
            deltas.append(CategoryDelta(key, start_total, end_total))
    return PeriodChange(start, end, tuple(deltas))


def since(history: History, day: date) -> PeriodChange:
    """From the report of `day` (or the latest before it, if `day` has none) to the latest report.

    Raises `BeforeFirstReport`, `InTheFuture` or `EmptyHistory` when `day` is outside the history.
    """
    start = report_on_or_before(history, day)
    return change_between(history, start, history.latest)


def month_summary(history: History, year: int, month: int) -> MonthSummary:
    """The month's change: from the last report before it (or its first report) to its last report.

    Raises `BeforeFirstReport` / `InTheFuture` for a month outside the history and
    `NoReportsInMonth` for a month inside it without any report.
    """
    first_day = date(year, month, 1)
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    if not history:
        raise EmptyHistory
    if last_day < history.first.date:
        raise BeforeFirstReport(first_day, history.first.date)
    if first_day > history.latest.date:
        raise InTheFuture(first_day, history.latest.date)
    in_month = history.between(first_day, last_day)
    if not in_month:
        raise NoReportsInMonth(year, month)
    start = history.on_or_before(first_day - timedelta(days=1)) or in_month[0]
    end = in_month[-1]
    change = change_between(history, start, end)
    return MonthSummary(year, month, change, change.days, complete=end.date == last_day)
