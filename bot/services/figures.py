"""The read side: the history loaded once from the store and kept in memory until it changes.

The whole history is a few thousand rows, so every answer (`/since`, `/records`, …) is computed from
memory in microseconds; writers call `invalidate()` after they commit (or `written()` with the
history they committed, when they hold it whole), and every replica calls it when another one tells
it (PostgreSQL NOTIFY, `bot/runtime/postgres.py`) that it stored figures.
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
        self._loading: asyncio.Future[Figures] | None = None

    async def figures(self, covering: date | None = None) -> Figures:
        """The current snapshot, loaded from the store on first use and after `invalidate()`;
        reloaded as well when it ends before `covering`."""
        snapshot = self._snapshot
        if snapshot is not None and _covers(snapshot, covering):
            return snapshot
        # One load for every caller that asks meanwhile, all woken at once when it is done (a
        # lock would let them through one by one, reordering the broadcast's chats behind
        # them); each caller awaits it, so its errors reach them.
        loading = self._loading
        if loading is None or (loading.done() and not _covers_result(loading, covering)):
            loading = self._loading = asyncio.ensure_future(self._load())
            loading.add_done_callback(_retrieved)
        try:
            return await asyncio.shield(loading)
        finally:
            if self._loading is loading and loading.done():
                self._loading = None

    async def _load(self) -> Figures:
        generation = self._generation
        async with self._database.transaction() as session:
            reports = await ReportRepository(session).all()
        history = History(reports)
        snapshot = Figures(history, record_book(history, self._records_since))
        if generation == self._generation:  # no write landed while we were loading
            self._snapshot = snapshot
        return snapshot

    @property
    def generation(self) -> int:
        """Counts the writes this reader was told of (`invalidate`, `written`)."""
        return self._generation

    def invalidate(self) -> None:
        self._generation += 1
        self._snapshot = None
        self._loading = None  # a load under way may predate the write: the next caller reloads

    def written(self, history: History, since: int) -> None:
        """A writer committed, and `history` is the whole stored history it read and wrote in
        that transaction: it becomes the snapshot, sparing the next caller a reload (on the
        daily post's way to its first chat). When another write was told of since the writer
        began (`since`, the `generation` it saw then), `history` may lack it: reload instead."""
        fresh = self._generation == since
        self.invalidate()
        if fresh:
            self._snapshot = Figures(history, record_book(history, self._records_since))


def _retrieved(loading: asyncio.Future[Figures]) -> None:
    """Marks a failed load's error as seen (its callers got it, if any were still waiting)."""
    if not loading.cancelled():
        loading.exception()


def _covers_result(loading: asyncio.Future[Figures], day: date | None) -> bool:
    return (
        not loading.cancelled() and loading.exception() is None and _covers(loading.result(), day)
    )


def _covers(figures: Figures, day: date | None) -> bool:
    history = figures.history
    return day is None or (bool(history) and history.latest.date >= day)
