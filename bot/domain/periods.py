"""Changes over a period, from totals: `/since`, between two dates, month totals and averages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    """Set when the category was first reported after the start (its first value is a total to date)."""

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
