"""The campaign planner: turns campaigns into deliveries, a chunk of chats at a time.

A campaign (the daily post of a report, its alerts, a digest) is one row until the planner walks
the chats that want it, by chat id, adding their deliveries with one `INSERT … SELECT` per chunk
(`CampaignRepository.expand`), each chunk its own short transaction. So no chat is ever loaded
into memory, the first deliveries can go out while the rest are still being added (a chunk of
10,000 chats takes some tens of milliseconds), and SQLite's single writer is never held for long.
Campaigns are expanded in the sender's order (kind, then date), and a restart goes on from each
campaign's cursor. Only the active sender runs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from bot.store.campaigns import CampaignRepository
from bot.store.database import Database

log = logging.getLogger(__name__)


FIRST_CHUNK = 500
"""Chats of a campaign's first chunk: a few hundred can be sent before the next is added."""


class CampaignPlanner:
    def __init__(self, database: Database, chunk: int = 10_000) -> None:
        self._database = database
        self._chunk = chunk
        self._wakeup = asyncio.Event()

    def wake(self) -> None:
        """A campaign was added: look now."""
        self._wakeup.set()

    async def plan_some(self) -> bool:
        """Expands the first unfinished campaign by one chunk; whether there was one."""
        async with self._database.session() as session:
            campaigns = await CampaignRepository(session).unplanned()
        if not campaigns:
            return False
        campaign = campaigns[0]
        async with self._database.transaction() as session:
            added, done = await CampaignRepository(session).expand(
                campaign, self._chunk, min(self._chunk, FIRST_CHUNK)
            )
        if done:
            log.info("%s of %s: every chat is owed its delivery", campaign.kind, campaign.day)
        log.debug("%s of %s: %d deliveries added", campaign.kind, campaign.day, added)
        return True

    async def plan_all(self) -> None:
        """Expands every campaign there is, then returns."""
        while await self.plan_some():
            pass

    async def run(self, stop: asyncio.Event, planned: Callable[[], None], interval: float) -> None:
        """Expands campaigns as they come until `stop`; `planned()` after each chunk (it wakes
        the sender); looks again on `wake()` or every `interval` s."""
        while not stop.is_set():
            self._wakeup.clear()
            try:
                while not stop.is_set() and await self.plan_some():
                    planned()
            except Exception:
                log.exception("the campaign planner failed; it looks again shortly")
            with contextlib.suppress(TimeoutError):
                waiters = [asyncio.ensure_future(e.wait()) for e in (self._wakeup, stop)]
                try:
                    await asyncio.wait(waiters, timeout=interval, return_when="FIRST_COMPLETED")
                finally:
                    for waiter in waiters:
                        waiter.cancel()
