"""The outbox worker's reads and writes: one write transaction at a time, sent marks in batches.

A message that went out is marked sent within `mark_interval` s, or as soon as `mark_batch`
marks wait; senders wait when twice that many are unwritten. So a kill -9 can lose at most
`2 × mark_batch` sent marks (about `rate × mark_interval` at a paced rate: 6 at 30/s), beside
the `concurrency` messages at most then in flight: only those can go out twice after a restart.

Every other write (a failure, a retry, an unsubscription, a migration) writes the waiting marks
first, in the same transaction, so the store sees what happened in the order it happened.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.chats import Chat
from bot.domain.deliveries import Delivery
from bot.services.chats import migrate_chat
from bot.services.clock import Clock
from bot.store.chats import ChatRepository
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository


class Bookkeeper:
    """The store as the worker sees it; outcomes known but not yet written are kept here."""

    def __init__(self, database: Database, clock: Clock, mark_batch: int) -> None:
        self._database = database
        self._clock = clock
        self._mark_batch = mark_batch
        self._writes = asyncio.Lock()
        self._sent: list[tuple[int, int]] = []
        self._skipped: list[int] = []
        self._edited: list[int] = []
        self._unwritten: set[int] = set()
        self._full = asyncio.Event()
        self._written = asyncio.Event()

    # Reads wait for the write under way: one made alongside could predate it and show a sent
    # delivery still pending while its outcome, written, is no longer remembered as unwritten.

    async def due(self, now: datetime, limit: int) -> list[Delivery]:
        async with self._writes, self._database.session() as session:
            return await DeliveryRepository(session).due(now, limit)

    async def needing_edit(self, limit: int) -> list[Delivery]:
        async with self._writes, self._database.session() as session:
            return await DeliveryRepository(session).needing_edit(limit)

    async def chats(self, chat_ids: Iterable[int]) -> dict[int, Chat]:
        async with self._writes, self._database.session() as session:
            return await ChatRepository(session).get_many(chat_ids)

    async def next_retry(self, after: datetime) -> datetime | None:
        async with self._database.session() as session:
            return await DeliveryRepository(session).next_retry(after)

    @property
    def unwritten(self) -> int:
        """Outcomes not yet committed: waiting, or in the transaction being written."""
        return len(self._unwritten)

    def is_unwritten(self, delivery_id: int) -> bool:
        """Whether the delivery's outcome is known but not yet in the store (which still shows
        it pending, or to be edited): it must not be taken up again meanwhile."""
        return delivery_id in self._unwritten

    def sent(self, delivery_id: int, message_id: int) -> None:
        self._sent.append((delivery_id, message_id))
        self._note(delivery_id)

    def skipped(self, delivery_id: int) -> None:
        self._skipped.append(delivery_id)
        self._note(delivery_id)

    def edited(self, delivery_id: int) -> None:
        self._edited.append(delivery_id)
        self._note(delivery_id)

    async def room(self) -> None:
        """Waits while too many outcomes are unwritten (the store is slower than the sending)."""
        while self.unwritten >= 2 * self._mark_batch:
            self._full.set()
            await self._written.wait()

    async def write_periodically(self, interval: float, done: asyncio.Event) -> None:
        """Writes the waiting outcomes every `interval` s, or as soon as `mark_batch` wait, until
        `done` is set and `nudge()` called; then a last time."""
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._full.wait(), interval)
            self._full.clear()
            await self.write()
        await self.write()

    def nudge(self) -> None:
        """Has `write_periodically` write now."""
        self._full.set()

    async def write(self) -> None:
        """Writes the waiting outcomes now."""
        await self._unit_of_work(None)

    async def reschedule(self, delivery_id: int, not_before: datetime, error: str) -> None:
        await self._unit_of_work(
            lambda session: DeliveryRepository(session).reschedule(delivery_id, not_before, error)
        )

    async def fail(self, delivery_id: int, error: str) -> None:
        await self._unit_of_work(
            lambda session: DeliveryRepository(session).mark_failed(delivery_id, error)
        )

    async def unsubscribe(self, chat_id: int, failed: int | None, error: str) -> None:
        """The chat blocked the bot or is gone: it is unsubscribed, `failed` (the delivery that
        found out) is recorded failed and its other pending deliveries are skipped."""

        async def work(session: AsyncSession) -> None:
            deliveries = DeliveryRepository(session)
            if failed is not None:
                await deliveries.mark_failed(failed, error)
            await ChatRepository(session).set_subscribed(chat_id, False)
            await deliveries.skip_pending_for_chat(chat_id)

        await self._unit_of_work(work)

    async def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup: its subscription, settings and pending deliveries move
        to the new id, where the outbox sends them again (the same use case as the migration's
        service message; whichever comes second changes nothing)."""
        await self._unit_of_work(lambda session: migrate_chat(session, old_chat_id, new_chat_id))

    def _note(self, delivery_id: int) -> None:
        self._unwritten.add(delivery_id)
        if len(self._unwritten) >= self._mark_batch:
            self._full.set()

    async def _unit_of_work(self, work: Callable[[AsyncSession], Awaitable[object]] | None) -> None:
        async with self._writes:
            sent, skipped, edited = self._sent, self._skipped, self._edited
            if not (sent or skipped or edited or work):
                return
            self._sent, self._skipped, self._edited = [], [], []
            try:
                async with self._database.transaction() as session:
                    deliveries = DeliveryRepository(session)
                    await deliveries.mark_sent(sent, self._clock.now())
                    await deliveries.mark_skipped(skipped)
                    for delivery_id in edited:
                        await deliveries.edited(delivery_id)
                    if work is not None:
                        await work(session)
            except BaseException:
                # Not written: kept for the next try, oldest first.
                self._sent[:0], self._skipped[:0], self._edited[:0] = sent, skipped, edited
                raise
            self._unwritten.difference_update(delivery_id for delivery_id, _ in sent)
            self._unwritten.difference_update(skipped)
            self._unwritten.difference_update(edited)
            self._written.set()
            self._written = asyncio.Event()
