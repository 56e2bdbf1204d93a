"""What the domain announces (record days, milestones); renderers word it, delivery sends it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date

from bot.domain.periods import WarDaySummary


@dataclass(frozen=True, slots=True)
class RecordDay:
    """`value` on `date` is the largest published change in `category` since the baseline."""

    category: str
    date: date
    value: int
    previous: int
    previous_date: datetime.date  # `date` here would name the field above


@dataclass(frozen=True, slots=True)
class TotalMilestone:
    """The total of `category` crossed `threshold` (a multiple of its step) on `date`."""

    category: str
    date: date
    threshold: int
    total: int


@dataclass(frozen=True, slots=True)
class WarDayMilestone:
    """The report of `date` closes day `day` of the war, a multiple of 100.

    `summary` (where the whole history was at hand: `milestones_in`) is what the alert adds to
    the daily post: personnel over the last 100 days against the 100 before.
    """

    date: date
    day: int
    summary: WarDaySummary | None = field(default=None, compare=False)


Milestone = TotalMilestone | WarDayMilestone
Event = RecordDay | TotalMilestone | WarDayMilestone
