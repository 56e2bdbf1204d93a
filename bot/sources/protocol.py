"""The seam between the bot and wherever the daily figures come from (upstream, or a test fake).

Two sources implement it: the figures API client and the channel reader. A source that can also
say what it read, raw, implements `ObservingSource`: its `Observation`s are what the bot keeps,
append-only, so that every source's reading of a date survives as it was read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from bot.domain.post_refusals import Refusal
from bot.domain.reports import Report


@dataclass(frozen=True, slots=True)
class Observation:
    """One reading of a source, as read: the report, or why what was read is not one."""

    source: str
    """The source's name (`ChannelReader.name`, ...)."""
    read_at: datetime
    raw: str
    """What was read, verbatim enough to read again (the channel: its posts as JSON)."""
    report: Report | None
    """The figures read; None when refused."""
    refusal: Refusal | None = None
    revision: bool = False
    """The source marks what it read as edited after publication."""
    locator: str | None = None
    """Where it was read (the post's link)."""


class FiguresSource(Protocol):
    """Reads reports; every method raises `SourceUnavailable` when no valid answer can be had."""

    async def latest(self) -> Report:
        """The newest published report."""
        ...

    async def on_date(self, report_date: date) -> Report | None:
        """The report dated `report_date`, or None when there is none."""
        ...

    def history(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> AsyncIterator[list[Report]]:
        """The reports between the dates (inclusive, both optional), one validated page at a time,
        ascending."""
        ...

    async def aclose(self) -> None:
        """Release the connections."""
        ...


@runtime_checkable
class ObservingSource(FiguresSource, Protocol):
    """A source that also hands over what it read, raw, with the report or the refusal."""

    name: str

    async def observe(self) -> Observation:
        """The newest report as read (or refused); raises `SourceUnavailable` when nothing
        could be read at all."""
        ...
