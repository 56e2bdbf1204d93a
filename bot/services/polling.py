"""Polling the figures: each source on its own schedule, and the staleness warning.

Every figures source the bot reads (the figures API every POLL_INTERVAL; the General Staff's
channel, when LOSSES_CHANNEL_URL is set, every CHANNEL_POLL_INTERVAL) is a `PolledSource`: a
name, its `Poller` and its interval. Each gets one repeating task (`tasks()`), run on the active
replica only:

- Outside POLL_WINDOW (in BOT_TIMEZONE), and once the source itself has given a reading of
  today's (local) report that was not refused, a run does nothing: each source is read until it
  too has the day's report, so that both sources' readings of every date are cross-checked, and
  polling rests until the next morning's window opens. On an empty store the first source polls
  whatever the hour: that poll is the first backfill (`first_backfill` runs it at once); the
  others wait for it.
- After a poll that owes new campaigns, the outbox's bell rings (the sender looks at once); the
  admins are told, once each, of the readings refused or held and of the disagreements between
  the sources (`tell_admins_of_poll`). Each poll's outcome is kept per source in the store, and a
  source that failed all morning is told to the admins once a day (`services/source_health.py`).
- The staleness warning is checked daily at STALE_AFTER and after each poll; its notices go to
  the admins through `tell_admins` (set by the runtime, which has the Bot API).

`poll_now()` is an admin's `/poll`: the first source, whatever the hour.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from time import monotonic

from bot.services.clock import Clock
from bot.services.figures import FiguresReader
from bot.services.poll import Poller, PollResult
from bot.services.schedule import DailyAt, Every, ScheduledTask
from bot.services.source_health import FailingAllMorning, Morning, check_sources, record_poll
from bot.services.staleness import Notice, check_staleness
from bot.settings import TimeWindow
from bot.store.database import Database
from bot.store.observations import ObservationRepository

log = logging.getLogger(__name__)

STALENESS_JOB = "staleness warning"

AdminNotices = Callable[[Notice | FailingAllMorning], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class PolledSource:
    """A figures source as the schedule sees it."""

    name: str
    poller: Poller
    interval: float
    """Seconds between polls while the day's report is awaited."""

    @property
    def source(self) -> str:
        """The source's name in readings and the store (`domain.readings.Source`)."""
        return self.poller.source_name

    @property
    def job_name(self) -> str:
        return f"poll {self.name}"


@dataclass(frozen=True, slots=True)
class LastPoll:
    """When the latest poll ran, and what it did (for /stats)."""

    at: datetime
    result: PollResult


async def _nobody(_: Notice | FailingAllMorning) -> None:
    """Until the runtime says how to reach the admins."""


async def _nothing(_: PollResult) -> None:
    """Until the runtime says how to reach the admins."""


class FiguresPolling:
    def __init__(
        self,
        sources: Sequence[PolledSource],
        database: Database,
        figures: FiguresReader,
        clock: Clock,
        *,
        timezone: tzinfo,
        window: TimeWindow,
        stale_after: time,
    ) -> None:
        if not sources:
            raise ValueError("at least one figures source is needed")
        self.sources = tuple(sources)
        self._database = database
        self._figures = figures
        self._clock = clock
        self._timezone = timezone
        self._window = window
        self._stale_after = stale_after
        self._morning = Morning(timezone, window.start, stale_after)
        self.tell_admins: AdminNotices = _nobody
        self.last: LastPoll | None = None
        """The first source's (the figures API's) latest poll, as `/poll` would tell it."""
        self.backfilling = False
        """True while the first backfill fills an empty store: queries answer "no data yet"."""
        self.on_poll: Callable[[PollResult], None] = lambda _: None
        """Told of every poll's result (the metrics count the failed ones)."""
        self.tell_admins_of_poll: Callable[[PollResult], Awaitable[None]] = _nothing
        """Tells the admins of a poll's new refusals, held readings and disagreements (set by
        the runtime)."""
        self.job_ran: float | None = None
        """When a poll job last ran (monotonic seconds), for the health check."""

    def tasks(self) -> list[ScheduledTask]:
        polls = [
            ScheduledTask(source.job_name, Every(source.interval), self._awaited(source))
            for source in self.sources
        ]
        at = self._stale_after.replace(tzinfo=self._timezone)
        return [*polls, ScheduledTask(STALENESS_JOB, DailyAt(at), self.staleness_check)]

    def _awaited(self, source: PolledSource) -> Callable[[], Awaitable[None]]:
        async def poll_if_awaited() -> None:
            self.job_ran = monotonic()
            local = self._clock.now().astimezone(self._timezone)
            if await self.latest_report() is None:
                if source is self.sources[0]:
                    await self._poll(source)
                return
            if self._window.contains(local.time()) and not await self._has_today(source, local):
                await self._poll(source)

        return poll_if_awaited

    async def _has_today(self, source: PolledSource, local: datetime) -> bool:
        """Whether `source` gave a reading of the day's report that was not refused."""
        async with self._database.session() as session:
            newest = await ObservationRepository(session).newest_read(source.source)
        return newest is not None and newest >= local.date()

    async def first_backfill(self) -> None:
        """Stores the whole history on an empty store (queries answer "no data yet" until then);
        does nothing on a store that has it."""
        if await self.latest_report() is not None:
            return
        self.backfilling = True
        try:
            await self._poll(self.sources[0])
            await self._figures.figures()
        finally:
            self.backfilling = False

    async def poll_now(self) -> PollResult:
        """Polls the first source once, whatever the hour (an admin's /poll)."""
        return await self._poll(self.sources[0])

    async def _poll(self, source: PolledSource) -> PollResult:
        result = await source.poller.poll()
        if result.joined:
            return result  # the caller whose poll it was does what follows
        now = self._clock.now()
        if source is self.sources[0]:
            self.last = LastPoll(now, result)
        self.on_poll(result)
        await self.tell_admins_of_poll(result)
        failing = await record_poll(
            self._database, self._morning, source.source, now, result.unavailable
        )
        if failing is not None:
            await self.tell_admins(failing)
        await self._check_staleness(result.latest)
        return result

    async def staleness_check(self) -> None:
        """Daily at STALE_AFTER: tells the admins if the day's report is not in, and of each
        source that failed all morning."""
        await self._check_staleness(await self.latest_report())
        names = [source.source for source in self.sources]
        for failing in await check_sources(self._database, self._morning, names, self._clock.now()):
            await self.tell_admins(failing)

    async def _check_staleness(self, latest: date | None) -> None:
        notice = await check_staleness(
            self._database, self._timezone, self._stale_after, self._clock.now(), latest
        )
        if notice is not None:
            await self.tell_admins(notice)

    async def latest_report(self) -> date | None:
        """The date of the newest stored report (from the figures kept in memory)."""
        history = (await self._figures.figures()).history
        return history.latest.date if len(history) else None
