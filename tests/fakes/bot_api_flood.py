"""Telegram's flood limits on sending messages.

At most 30 messages in any second overall and 20 in any minute per group or supergroup (sliding
windows), and one a second per chat with a small burst, as Telegram tolerates (a token bucket).
A message that would break a limit is refused with the whole seconds to wait; a refused message
uses up nothing. The clock is injectable so that a test can respect the limits without sleeping.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """The limits to enforce; the defaults are Telegram's."""

    per_second: int = 30
    per_chat_per_second: float = 1.0
    chat_burst: int = 3
    per_group_per_minute: int = 20
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)


class _Window:
    """At most `limit` messages in any `period` seconds."""

    __slots__ = ("period", "stamps")

    def __init__(self, limit: int, period: float) -> None:
        self.period = period
        self.stamps: deque[float] = deque(maxlen=limit)

    def wait(self, now: float) -> float:
        stamps = self.stamps
        if len(stamps) < (stamps.maxlen or 0):
            return 0.0
        return max(0.0, self.period - (now - stamps[0]))

    def take(self, now: float) -> None:
        self.stamps.append(now)


class _Bucket:
    """`rate` messages a second on average, up to `capacity` at once."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def wait(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self.tokens -= 1.0


class FloodGate:
    """Admits or refuses each new message against the overall, per-chat and per-group limits."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self._overall = _Window(limits.per_second, 1.0)
        self._chats: dict[int, _Bucket] = {}
        self._groups: dict[int, _Window] = {}

    def admit(self, chat_id: int, is_group: bool) -> int:
        """0 if the message may go now, else the `retry_after` seconds Telegram would answer."""
        limits = self.limits
        now = limits.clock()
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = _Bucket(
                limits.chat_burst, limits.per_chat_per_second, now
            )
        limiters: list[_Window | _Bucket] = [self._overall, chat]
        if is_group:
            group = self._groups.get(chat_id)
            if group is None:
                group = self._groups[chat_id] = _Window(limits.per_group_per_minute, 60.0)
            limiters.append(group)
        wait = max(limiter.wait(now) for limiter in limiters)
        if wait > 0.0:
            return max(1, math.ceil(wait))
        for limiter in limiters:
            limiter.take(now)
        return 0
