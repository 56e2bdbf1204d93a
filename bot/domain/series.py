"""The daily series a chart draws: one category's day's losses per report date, and their average.

The day's losses are `CategoryChange.day_losses`: the published change, also on a correction day
(the recount is never drawn). Where a report has no day's losses (a fall, a gap, a first value,
a category not reported) the series has a hole. The average at a date is the mean of the day's
losses in the seven days ending there, over the days that have one, reaching before the period's
first day so that its line starts right. Record days are those the record book announces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.categories import category
from bot.domain.changes import ChangeKind, daily_changes
from bot.domain.chart_request import ChartPeriod, period_bounds
from bot.domain.history import History
from bot.domain.records import RecordBook, RecordEntry
from bot.domain.reports import Report

AVERAGE_DAYS = 7


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    date: date
    kind: ChangeKind
    losses: int | None
    """The day's losses; None is a hole, never zero."""
    average: float | None
    """The trailing 7-day average; None when none of those days has a day's losses."""


@dataclass(frozen=True, slots=True)
class DailySeries:
    """One category over the report dates from `first_day` to `last_day`, both included."""

    key: str
    first_day: date
    last_day: date
    points: tuple[SeriesPoint, ...]
    records: tuple[RecordEntry, ...]
    """The record days inside the period, oldest first."""
    baseline: date | None = None
    """The records' baseline (RECORDS_SINCE): days before it are early-war estimates."""

    @property
    def before_baseline(self) -> bool:
        """Whether the period starts before the baseline (a long chart of the early war)."""
        return self.baseline is not None and self.first_day < self.baseline

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(point.date for point in self.points)

    @property
    def losses(self) -> tuple[int | None, ...]:
        return tuple(point.losses for point in self.points)

    @property
    def averages(self) -> tuple[float | None, ...]:
        return tuple(point.average for point in self.points)

    @property
    def has_losses(self) -> bool:
        """Whether any day of the period has losses to draw (not only holes and zeros)."""
        return any(point.losses for point in self.points)

    def point(self, day: date) -> SeriesPoint | None:
        return next((point for point in self.points if point.date == day), None)

    def peak(self) -> SeriesPoint | None:
        """The point with the largest day's losses (the earliest of equals), if any."""
        drawn = [point for point in self.points if point.losses is not None]
        return max(drawn, key=lambda point: point.losses or 0, default=None)


def _only(report: Report, key: str) -> Report:
    """`report` cut down to `key` and the parts later merged into it (classifying is per key)."""
    keys = (key, *category(key).merged_from)
    return Report(
        report.date,
        {name: report.totals[name] for name in keys if name in report.totals},
        {name: report.changes[name] for name in keys if name in report.changes},
    )


def _day_figures(history: History, key: str, first_day: date, last_day: date) -> list[SeriesPoint]:
    """Kind and day's losses of every report from `first_day` to `last_day` (no averages yet)."""
    reports = history.between(first_day, last_day)
    previous = history.previous(reports[0]) if reports else None
    points: list[SeriesPoint] = []
    for report in reports:
        before = None if previous is None else _only(previous, key)
        change = daily_changes(_only(report, key), before).get(key)
        if change is None:
            points.append(SeriesPoint(report.date, ChangeKind.NOT_REPORTED, None, None))
        else:
            points.append(SeriesPoint(report.date, change.kind, change.day_losses, None))
        previous = report
    return points


def _with_averages(points: list[SeriesPoint], first_day: date) -> tuple[SeriesPoint, ...]:
    averaged: list[SeriesPoint] = []
    for position, point in enumerate(points):
        if point.date < first_day:
            continue
        window_start = point.date - timedelta(days=AVERAGE_DAYS - 1)
        window = [
            earlier.losses
            for earlier in points[max(0, position - AVERAGE_DAYS + 1) : position + 1]
            if earlier.date >= window_start and earlier.losses is not None
        ]
        average = sum(window) / len(window) if window else None
        averaged.append(SeriesPoint(point.date, point.kind, point.losses, average))
    return tuple(averaged)


def daily_series(
    history: History, key: str, first_day: date, last_day: date, book: RecordBook
) -> DailySeries:
    """`key`'s daily series over the report dates from `first_day` to `last_day`."""
    lead_in = first_day - timedelta(days=AVERAGE_DAYS - 1)
    points = _with_averages(_day_figures(history, key, lead_in, last_day), first_day)
    # The first entry of a progression is the starting mark, not a record day.
    records = tuple(
        entry for entry in book.progression.get(key, ())[1:] if first_day <= entry.date <= last_day
    )
    return DailySeries(key, first_day, last_day, points, records, book.since)


def chart_series(history: History, key: str, period: ChartPeriod, book: RecordBook) -> DailySeries:
    """The series of `key` over a chart period (see `chart_request.period_bounds`)."""
    first_day, last_day = period_bounds(period, history)
    return daily_series(history, key, first_day, last_day, book)
