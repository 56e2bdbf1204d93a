"""The seam between the bot and wherever the daily figures come from (upstream, or a test fake)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Protocol

from bot.domain.reports import Report


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
