"""Why the gate refused a report: typed reasons that carry data, not prose.

Renderers word each reason for the admins (`render/refusals.py`); the store keeps its `code` and
the figures it names. A report is refused when it has at least one reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class DateOutOfRange:
    """The report's date lies before the war's first day or after tomorrow (Kyiv)."""

    date: date
    earliest: datetime.date  # `date` here would name the field above
    latest: datetime.date
    code = "date"


@dataclass(frozen=True, slots=True)
class NotACount:
    """`value` cannot be a total (negative) or lies beyond the store's 64-bit integers."""

    key: str
    value: int
    code = "integer"


@dataclass(frozen=True, slots=True)
class ImplausibleRise:
    """The total of `key` rose by `difference` over `days` day(s), above `bound`."""

    key: str
    difference: int
    days: int
    bound: int
    code = "rise"


@dataclass(frozen=True, slots=True)
class ImplausibleFall:
    """The total of `key` fell by `-difference`: more than a correction of at most `bound`."""

    key: str
    difference: int
    bound: int
    code = "fall"


@dataclass(frozen=True, slots=True)
class ImplausibleChange:
    """The published change of `key` lies outside `-bound … bound`."""

    key: str
    change: int
    bound: int
    code = "change"


@dataclass(frozen=True, slots=True)
class ImplausibleFirstValue:
    """`key` appears for the first time with a total above `bound` (its total to date)."""

    key: str
    total: int
    bound: int
    code = "first-value"


@dataclass(frozen=True, slots=True)
class DuplicateDate:
    """One answer held this date more than once with different figures: the whole answer is
    refused, since nothing says which one is true."""

    date: date
    code = "duplicate"


@dataclass(frozen=True, slots=True)
class IncompleteRevision:
    """A new reading of a stored report lacks categories (totals or published changes) that the
    stored one has: a revision never replaces figures with nothing."""

    missing: tuple[str, ...]
    code = "incomplete"


Reason = (
    DateOutOfRange
    | NotACount
    | ImplausibleRise
    | ImplausibleFall
    | ImplausibleChange
    | ImplausibleFirstValue
    | DuplicateDate
    | IncompleteRevision
)
