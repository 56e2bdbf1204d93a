"""The retention: deliveries that are done with are deleted after DELIVERY_RETENTION_DAYS.

Once a day the active replica deletes, a chunk at a time (short transactions, even with a million
deliveries a day), the deliveries made more than the retention ago that are sent, failed or
skipped, keeping those that revisions and edits still need (a post waiting for its edit, and the
daily posts of the newest report, which the next poll may still revise), and the campaigns that
were wholly expanded by then; and the ids of the updates webhooks took (`services/updates.py`),
after two days.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta, tzinfo

from bot.services.clock import Clock
from bot.services.schedule import DailyAt, ScheduledTask
from bot.services.updates import KEPT
from bot.store.campaigns import CampaignRepository
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository
from bot.store.reports import ReportRepository
from bot.store.updates import SeenUpdateRepository

log = logging.getLogger(__name__)

PURGE_TIME = time(3, 30)
"""In BOT_TIMEZONE: a quiet hour, well before the morning's report."""
CHUNK = 10_000
"""Deliveries deleted per transaction."""


class Retention:
    def __init__(self, database: Database, clock: Clock, timezone: tzinfo, days: int) -> None:
        self._database = database
        self._clock = clock
        self._timezone = timezone
        self._keep = timedelta(days=days)

    def tasks(self) -> list[ScheduledTask]:
        at = PURGE_TIME.replace(tzinfo=self._timezone)
        return [ScheduledTask("delivery retention", DailyAt(at), self.purge)]

    async def purge(self) -> int:
        """Deletes what the retention lets go; how many deliveries."""
        before = self._clock.now() - self._keep
        async with self._database.session() as session:
            newest = await ReportRepository(session).latest_date()
        deleted = 0
        while True:
            async with self._database.transaction() as session:
                count = await DeliveryRepository(session).purge(before, newest, CHUNK)
            deleted += count
            if count < CHUNK:
                break
        async with self._database.transaction() as session:
            campaigns = await CampaignRepository(session).purge(before)
            updates = await SeenUpdateRepository(session).purge(self._clock.now() - KEPT)
        log.info(
            "retention: %d deliveries, %d campaigns and %d seen updates deleted",
            deleted,
            campaigns,
            updates,
        )
        return deleted
