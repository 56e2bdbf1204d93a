"""The clock seam: the only place that reads the wall clock, and today's date by it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, time-zone aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


Today = Callable[[], date]
"""Today's date where people mean it: `yesterday` and `7d` count back from it."""


def system_today() -> date:
    """Today in UTC, for callers that have no clock of their own (tests, benchmarks)."""
    return SystemClock().now().date()


def today_in(clock: Clock, timezone: ZoneInfo) -> Today:
    """Today by `clock` in `timezone` (the bot's BOT_TIMEZONE)."""
    return lambda: clock.now().astimezone(timezone).date()
