"""One chat's share of the outbox, sent (or edited) in order, and what each outcome leads to.

A chat's share covers its own subscription and its forum topics', one message at a time, so that
they share the chat's flood limits as Telegram counts them (per chat). Each delivery goes to its
subscription: into its topic's thread, in its language and by its settings.

A digest is two messages (its text, then its chart): once the text went, the delivery notes it
(`progressed`) and stays pending for the chart, so a retry or a restart sends the chart alone.
Nothing is sent unless the sender may act (`guard`: the replica is still the active one) and
still holds its claim on the delivery.

- sent: marked sent with its message id (in a batch, see `bookkeeping.py`);
- nothing to send (the composer says so): skipped;
- blocked or gone (403, "chat not found"): failed; the chat is unsubscribed, its topics too, and
  its other pending deliveries skipped (a later /start or /subscribe brings it back);
- a forum topic deleted or closed ("message thread not found", "TOPIC_CLOSED"): failed; that
  topic alone is unsubscribed and its other pending deliveries skipped;
- migrated: the subscription, settings and pending deliveries move to the new id, where the
  outbox sends them again;
- a 429: every send holds for retry_after, then this one goes again (it is not a failure);
- a timeout, network fault or 5xx: retried after an exponential backoff, `max_attempts` tries in
  all, then failed; meanwhile the chat's later deliveries wait (the store does not let them be
  claimed while an earlier one of the chat is pending), so that they keep their order;
- any other refusal: failed at once.

An edit that changed nothing ("message is not modified") is done. An edit that cannot be made is
given up (the post stays as it was); one that keeps failing is given up after `max_attempts`.
A daily card is edited by its caption, its picture left as sent; when the chat switched
`picture_card` since, or the revised text no longer fits a caption, Telegram refuses the edit
and the post stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.bookkeeping import Bookkeeper
from bot.delivery.config import DeliverySettings
from bot.delivery.limits import SendLimits
from bot.delivery.outcomes import (
    ChatBlocked,
    ChatGone,
    ChatMoved,
    Delivered,
    FloodWait,
    Outcome,
    TopicGone,
    Transient,
    Unchanged,
)
from bot.delivery.sender import MessageSender
from bot.domain.chats import Chat, ChatKind
from bot.domain.deliveries import Delivery
from bot.services.clock import Clock
from bot.services.compose import Composer, OutgoingMessage

log = logging.getLogger(__name__)

Guard = Callable[[], Awaitable[bool]]
"""Whether this process may send now (the runtime's leadership); False stops the worker."""


async def always() -> bool:
    return True


_GROUPS = frozenset({ChatKind.GROUP, ChatKind.SUPERGROUP, ChatKind.CHANNEL})


@dataclass(slots=True)
class OutboxStats:
    """What the worker did since it was made."""

    sent: int = 0
    edited: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    flood_waits: int = 0
    """429s answered by Telegram (each held every send for its retry_after)."""
    unsubscribed: int = 0
    migrated: int = 0
    most_unconfirmed: int = 0
    """The most messages at once that were in flight or sent but not yet marked: what a kill -9
    at that moment could have sent twice."""


@dataclass(slots=True, eq=False)
class Job:
    """One chat's deliveries of a batch, in order, each with the subscription it goes to (the
    chat's own, or one of its topics')."""

    chat_id: int
    is_group: bool
    """A group, supergroup or channel: 20 messages a minute, whichever topics they go to."""
    deliveries: list[tuple[Delivery, Chat]]
    edits: bool
    """Edits of sent posts rather than new messages."""
    sending: bool = False
    """A request is on the wire: cancelling now could lose what Telegram did with it."""

    @classmethod
    def of(cls, chat: Chat, edits: bool) -> Job:
        """An empty job for `chat` (any of its subscriptions)."""
        return cls(chat.chat_id, chat.kind in _GROUPS, [], edits)

    @property
    def delivery_ids(self) -> list[int]:
        return [delivery.id for delivery, _ in self.deliveries]


class JobRunner:
    def __init__(
        self,
        sender: MessageSender,
        composer: Composer,
        books: Bookkeeper,
        limits: SendLimits,
        settings: DeliverySettings,
        clock: Clock,
        guard: Guard = always,
    ) -> None:
        self._sender = sender
        self._composer = composer
        self._books = books
        self._limits = limits
        self._settings = settings
        self._clock = clock
        self._guard = guard
        self.stats = OutboxStats()
        self.stopping = False
        self.held_edits: dict[int, datetime] = {}
        """Edits (by delivery id) that wait to be tried again."""
        self._edit_tries: dict[int, int] = {}
        self._in_flight = 0

    async def run(self, job: Job) -> None:
        handle = self._edit if job.edits else self._send
        for delivery, subscription in job.deliveries:
            if self.stopping or not await handle(job, delivery, subscription):
                return

    async def _send(self, job: Job, delivery: Delivery, chat: Chat) -> bool:
        """Sends one delivery to its subscription `chat`; whether the chat's next one may
        follow."""
        message = await self._compose(delivery, chat)
        if message is None:
            self._books.skipped(delivery.id)
            self.stats.skipped += 1
            return True
        if isinstance(message, Transient):
            return await self._send_later(delivery, chat, message.description)
        if message.follow_up is not None:
            if delivery.message_id is None:
                outcome = await self._send_one(job, delivery, chat, message)
                if not isinstance(outcome, Delivered):
                    return await self._after(delivery, chat, outcome)
                self._books.progressed(delivery.id, outcome.message_id)
            message = message.follow_up
        outcome = await self._send_one(job, delivery, chat, message)
        return await self._after(delivery, chat, outcome)

    async def _send_one(
        self, job: Job, delivery: Delivery, chat: Chat, message: OutgoingMessage
    ) -> Outcome | None:
        chat_id, thread_id, silent = chat.chat_id, chat.thread_id, chat.settings.silent
        return await self._deliver(
            job,
            lambda: self._sender.send(chat_id, message, silent=silent, thread_id=thread_id),
            delivery.id,
        )

    async def _after(self, delivery: Delivery, chat: Chat, outcome: Outcome | None) -> bool:
        """Records what became of a delivery's message; whether the chat's next one may follow."""
        match outcome:
            case None:
                return False
            case Delivered(message_id):
                self._books.sent(delivery.id, message_id)
                self.stats.sent += 1
                return True
            case ChatBlocked(description) | ChatGone(description):
                log.info("chat %s unsubscribed, with its topics: %s", chat.chat_id, description)
                await self._books.unsubscribe(chat.chat_id, delivery.id, description)
                self.stats.unsubscribed += 1
                self.stats.failed += 1
                return False
            case TopicGone(description):
                log.info(
                    "topic %s of chat %s unsubscribed: %s",
                    chat.thread_id,
                    chat.chat_id,
                    description,
                )
                await self._books.unsubscribe_topic(
                    chat.chat_id, chat.thread_id, delivery.id, description
                )
                self.stats.unsubscribed += 1
                self.stats.failed += 1
                return False  # the chat's other deliveries are claimed again, this topic's not
            case ChatMoved(new_chat_id):
                log.info("chat %s migrated to %s", chat.chat_id, new_chat_id)
                await self._books.migrate(chat.chat_id, new_chat_id)
                self.stats.migrated += 1
                return False
            case Transient(description):
                return await self._send_later(delivery, chat, description)
            case _:
                log.warning(
                    "delivery %s to chat %s refused: %s", delivery.id, chat.chat_id, outcome
                )
                await self._books.fail(delivery.id, str(outcome))
                self.stats.failed += 1
                return True

    async def _send_later(self, delivery: Delivery, chat: Chat, error: str) -> bool:
        attempts = delivery.attempts + 1
        if attempts >= self._settings.max_attempts:
            log.warning(
                "delivery %s to chat %s failed %s times: %s",
                delivery.id,
                chat.chat_id,
                attempts,
                error,
            )
            await self._books.fail(delivery.id, error)
            self.stats.failed += 1
            return True
        until = self._later(attempts)
        await self._books.reschedule(delivery.id, until, error)
        self.stats.retried += 1
        return False

    async def _edit(self, job: Job, delivery: Delivery, chat: Chat) -> bool:
        """Edits one sent post (a message id is the chat's, whatever its topic); whether the
        chat's next one may follow."""
        message = await self._compose(delivery, chat)
        if message is None or delivery.message_id is None:
            self._books.edited(delivery.id)
            return True
        if isinstance(message, Transient):
            return self._edit_later(delivery, message.description)
        message_id = delivery.message_id
        outcome = await self._deliver(
            job, lambda: self._sender.edit(chat.chat_id, message_id, message)
        )
        if outcome is None:
            return False
        if isinstance(outcome, Transient):
            return self._edit_later(delivery, outcome.description)
        self._books.edited(delivery.id)
        self._edit_tries.pop(delivery.id, None)
        match outcome:
            case Delivered() | Unchanged():
                self.stats.edited += 1
                return True
            case ChatBlocked(description) | ChatGone(description):
                await self._books.unsubscribe(chat.chat_id, None, description)
                self.stats.unsubscribed += 1
                return False
            case TopicGone(description):
                await self._books.unsubscribe_topic(chat.chat_id, chat.thread_id, None, description)
                self.stats.unsubscribed += 1
                return True
            case ChatMoved(new_chat_id):
                await self._books.migrate(chat.chat_id, new_chat_id)
                self.stats.migrated += 1
                return False
            case _:
                log.info(
                    "cannot edit delivery %s in chat %s: %s", delivery.id, chat.chat_id, outcome
                )
                return True

    def _edit_later(self, delivery: Delivery, error: str) -> bool:
        tries = self._edit_tries.get(delivery.id, 0) + 1
        if tries >= self._settings.max_attempts:
            log.warning(
                "giving up editing delivery %s after %s tries: %s", delivery.id, tries, error
            )
            self._books.edited(delivery.id)
            self._edit_tries.pop(delivery.id, None)
            return True
        self._edit_tries[delivery.id] = tries
        self.held_edits[delivery.id] = self._later(tries)
        return False

    async def _compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | Transient | None:
        try:
            return await self._composer.compose(delivery, chat)
        except Exception as error:
            log.exception("composing delivery %s for chat %s failed", delivery.id, chat.chat_id)
            return Transient(f"composing failed: {error!r}")

    async def _deliver(
        self,
        job: Job,
        request: Callable[[], Awaitable[Outcome]],
        claimed: int | None = None,
    ) -> Outcome | None:
        """Makes the request within the chat's limits (its topics share them), again after each
        429; None if stopping first, if this process may no longer send, or if its claim on
        delivery `claimed` lapsed."""
        while True:
            await self._books.room()
            await self._limits.acquire(job.chat_id, job.is_group)
            if self.stopping:
                return None
            if not await self._guard():
                log.warning("no longer the active sender: the outbox stops")
                self.stopping = True
                return None
            if claimed is not None and not self._books.holds(claimed):
                log.warning("the claim on delivery %s lapsed: not sent", claimed)
                return None
            job.sending = True
            self._in_flight += 1
            unconfirmed = self._in_flight + self._books.unwritten
            self.stats.most_unconfirmed = max(self.stats.most_unconfirmed, unconfirmed)
            try:
                outcome = await request()
            finally:
                job.sending = False
                self._in_flight -= 1
            if not isinstance(outcome, FloodWait):
                return outcome
            log.warning("Telegram asks to hold all sending for %s s", outcome.seconds)
            self.stats.flood_waits += 1
            self._limits.hold(outcome.seconds)

    def _later(self, attempts: int) -> datetime:
        return self._clock.now() + timedelta(seconds=self._settings.backoff(attempts))
