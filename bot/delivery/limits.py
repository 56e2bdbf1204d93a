"""Telegram's flood limits, kept by the sender itself: nothing it sends should earn a 429.

- overall: a smooth pace of `rate` messages a second, one every 1/rate s, never a burst;
- per chat: one message every `per_chat_interval` s;
- per group, supergroup or channel: `group_limit` messages in any `group_period` s;
- after a 429, `hold(retry_after)` stops every message until then.

Each limit keeps `headroom` in reserve. The overall pace follows a schedule, so that the timer's
small delays do not slow it down; a send that comes later than half the headroom (the event loop
stalled) starts a new schedule rather than catching up with a burst. The other half absorbs the
network's jitter: with 3 %, any 31 consecutive messages at 30/s span at least 1.015 s as sent.

Callers send to one chat one message at a time (the worker runs one job per chat), so a chat's
own limits are waited for outside the queue, and a chat that must wait holds up nobody else. A
chat waits outside only for what its place in the queue would not cover anyway (the queue ahead
of it at the paced rate), so that chats keep the order in which they asked: the alerts of a
broadcast follow in the same order of chats as its posts.
The clock and the sleep are injectable: the unit tests run on a fake clock without sleeping.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from bot.delivery.config import DeliverySettings

Sleep = Callable[[float], Awaitable[None]]


class SendLimits:
    def __init__(
        self,
        rate: float | None,
        *,
        per_chat_interval: float = 1.0,
        group_limit: int = 20,
        group_period: float = 60.0,
        headroom: float = 0.03,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        margin = 1.0 + headroom
        self._interval = 0.0 if rate is None else margin / rate
        self._tolerance = headroom / 2
        self._chat_interval = per_chat_interval * margin
        self._group_limit = group_limit
        self._group_period = group_period * margin
        self._clock = clock
        self._sleep = sleep
        self._queue = asyncio.Lock()
        self._queued = 0
        """Senders in the queue (waiting for their slot, or taking it)."""
        self._next_slot = float("-inf")
        self._hold_until = float("-inf")
        self._last_sent: dict[int, float] = {}
        self._sent_order: deque[tuple[float, int]] = deque()
        self._group_sends: dict[int, deque[float]] = {}
        self._horizon = max(self._chat_interval, self._group_period if group_limit else 0.0)
        """How long a send matters to a chat's own limits (0: they are off)."""

    @classmethod
    def from_settings(
        cls,
        settings: DeliverySettings,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> SendLimits:
        return cls(
            settings.broadcast_rate,
            per_chat_interval=settings.per_chat_interval,
            group_limit=settings.group_limit,
            group_period=settings.group_period,
            headroom=settings.headroom,
            clock=clock,
            sleep=sleep,
        )

    def hold(self, seconds: float) -> None:
        """Stops every message for `seconds` from now (a 429's retry_after)."""
        self._hold_until = max(self._hold_until, self._clock() + seconds)

    async def acquire(self, chat_id: int, is_group: bool) -> None:
        """Returns when a message to `chat_id` may go; the caller sends it right away."""
        while (wait := self._chat_wait(chat_id, is_group, self._clock()) - self._ahead()) > 0:
            await self._sleep(wait)
        self._queued += 1
        try:
            async with self._queue:
                # The chat's own wait is covered by its turn but for a rounding's worth.
                while (wait := self._turn_wait(chat_id, is_group, self._clock())) > 0:
                    await self._sleep(wait)
                now = self._clock()
                self._take_slot(now)
                self._sent_to(chat_id, is_group, now)
        finally:
            self._queued -= 1

    def _ahead(self) -> float:
        """The least a sender joining the queue now waits for its slot."""
        now = self._clock()
        return self._overall_wait(now) + self._queued * self._interval

    def _turn_wait(self, chat_id: int, is_group: bool, now: float) -> float:
        return max(self._overall_wait(now), self._chat_wait(chat_id, is_group, now))

    def _overall_wait(self, now: float) -> float:
        return max(self._next_slot - now, self._hold_until - now, 0.0)

    def _take_slot(self, now: float) -> None:
        if now - self._next_slot > self._tolerance:
            self._next_slot = now
        self._next_slot += self._interval

    def _chat_wait(self, chat_id: int, is_group: bool, now: float) -> float:
        wait = 0.0
        last = self._last_sent.get(chat_id)
        if last is not None and self._chat_interval:
            wait = last + self._chat_interval - now
        sends = self._group_sends.get(chat_id) if is_group else None
        if sends is not None and len(sends) == self._group_limit:
            wait = max(wait, sends[0] + self._group_period - now)
        return max(wait, 0.0)

    def _sent_to(self, chat_id: int, is_group: bool, now: float) -> None:
        if not self._horizon:
            return
        self._forget_before(now - self._horizon)
        self._last_sent[chat_id] = now
        self._sent_order.append((now, chat_id))
        if is_group and self._group_limit:
            sends = self._group_sends.get(chat_id)
            if sends is None:
                sends = self._group_sends[chat_id] = deque(maxlen=self._group_limit)
            sends.append(now)

    def _forget_before(self, horizon: float) -> None:
        """Forgets chats that no limit concerns any more: memory follows the rate, not the chats."""
        order = self._sent_order
        while order and order[0][0] <= horizon:
            stamp, chat_id = order.popleft()
            if self._last_sent.get(chat_id) == stamp:
                del self._last_sent[chat_id]
                self._group_sends.pop(chat_id, None)
