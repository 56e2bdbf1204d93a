"""Updates seen before: an update that comes again is not handled twice.

Telegram sends a webhook update again when it got no 200 in time (a slow answer, a proxy's
timeout), and anyone who can reach the webhook could replay one. In webhook mode every replica
serves updates behind the load balancer, so the copy may reach another replica: the ids are kept
in the store (`StoredUpdates`), one insert per update. In polling mode the one consumer of
getUpdates never gets an update twice from Telegram (its offset confirms them), and the process
remembers the last ids itself (`RememberedUpdates`), which costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Protocol

from bot.services.clock import Clock
from bot.store.database import Database
from bot.store.updates import SeenUpdateRepository

REMEMBERED = 10_000
"""Update ids a process keeps: far more than Telegram retries within its delivery window."""
KEPT = timedelta(days=2)
"""How long the store keeps an id: Telegram keeps an update for 24 hours at most."""


class SeenUpdates(Protocol):
    async def first_time(self, update_id: int) -> bool:
        """Whether `update_id` is new (it is remembered from now on)."""
        ...


class RememberedUpdates:
    """The ids of the last `size` updates this process saw, oldest dropped first."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    async def first_time(self, update_id: int) -> bool:
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


class StoredUpdates:
    """The ids of the updates any replica took, in the store (the retention forgets them after
    `KEPT`)."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        async with self._database.transaction() as session:
            return await SeenUpdateRepository(session).remember(update_id, self._clock.now())
