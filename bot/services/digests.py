"""The weekly and monthly digests: on Mondays the week before, on the 1st the month before.

At DIGEST_TIME in BOT_TIMEZONE the active replica adds the day's digest campaigns to the outbox
(`digest_campaigns`: nothing on most days, both on a Monday the 1st); the sender then expands
them to the subscribed chats that asked for each, and sends each its text, then its chart, in
its language, like any other delivery: durable, resumed after a restart, within the limits. A bot
that was down at DIGEST_TIME plans them when it comes back later that day (on start, and when a
replica becomes the active one); the store keeps one campaign per digest, so a digest is never
owed twice.
"""

from __future__ import annotations

import logging
from datetime import time, tzinfo

from bot.domain.digests import digest_campaigns
from bot.services.clock import Clock
from bot.services.schedule import Bell, DailyAt, ScheduledTask
from bot.store.campaigns import CampaignRepository
from bot.store.coordination import Change, notify
from bot.store.database import Database

log = logging.getLogger(__name__)

DIGEST_TIME = time(10, 0)
"""In BOT_TIMEZONE: well after the morning's report (06:30-08:00), early in the working day."""
JOB_NAME = "digests"


class DigestPlanning:
    def __init__(self, database: Database, clock: Clock, timezone: tzinfo, bell: Bell) -> None:
        self._database = database
        self._clock = clock
        self._timezone = timezone
        self._bell = bell

    def tasks(self) -> list[ScheduledTask]:
        at = DIGEST_TIME.replace(tzinfo=self._timezone)
        return [ScheduledTask(JOB_NAME, DailyAt(at), self.plan_due)]

    async def plan_due(self) -> int:
        """Adds the digest campaigns due by now that are not in the store yet; how many."""
        local = self._clock.now().astimezone(self._timezone)
        campaigns = digest_campaigns(local, DIGEST_TIME)
        if not campaigns:
            return 0
        async with self._database.transaction() as session:
            added = await CampaignRepository(session).add_many(campaigns)
            if added:
                await notify(session, Change.OUTBOX)
        if added:
            log.info("digests owed: %s", ", ".join(f"{c.kind} of {c.day}" for c in campaigns))
            self._bell.ring()
        return added
