"""The sender's flood limits on a virtual clock: a smooth overall pace, one message a second per
chat, 20 a minute per group, and a hold after a 429; nothing here sleeps for real."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Coroutine
from typing import Any

from bot.delivery.limits import SendLimits

RATE = 30.0
HEADROOM = 0.03
PACE = (1 + HEADROOM) / RATE
"""Seconds between two messages at 30/s with the headroom."""


class VirtualTime:
    """A clock that moves only when every task waits: then to the earliest sleeper's wake-up."""

    def __init__(self, jitter: float = 0.0) -> None:
        self.now = 0.0
        self.jitter = jitter
        """How late each sleeper wakes, like a real timer."""
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        wake_at = self.now + seconds + self.jitter
        heapq.heappush(self._sleepers, (wake_at, next(self._order), future))
        await future

    async def run(self, *work: Coroutine[Any, Any, None]) -> None:
        tasks = [asyncio.ensure_future(coroutine) for coroutine in work]
        try:
            while not all(task.done() for task in tasks):
                for _ in range(20):  # every task runs on until it sleeps
                    await asyncio.sleep(0)
                if self._sleepers:
                    wake_at, _, future = heapq.heappop(self._sleepers)
                    self.now = max(self.now, wake_at)
                    future.set_result(None)
            for task in tasks:
                task.result()
        finally:
            for task in tasks:
                task.cancel()


def limits_on(time: VirtualTime, rate: float | None = RATE, **options: Any) -> SendLimits:
    return SendLimits(rate, headroom=HEADROOM, clock=time.clock, sleep=time.sleep, **options)


def most_in_any_window(stamps: list[float], seconds: float) -> int:
    """The most stamps within any closed window of `seconds`."""
    ordered = sorted(stamps)
    return max(
        sum(1 for later in ordered[i:] if later - stamp <= seconds)
        for i, stamp in enumerate(ordered)
    )


async def send_all(
    time: VirtualTime, limits: SendLimits, chat_ids: list[int], is_group: bool = False
) -> list[float]:
    """Each chat's message in turn, one after another; when each may go."""
    stamps: list[float] = []

    async def send() -> None:
        for chat_id in chat_ids:
            await limits.acquire(chat_id, is_group)
            stamps.append(time.now)

    await time.run(send())
    return stamps


async def test_messages_go_at_an_even_pace_just_below_the_rate() -> None:
    time = VirtualTime()

    stamps = await send_all(time, limits_on(time), list(range(1, 91)))

    gaps = [later - earlier for earlier, later in itertools.pairwise(stamps)]
    assert all(abs(gap - PACE) < 1e-9 for gap in gaps)
    assert most_in_any_window(stamps, 1.0) == 30


async def test_a_late_timer_does_not_slow_the_pace() -> None:
    time = VirtualTime(jitter=0.002)

    stamps = await send_all(time, limits_on(time), list(range(1, 91)))

    assert stamps[-1] - stamps[0] <= 89 * PACE + 0.002 + 1e-9  # one late wake-up, not 89
    assert most_in_any_window(stamps, 1.0) <= 30


async def test_a_stall_is_not_caught_up_with_a_burst() -> None:
    time = VirtualTime()
    limits = limits_on(time)
    before = await send_all(time, limits, [1, 2, 3])
    time.now += 0.5  # the event loop was busy elsewhere

    after = await send_all(time, limits, [4, 5, 6])

    gaps = [later - earlier for earlier, later in itertools.pairwise(before + after)]
    assert min(gaps) >= PACE - 1e-9


async def test_concurrent_senders_share_one_pace() -> None:
    time = VirtualTime()
    limits = limits_on(time)
    stamps: list[float] = []

    async def send(chat_id: int) -> None:
        await limits.acquire(chat_id, False)
        stamps.append(time.now)

    await time.run(*(send(chat_id) for chat_id in range(1, 61)))

    assert most_in_any_window(stamps, 1.0) == 30
    assert max(stamps) - min(stamps) == 59 * PACE


async def test_a_chat_gets_at_most_one_message_a_second() -> None:
    time = VirtualTime()

    stamps = await send_all(time, limits_on(time), [7, 7, 7])

    assert stamps == [0.0, 1.03, 2.06]


async def test_a_chat_waiting_for_its_turn_holds_up_no_other_chat() -> None:
    time = VirtualTime()
    limits = limits_on(time)
    stamps: dict[int, list[float]] = {}

    async def send(chat_id: int, count: int) -> None:
        for _ in range(count):
            await limits.acquire(chat_id, False)
            stamps.setdefault(chat_id, []).append(time.now)

    await time.run(send(1, 2), send(2, 1), send(3, 1))

    assert stamps[1] == [0.0, 1.03]
    assert stamps[2] == [PACE]
    assert stamps[3] == [2 * PACE]


async def test_a_group_gets_at_most_twenty_messages_a_minute() -> None:
    time = VirtualTime()

    stamps = await send_all(time, limits_on(time), [-42] * 21, is_group=True)

    assert most_in_any_window(stamps, 60.0) == 20
    assert stamps[20] == stamps[0] + 60.0 * 1.03


async def test_a_private_chat_has_no_per_minute_limit() -> None:
    time = VirtualTime()

    stamps = await send_all(time, limits_on(time), [42] * 21)

    assert stamps[20] == 20 * 1.03


async def test_a_hold_stops_every_message_until_it_ends() -> None:
    time = VirtualTime()
    limits = limits_on(time)
    await send_all(time, limits, [1])

    limits.hold(5.0)
    stamps = await send_all(time, limits, [2, 3])

    assert stamps == [5.0, 5.0 + PACE]


async def test_without_limits_nothing_waits() -> None:
    time = VirtualTime()
    limits = limits_on(time, None, per_chat_interval=0, group_limit=0)

    stamps = await send_all(time, limits, [1, 1, -2, -2], is_group=True)

    assert stamps == [0.0, 0.0, 0.0, 0.0]
