"""Milestones: a total crossing a round number, and war-day anniversaries (every 100th day).

A total makes a milestone only when it grows past a multiple of its category's step that it has
never reached before: a fall and a later climb back above an old threshold announce nothing again,
and a category's first value (a total to date) announces nothing at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from bot.domain.categories import CATALOGUE, category, ordered
from bot.domain.changes import comparable_total
from bot.domain.events import Milestone, TotalMilestone, WarDayMilestone
from bot.domain.history import History
from bot.domain.periods import war_day_summary
from bot.domain.reports import Report

WAR_DAY_STEP = 100
_MERGED_KEYS = tuple(entry.key for entry in CATALOGUE if entry.merged_from)


def peak_totals(reports: Iterable[Report]) -> dict[str, int]:
    """The highest total ever seen per category (parts of a later merge summed)."""
    peaks: dict[str, int] = {}
    for report in reports:
        add_to_peaks(peaks, report)
    return peaks


def add_to_peaks(peaks: dict[str, int], report: Report) -> None:
    """Raise `peaks` to the totals of `report`."""
    for key, total in report.totals.items():
        peaks[key] = max(peaks.get(key, total), total)
    for key in _MERGED_KEYS:
        if key not in report.totals and (summed := comparable_total(report, key)) is not None:
            peaks[key] = max(peaks.get(key, summed), summed)


def milestones(
    previous: Report | None, report: Report, peaks: Mapping[str, int] | None = None
) -> list[Milestone]:
    """The milestones `report` reaches after `previous` (the report before it, if any).

    `peaks` are the highest totals seen before `report` (see `peak_totals`); without them the
    previous report's totals stand in, which is only right if no total ever fell. When a total
    crosses several thresholds at once, only the highest is announced.
    """
    found: list[Milestone] = []
    if report.day % WAR_DAY_STEP == 0:
        found.append(WarDayMilestone(report.date, report.day))
    if previous is None:
        return found
    for key in ordered(report.totals):
        before = comparable_total(previous, key)
        if before is None:  # a first value: a total to date, not a crossing
            continue
        total = report.totals[key]
        step = category(key).milestone_step
        threshold = total // step * step
        peak = before if peaks is None else max(before, peaks.get(key, before))
        if threshold > peak:
            found.append(TotalMilestone(key, report.date, threshold, total))
    return found


def milestones_in(history: History, report: Report) -> list[Milestone]:
    """The milestones of `report` against every report before it in `history`; a war-day
    milestone carries its `war_day_summary`."""
    earlier = history.between(date.min, report.date - timedelta(days=1))
    found = milestones(earlier[-1] if earlier else None, report, peak_totals(earlier))
    return [
        dataclasses.replace(event, summary=war_day_summary(history, report))
        if isinstance(event, WarDayMilestone)
        else event
        for event in found
    ]
