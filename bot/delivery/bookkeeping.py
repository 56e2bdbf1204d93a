"""The outbox worker's reads and writes: claims with a lease, sent marks in batches.

The worker claims the deliveries it is about to send (`claim`): the store records the claim with
a lease of `lease` s, renewed every `lease / 3` s while the worker holds it, and released when it
gives the delivery back unsent. A claim the worker could not renew for `lease - margin` s is no
longer its own to act on (`holds`): another sender may take it up once the lease ends.

A message that went out is marked sent within `mark_interval` s, or as soon as `mark_batch`
marks wait; senders wait when twice that many are unwritten. So a kill -9 can lose at most
`2 × mark_batch` sent marks (about `rate × mark_interval` at a paced rate: 6 at 30/s), beside
the `concurrency` messages at most then in flight: only those can go out twice after a restart
(or after another replica takes over).

Every other write (a failure, a retry, an unsubscription, a migration) writes the waiting marks
first, in the same transaction, so the store sees what happened in the order it happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.chats import Chat
from bot.domain.deliveries import Delivery, DeliveryKind
from bot.services.chats import migrate_chat
from bot.services.clock import Clock
from bot.store.campaigns import CampaignRepository
from bot.store.chats import Address, ChatRepository
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository

log = logging.getLogger(__name__)


class Bookkeeper:
    """The store as the worker sees it; outcomes known but not yet written are kept here, and
    the claims the worker holds."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        mark_batch: int,
        lease: float = 10.0,
        margin: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self._clock = clock
        self._mark_batch = mark_batch
        self._lease, self._margin = lease, margin
        self._monotonic = monotonic
        self.owner = secrets.token_hex(8)
        """This worker's token in the claims it makes."""
        self._claims: dict[int, float] = {}
        """Deliveries claimed (by id), and when the claim was last made or renewed (monotonic)."""
        self._writes = asyncio.Lock()
        self._sent: list[tuple[int, int]] = []
        self._progress: list[tuple[int, int]] = []
        self._skipped: list[int] = []
        self._edited: list[int] = []
        self._unwritten: set[int] = set()
        self._full = asyncio.Event()
        self._written = asyncio.Event()

    # Reads wait for the write under way: one made alongside could predate it and show a sent
    # delivery still pending while its outcome, written, is no longer remembered as unwritten.

    async def claim(self, kind: DeliveryKind, limit: int) -> list[Delivery]:
        """Claims the next due deliveries of `kind` (see `DeliveryRepository.claim`)."""
        now, started = self._clock.now(), self._monotonic()
        until = now + timedelta(seconds=self._lease)
        async with self._writes, self._database.transaction() as session:
            rows = await DeliveryRepository(session).claim(kind, now, self.owner, until, limit)
        for row in rows:
            self._claims[row.id] = started
        return rows

    async def unfinished(self, kind: DeliveryKind) -> bool:
        """Whether deliveries of `kind` are still due (claimed or not) or still being planned:
        the sender does not start the next kind meanwhile."""
        async with self._writes, self._database.session() as session:
            if await DeliveryRepository(session).has_due(kind, self._clock.now()):
                return True
            return await CampaignRepository(session).is_unplanned(kind)

    def holds(self, delivery_id: int) -> bool:
        """Whether the worker's claim on the delivery is surely still alive (renewed recently
        enough that its lease has not ended in the store)."""
        claimed = self._claims.get(delivery_id)
        return claimed is not None and self._monotonic() - claimed < self._lease - self._margin

    async def renew_periodically(self, done: asyncio.Event) -> None:
        """Renews the claims every third of the lease until `done` is set."""
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), self._lease / 3)
            if not done.is_set():
                try:
                    await self.renew()
                except Exception:
                    log.exception("could not renew the outbox's claims; trying again")

    async def renew(self) -> None:
        ids, started = list(self._claims), self._monotonic()
        if not ids:
            return
        until = self._clock.now() + timedelta(seconds=self._lease)
        async with self._writes, self._database.transaction() as session:
            await DeliveryRepository(session).renew(ids, self.owner, until)
        for delivery_id in ids:
            if delivery_id in self._claims:
                self._claims[delivery_id] = started

    async def release(self, delivery_ids: Iterable[int]) -> None:
        """Gives back to the store the claims on those of these deliveries that were not sent."""
        ids = [
            delivery_id
            for delivery_id in delivery_ids
            if delivery_id in self._claims and delivery_id not in self._unwritten
        ]
        if not ids:
            return
        async with self._writes, self._database.transaction() as session:
            await DeliveryRepository(session).release(ids, self.owner)
        for delivery_id in ids:
            self._claims.pop(delivery_id, None)

    async def release_all(self) -> None:
        """Ends every claim in the store: for a start when no other sender can be alive."""
        async with self._writes, self._database.transaction() as session:
            released = await DeliveryRepository(session).release_all()
        if released:
            log.info("released %d claims left by a sender that is gone", released)

    @property
    def claimed(self) -> frozenset[int]:
        return frozenset(self._claims)

    async def needing_edit(self, limit: int) -> list[Delivery]:
        async with self._writes, self._database.session() as session:
            return await DeliveryRepository(session).needing_edit(limit)

    async def subscriptions(self, addresses: Iterable[Address]) -> dict[Address, Chat]:
        """The subscriptions (chats and topics) the deliveries go to, by (chat id, thread)."""
        async with self._writes, self._database.session() as session:
            return await ChatRepository(session).get_many(addresses)

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

    def progressed(self, delivery_id: int, message_id: int) -> None:
        """The first of the delivery's two messages went (a digest's text); it stays pending."""
        self._progress.append((delivery_id, message_id))

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
        """Leaves the delivery pending until `not_before`, its claim given up."""
        await self._unit_of_work(
            lambda session: DeliveryRepository(session).reschedule(delivery_id, not_before, error)
        )
        self._claims.pop(delivery_id, None)

    async def fail(self, delivery_id: int, error: str) -> None:
        await self._unit_of_work(
            lambda session: DeliveryRepository(session).mark_failed(delivery_id, error)
        )
        self._claims.pop(delivery_id, None)

    async def unsubscribe(self, chat_id: int, failed: int | None, error: str) -> None:
        """The chat blocked the bot or is gone: it is unsubscribed with every topic of it,
        `failed` (the delivery that found out) is recorded failed and its other pending
        deliveries are skipped."""

        async def work(session: AsyncSession) -> None:
            deliveries = DeliveryRepository(session)
            if failed is not None:
                await deliveries.mark_failed(failed, error)
            await ChatRepository(session).unsubscribe_all(chat_id)
            await deliveries.skip_pending_for_chat(chat_id)

        await self._unit_of_work(work)
        if failed is not None:
            self._claims.pop(failed, None)

    async def unsubscribe_topic(
        self, chat_id: int, thread_id: int | None, failed: int | None, error: str
    ) -> None:
        """A forum topic was deleted or closed: that topic alone is unsubscribed, `failed` is
        recorded failed and the topic's other pending deliveries are skipped."""

        async def work(session: AsyncSession) -> None:
            deliveries = DeliveryRepository(session)
            if failed is not None:
                await deliveries.mark_failed(failed, error)
            chats = ChatRepository(session)
            await chats.set_subscribed(chat_id, False, thread_id=thread_id)
            await deliveries.skip_pending_for_topic(chat_id, thread_id)

        await self._unit_of_work(work)
        if failed is not None:
            self._claims.pop(failed, None)

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
            progress = self._progress
            if not (sent or skipped or edited or progress or work):
                return
            self._sent, self._skipped, self._edited, self._progress = [], [], [], []
            try:
                async with self._database.transaction() as session:
                    deliveries = DeliveryRepository(session)
                    await deliveries.mark_progress(progress)
                    await deliveries.mark_sent(sent, self._clock.now())
                    await deliveries.mark_skipped(skipped)
                    for delivery_id in edited:
                        await deliveries.edited(delivery_id)
                    if work is not None:
                        await work(session)
            except BaseException:
                # Not written: kept for the next try, oldest first.
                self._sent[:0], self._skipped[:0], self._edited[:0] = sent, skipped, edited
                self._progress[:0] = progress
                raise
            done = {delivery_id for delivery_id, _ in sent} | set(skipped) | set(edited)
            self._unwritten.difference_update(done)
            for delivery_id in done:
                self._claims.pop(delivery_id, None)
            self._written.set()
            self._written = asyncio.Event()
