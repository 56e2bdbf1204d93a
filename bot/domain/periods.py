"""Changes over a period: of totals (`/since`, between two dates), and by the rule of daily
figures (weeks, months, charts, the war-day milestone): sums and averages of the published daily
figures, with recounts and first values apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.categories import PERSONNEL, category, ordered
from bot.domain.changes import ChangeKind, comparable_total, daily_changes
from bot.domain.dates import report_on_or_before
from bot.domain.errors import NothingSince
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
class CategoryFigures:
    """One category over a period by the rule of daily figures, the same everywhere.

    `losses` is the sum of the day's losses (`CategoryChange.day_losses`: the published changes)
    of the period's reports and `days` how many have one, so `average` is what a chart of the
    period draws and states; what the total moved beyond them (recounts, falls) is `corrections`,
    never losses; a first value within the period is the total to date, in `first_value`. A
    gap's difference is in none of them (its days have no daily figure).
    """

    key: str
    losses: int = 0
    days: int = 0
    corrections: int = 0
    first_value: tuple[date, int] | None = None

    @property
    def average(self) -> float | None:
        """The mean of the period's daily figures; None where no day has one."""
        return self.losses / self.days if self.days else None


def daily_figures(previous: Report | None, reports: Sequence[Report]) -> dict[str, CategoryFigures]:
    """Every category's `CategoryFigures` over `reports` (ascending; `previous` is the report
    before the first of them, None when it is the first report, whose totals are a starting
    point and count for nothing)."""
    losses: dict[str, int] = {}
    days: dict[str, int] = {}
    corrections: dict[str, int] = {}
    firsts: dict[str, tuple[date, int]] = {}
    for report in reports:
        changes = daily_changes(report, previous)
        for change in changes.categories:
            key = change.key
            losses.setdefault(key, 0)
            if change.kind is ChangeKind.FIRST and not changes.is_first_report:
                firsts.setdefault(key, (report.date, change.total or 0))
            if change.day_losses is not None:
                losses[key] += change.day_losses
                days[key] = days.get(key, 0) + 1
            if change.kind in _CORRECTED and change.difference is not None:
                moved = change.difference - (change.day_losses or 0)
                corrections[key] = corrections.get(key, 0) + moved
        previous = report
    return {
        key: CategoryFigures(
            key, losses[key], days.get(key, 0), corrections.get(key, 0), firsts.get(key)
        )
        for key in ordered(losses)
    }


_CORRECTED = (ChangeKind.CORRECTION, ChangeKind.FALL)


@dataclass(frozen=True, slots=True)
class WarDaySummary:
    """Personnel at a war-day milestone: the total, and the last `SPAN` days against the ones
    before (by the rule of daily figures)."""

    day: int
    total: int | None
    last: CategoryFigures | None
    before: CategoryFigures | None


WAR_DAY_SPAN = 100


def war_day_summary(history: History, report: Report) -> WarDaySummary:
    """What a war-day milestone adds to the daily post: how the last 100 days compare."""
    spans = []
    for back in (0, WAR_DAY_SPAN):
        last_day = report.date - timedelta(days=back)
        first_day = last_day - timedelta(days=WAR_DAY_SPAN - 1)
        inside = history.between(first_day, last_day)
        previous = history.previous(inside[0]) if inside else None
        spans.append(daily_figures(previous, inside).get(PERSONNEL) if inside else None)
    return WarDaySummary(report.day, report.totals.get(PERSONNEL), spans[0], spans[1])


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

    Raises `BeforeFirstReport`, `InTheFuture` or `EmptyHistory` when `day` is outside the history,
    and `NothingSince` when it starts from the latest report itself.
    """
    start = report_on_or_before(history, day)
    latest = history.latest
    if start.date == latest.date:
        earlier = (
            history.on_or_before(latest.date - timedelta(days=SUGGESTED_DAYS)) or history.first
        )
        raise NothingSince(latest.date, earlier.date)
    return change_between(history, start, latest)


SUGGESTED_DAYS = 7
"""How far back `NothingSince` suggests looking."""
