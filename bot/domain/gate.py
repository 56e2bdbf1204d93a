"""The gate: a report is accepted only when it is plausible against the history already stored.

Every reading of a report, whatever its source (the figures API, the official post), passes here
before it may be stored; a refusal names its reasons and never stops the polling.

- Its date lies between the war's first day and tomorrow in Kyiv (`latest_allowed`).
- Every total is a count the store can hold (0 … 2**63 - 1), every published change too.
- A total rises since the report before it by at most `bound × days`. A category's bound is
  `RISE_MULTIPLE` times the largest day it has published, and at least `RISE_FLOOR` (small
  categories move by a few units in jumps). A first value (the total to date of a category
  reported for the first time) averages at most `FIRST_VALUE_PER_DAY` a day of the war.
- A total falls only as a correction: by at most the same bound. A published change stays
  within ± the bound.
- A revision (a new reading of a stored date) is complete: no category that the stored report has
  goes missing, neither its total nor its published change (unless the stored figures came from
  another source); and the report after it stays plausible against it.
- One reading per date per answer (`one_per_date`).

Bounds are learned as the history grows: the largest published change of each category, and for a
first value its average over the days of the war, so that the early-war estimates (the first
report counts two days) teach the early bounds. The whole real history passes; 10**15 does not.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.changes import comparable_total
from bot.domain.history import History
from bot.domain.refusals import (
    DateOutOfRange,
    ImplausibleChange,
    ImplausibleFall,
    ImplausibleFirstValue,
    ImplausibleRise,
    IncompleteRevision,
    NotACount,
    Reason,
)
from bot.domain.reports import WAR_START, Report, war_day

KYIV = ZoneInfo("Europe/Kyiv")
"""Report dates are days in Kyiv, whatever BOT_TIMEZONE says."""
LARGEST_INTEGER = 2**63 - 1
"""The store keeps figures as 64-bit integers (BIGINT, SQLite's INTEGER)."""
RISE_MULTIPLE = 5
"""A day may bring up to this many times a category's largest published day. The real history's
steepest step is 4.5 times (special equipment, 2024-09-28)."""
RISE_FLOOR = 50
"""The least bound of any category, for those with small or no published days yet."""
FIRST_VALUE_PER_DAY = 10_000
"""A first value averages at most this many a day of the war (personnel, the largest, averages
under 1,000; its first report, 2,800 in two days)."""


def latest_allowed(now: datetime) -> date:
    """The latest plausible report date at `now`: tomorrow in Kyiv (a report of D is published
    on the morning of D; one day more absorbs a clock or a publisher running early)."""
    return now.astimezone(KYIV).date() + timedelta(days=1)


def one_per_date(reports: Iterable[Report]) -> tuple[list[Report], tuple[date, ...]]:
    """The readings of one answer, one per date (ascending), and the dates read more than once
    with different figures (then the answer as a whole must be refused)."""
    by_date: dict[date, Report] = {}
    conflicts: set[date] = set()
    for report in reports:
        seen = by_date.get(report.date)
        if seen is not None and not seen.same_figures(report):
            conflicts.add(report.date)
        by_date[report.date] = report
    return [by_date[day] for day in sorted(by_date)], tuple(sorted(conflicts))


class Gate:
    """Checks reports against a history and learns from each report it is told was accepted."""

    def __init__(self, history: History, latest: date) -> None:
        self._latest = latest
        self._reports: dict[date, Report] = {}
        self._dates: list[date] = []
        self._largest_day: dict[str, float] = {}
        for report in history:
            self.accept(report)

    def bound(self, key: str) -> int:
        """The most `key` may plausibly rise in a day, or fall in one correction."""
        learned = math.ceil(RISE_MULTIPLE * self._largest_day.get(key, 0.0))
        return max(RISE_FLOOR, learned)

    def check(self, report: Report, *, other_source: bool = False) -> tuple[Reason, ...]:
        """Why `report` must be refused (nothing: it may be stored), against the history
        accepted so far; a report of a stored date is checked as a revision. `other_source`: the
        stored figures of its date came from another source, whose categories it need not
        carry (a category one source alone reports is not lost)."""
        reasons: list[Reason] = [*_not_counts(report)]
        if not WAR_START <= report.date <= self._latest:
            reasons.insert(0, DateOutOfRange(report.date, WAR_START, self._latest))
            return tuple(reasons)
        stored = self._reports.get(report.date)
        if stored is not None and not other_source:
            reasons.extend(_missing(stored, report))
        position = bisect_left(self._dates, report.date)
        previous = self._reports[self._dates[position - 1]] if position else None
        reasons.extend(self._against(report, previous))
        following = position + (stored is not None)
        if following < len(self._dates):
            after = self._reports[self._dates[following]]
            reasons.extend(self._rises(after, report, first_values=False))
        return tuple(reasons)

    def accept(self, report: Report) -> None:
        """Adds `report` (checked, or from the stored history) and learns from it."""
        if report.date not in self._reports:
            insort(self._dates, report.date)
        self._reports[report.date] = report
        position = bisect_left(self._dates, report.date)
        previous = self._reports[self._dates[position - 1]] if position else None
        for key, total in report.totals.items():
            if _before(previous, key) is None:
                self._learn(key, total / max(war_day(report.date), 1))
        for key, change in report.changes.items():
            if _before(previous, key) is not None:
                self._learn(key, change)

    def _learn(self, key: str, per_day: float) -> None:
        if per_day > self._largest_day.get(key, 0.0):
            self._largest_day[key] = per_day

    def _against(self, report: Report, previous: Report | None) -> list[Reason]:
        reasons = self._rises(report, previous, first_values=True)
        for key, change in report.changes.items():
            if _before(previous, key) is None:
                first_bound = _first_value_bound(report.date)
                if not -self.bound(key) <= change <= first_bound:
                    reasons.append(ImplausibleChange(key, change, first_bound))
            elif abs(change) > self.bound(key):
                reasons.append(ImplausibleChange(key, change, self.bound(key)))
        return reasons

    def _rises(
        self, report: Report, previous: Report | None, *, first_values: bool
    ) -> list[Reason]:
        """The rises and falls of `report`'s totals since `previous` beyond their bounds."""
        reasons: list[Reason] = []
        days = (report.date - previous.date).days if previous is not None else 0
        for key, total in report.totals.items():
            before = _before(previous, key)
            if before is None:
                first_bound = _first_value_bound(report.date)
                if first_values and total > first_bound:
                    reasons.append(ImplausibleFirstValue(key, total, first_bound))
                continue
            difference, bound = total - before, self.bound(key)
            if difference > bound * days:
                reasons.append(ImplausibleRise(key, difference, days, bound * days))
            elif -difference > bound:
                reasons.append(ImplausibleFall(key, difference, bound))
        return reasons


def _before(previous: Report | None, key: str) -> int | None:
    return None if previous is None else comparable_total(previous, key)


def _first_value_bound(report_date: date) -> int:
    return FIRST_VALUE_PER_DAY * max(war_day(report_date), 1)


def _not_counts(report: Report) -> list[Reason]:
    totals = [
        NotACount(key, value)
        for key, value in report.totals.items()
        if not 0 <= value <= LARGEST_INTEGER
    ]
    changes = [
        NotACount(key, value)
        for key, value in report.changes.items()
        if not -LARGEST_INTEGER - 1 <= value <= LARGEST_INTEGER
    ]
    return [*totals, *changes]


def _missing(stored: Report, revision: Report) -> Sequence[Reason]:
    missing = sorted(
        (stored.totals.keys() - revision.totals.keys())
        | (stored.changes.keys() - revision.changes.keys())
    )
    return [IncompleteRevision(tuple(missing))] if missing else []
