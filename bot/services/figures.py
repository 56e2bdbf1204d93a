"""The read side: the history loaded once from the store and kept in memory until it changes.

The whole history is a few thousand rows, so every answer (`/since`, `/records`, …) is computed from
memory in microseconds; writers call `invalidate()` after they commit, and so does every replica
when another one tells it (PostgreSQL NOTIFY, `bot/runtime/postgres.py`) that it stored figures.
A reader that needs a report the snapshot lacks (a delivery of a report another replica stored,
its notification still on the way) asks `figures(covering=day)` and gets a fresh snapshot.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from bot.domain.history import History
from bot.domain.records import RecordBook, record_book
from bot.store.database import Database
from bot.store.reports import ReportRepository


@dataclass(frozen=True, slots=True)
class Figures:
    """A consistent snapshot: the history and the records counted on it."""

    history: History
    records: RecordBook


class FiguresReader:
    def __init__(self, database: Database, records_since: date) -> None:
        self._database = database
        self._records_since = records_since
        self._snapshot: Figures | None = None
        self._generation = 0
        self._lock = asyncio.Lock()

    async def figures(self, covering: date | None = None) -> Figures:
        """The current snapshot, loaded from the store on first use and after `invalidate()`;
        reloaded as well when it ends before `covering`."""
        if self._snapshot is not None and _covers(self._snapshot, covering):
            return self._snapshot
        async with self._lock:
            if self._snapshot is not None and _covers(self._snapshot, covering):
                return self._snapshot
            generation = self._generation
            async with self._database.transaction() as session:
                reports = await ReportRepository(session).all()
            history = History(reports)
            snapshot = Figures(history, record_book(history, self._records_since))
            if generation == self._generation:  # no write landed while we were loading
                self._snapshot = snapshot
            return snapshot

    def invalidate(self) -> None:
        self._generation += 1
        self._snapshot = None


def _covers(figures: Figures, day: date | None) -> bool:
    history = figures.history
    return day is None or (bool(history) and history.latest.date >= day)
