"""A report's changes against the report before it: the day's losses, and what is not one.

The figure shown as a day's losses is always the published change. The difference of totals only
tells whether something else happened: a recount (correction day), a fall, a gap of several days,
or a category reported for the first time (its first value is the total to date, not a day's
change).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.categories import category, ordered
from bot.domain.reports import Report


class ChangeKind(StrEnum):
    DAY = "day"
    """An ordinary day: the total moved by exactly the published change."""
    CORRECTION = "correction"
    """The total moved by more or less than the published change: a recount was folded in."""
    FALL = "fall"
    """The total fell, or the published change is negative: a correction, never negative losses.

    A non-negative published change on such a day is still the day's losses."""
    GAP = "gap"
    """The report before this one is missing: the difference spans several days."""
    FIRST = "first"
    """The category is reported for the first time: its value is the total to date."""
    NOT_REPORTED = "not_reported"
    """The category is absent from this report (not zero)."""


@dataclass(frozen=True, slots=True)
class CategoryChange:
    key: str
    kind: ChangeKind
    total: int | None
    published: int | None
    """The published one-day change, if upstream gave one."""
    difference: int | None
    """This total minus the previous report's total, if both exist."""

    @property
    def recount(self) -> int:
        """How far the total moved beyond the published change (non-zero on correction days)."""
        if self.difference is None or self.published is None:
            return 0
        return self.difference - self.published

    @property
    def day_losses(self) -> int | None:
        """The day's losses in this category, or None where the figure is not a day's losses."""
        losses_kinds = (ChangeKind.DAY, ChangeKind.CORRECTION, ChangeKind.FALL)
        if self.kind in losses_kinds and self.published is not None and self.published >= 0:
            return self.published
        return None

    @property
    def record_eligible(self) -> bool:
        """Only an ordinary day counts for records: never a recount, fall, gap or first value."""
        return self.kind is ChangeKind.DAY and self.published is not None and self.published >= 0


@dataclass(frozen=True, slots=True)
class DailyChanges:
    report: Report
    previous: Report | None
    categories: tuple[CategoryChange, ...]

    @property
    def days_since_previous(self) -> int | None:
        if self.previous is None:
            return None
        return (self.report.date - self.previous.date).days

    @property
    def is_gap(self) -> bool:
        return (self.days_since_previous or 1) > 1

    @property
    def is_first_report(self) -> bool:
        """The very first report: a starting total since the invasion, not a day's losses."""
        return self.previous is None

    def get(self, key: str) -> CategoryChange | None:
        return next((change for change in self.categories if change.key == key), None)


def comparable_total(report: Report, key: str) -> int | None:
    """`key`'s total in `report`, or the sum of the parts later merged into it (old reports)."""
    if key in report.totals:
        return report.totals[key]
    parts = [report.totals[part] for part in category(key).merged_from if part in report.totals]
    return sum(parts) if parts else None


def _kind(published: int | None, difference: int | None, gap: bool, first: bool) -> ChangeKind:
    if first:
        return ChangeKind.FIRST
    if gap:
        return ChangeKind.GAP
    if (difference is not None and difference < 0) or (published is not None and published < 0):
        return ChangeKind.FALL
    if published is not None and difference is not None and published != difference:
        return ChangeKind.CORRECTION
    return ChangeKind.DAY


def daily_changes(report: Report, previous: Report | None) -> DailyChanges:
    """Classify each category of `report` against `previous` (the report before it, if any).

    With no previous report at all (the very first report, 25 February 2022) every figure is a
    first value: the report is a starting total, not a day.
    """
    gap = previous is not None and (report.date - previous.date).days > 1
    merged = {part for key in report.totals for part in category(key).merged_from}
    keys = ordered([*report.totals, *(previous.totals if previous else ())])
    changes: list[CategoryChange] = []
    for key in keys:
        if key not in report.totals:
            if key not in merged:
                changes.append(CategoryChange(key, ChangeKind.NOT_REPORTED, None, None, None))
            continue
        total = report.totals[key]
        published = report.changes.get(key)
        before = comparable_total(previous, key) if previous is not None else None
        difference = None if before is None else total - before
        first = before is None
        changes.append(
            CategoryChange(
                key, _kind(published, difference, gap, first), total, published, difference
            )
        )
    return DailyChanges(report, previous, tuple(changes))
