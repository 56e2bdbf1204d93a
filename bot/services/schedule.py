"""What the bot does on a schedule, as data: the services say what runs when, the runtime runs it.

Each service lists its `ScheduledTask`s (the poll of each figures source, the staleness warning,
the digests, the retention's purge); `bot.runtime` hands them to python-telegram-bot's JobQueue
(APScheduler), so that every run is a named job whose errors reach the error handler. A task that
must run on one replica only (`active_only`, all of them today) does nothing on the others.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True, slots=True)
class Every:
    """Every `seconds`, the first time `first` seconds after the start (default: one interval)."""

    seconds: float
    first: float | None = None


@dataclass(frozen=True, slots=True)
class DailyAt:
    """Every day at `at` (time-zone aware)."""

    at: time


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    name: str
    when: Every | DailyAt
    run: Callable[[], Awaitable[object]]
    active_only: bool = True
    """Runs on the active replica only (polling the figures, planning digests, purging)."""


class Bell:
    """Rings everyone listening: e.g. "the outbox has new work" from the services that add it
    to the sender that drains it, without either knowing the other."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def listen(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def ring(self) -> None:
        for listener in self._listeners:
            listener()
