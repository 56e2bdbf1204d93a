"""What the domain announces (record days, milestones); renderers word it, delivery sends it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date


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
    """The report of `date` closes day `day` of the war, a multiple of 100."""

    date: date
    day: int


Milestone = TotalMilestone | WarDayMilestone
Event = RecordDay | TotalMilestone | WarDayMilestone
