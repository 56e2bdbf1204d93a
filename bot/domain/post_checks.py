"""Do a report's figures hold together with the report before it? Checked before anything is used.

What needs only the report and the one before it (the plausibility gate against the whole stored
history runs after this, on whatever passes):

- personnel must be there;
- a category of the previous report must not go missing (unless the post dropped its line for
  good, like ОТРК/ТРК from 2022-05-01), nor lose its published change;
- no total may fall by more than a correction explains;
- the totals must not all repeat the previous report's while changes are published (yesterday's
  post under today's header);
- on consecutive days each total must be the previous total plus the published change. The
  history has correction days (a recount folded into the total) on up to 9 categories at once,
  each by at most a few per cent; a difference beyond `allowance` is a lost or wrong digit, and
  more than `MAX_RECOUNTS` categories off is not a correction day.

A report that passes comes back with its small recounts named: a correction day, or a published
change that lost a digit (`(+1610)` read as `(+160)`), which nothing in the figures can tell
apart. A source that is read first (the channel) should have those confirmed by the second
source before they reach a subscriber.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.domain.categories import PERSONNEL, category
from bot.domain.changes import comparable_total
from bot.domain.post_refusals import (
    CategoryMissing,
    ChangeMissing,
    PersonnelMissing,
    RecountTooLarge,
    Refusal,
    StaleFigures,
    TooManyRecounts,
    TotalFell,
)
from bot.domain.post_words import carried_on
from bot.domain.reports import Report

RECOUNT_FLOOR = 5
RECOUNT_SHARE = 0.05
MAX_RECOUNTS = 10
"""The history's worst correction day (2023-05-27) moved 9 categories."""


@dataclass(frozen=True, slots=True)
class Recount:
    """`key`'s total moved by `amount` more than its published change."""

    key: str
    amount: int
    code = "recount"


@dataclass(frozen=True, slots=True)
class Consistent:
    """A report whose figures hold together with the one before it."""

    report: Report
    recounts: tuple[Recount, ...] = ()
    """Small differences a correction explains (or a lost digit in a published change)."""


def allowance(previous_total: int) -> int:
    """How far a correction has moved a total beyond its published change, at most."""
    return max(RECOUNT_FLOOR, math.ceil(previous_total * RECOUNT_SHARE))


def check_report(report: Report, previous: Report | None) -> Consistent | Refusal:
    """`report` checked against `previous`, the report before its date (None: there is none)."""
    if PERSONNEL not in report.totals:
        return PersonnelMissing()
    if previous is None:
        return Consistent(report)
    if previous.date >= report.date:
        raise ValueError(f"{previous.date} is not before {report.date}")
    consecutive = (report.date - previous.date).days == 1
    if _repeats(report, previous):
        return StaleFigures(previous.date)
    recounts: list[Recount] = []
    merged = {part for key in report.totals for part in category(key).merged_from}
    for key in previous.totals:
        if key not in report.totals and key not in merged and carried_on(key, report.date):
            return CategoryMissing(key, previous.date)
    for key, total in report.totals.items():
        before = comparable_total(previous, key)
        if before is None:
            continue  # a first value: nothing to compare with
        if total < before - allowance(before):
            return TotalFell(key, total, before)
        change = report.changes.get(key)
        if change is None:
            return ChangeMissing(key)
        if consecutive and total != before + change:
            if abs(total - before - change) > allowance(before):
                return RecountTooLarge(key, total, before + change)
            recounts.append(Recount(key, total - before - change))
    if len(recounts) > MAX_RECOUNTS:
        return TooManyRecounts(tuple(recount.key for recount in recounts))
    return Consistent(report, tuple(recounts))


def _repeats(report: Report, previous: Report) -> bool:
    shared = report.totals.keys() & previous.totals.keys()
    return (
        bool(shared)
        and all(report.totals[key] == previous.totals[key] for key in shared)
        and any(report.changes.get(key, 0) != 0 for key in shared)
    )
