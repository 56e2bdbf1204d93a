"""A report: the cumulative totals and published one-day changes of one date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

WAR_START = date(2022, 2, 24)


def war_day(report_date: date) -> int:
    """The day of the war that a report dated `report_date` closes (24 Feb 2022 is day 1)."""
    return (report_date - WAR_START).days + 1


@dataclass(frozen=True, slots=True)
class Report:
    """One daily report as published.

    `totals` are the cumulative figures since 24 February 2022; `changes` are the published one-day
    changes ("(+N)"). A category absent from `totals` was not reported that day, which is not zero.
    """

    date: date
    totals: Mapping[str, int]
    changes: Mapping[str, int] = field(default_factory=dict)
    source_url: str | None = None
    raw: str | None = field(default=None, compare=False, repr=False)
    """The reading as its source gave it (the API's JSON record, a post's text), kept with a
    refusal; None for reports read back from the store."""

    @property
    def day(self) -> int:
        return war_day(self.date)

    def same_figures(self, other: Report) -> bool:
        """Whether `other` carries the same figures and source (a re-fetch, not a revision)."""
        return (
            dict(self.totals) == dict(other.totals)
            and dict(self.changes) == dict(other.changes)
            and self.source_url == other.source_url
        )
