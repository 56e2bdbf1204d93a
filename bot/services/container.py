"""The services of one process, opened together and closed together: store → sources → services.

`Services.open` is the one place that builds them, from the settings and a clock: the store (its
schema brought up to date), the figures sources, and every use case on top. The command line uses
them as they are; `bot.runtime` adds the sender, the coordination between replicas and the
Telegram Application around them.

Sources: each figures source the bot polls is one `PolledSource` (name, poller, interval) in
`polling.sources`: the figures API, and the General Staff's channel when LOSSES_CHANNEL_URL is set
(its reader paced to one request per CHANNEL_POLL_INTERVAL), each with its own job and the same
write path (`services/poll.py`); their pollers store one after the other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.domain.readings import Source
from bot.ops.metrics import Metrics
from bot.services.answers import Answers
from bot.services.chats import ChatService
from bot.services.clock import Clock, SystemClock, today_in
from bot.services.digests import DigestPlanning
from bot.services.figures import FiguresReader
from bot.services.poll import Poller, PollResult
from bot.services.polling import FiguresPolling, PolledSource
from bot.services.retention import Retention
from bot.services.schedule import Bell, ScheduledTask
from bot.services.updates import RememberedUpdates, SeenUpdates, StoredUpdates
from bot.settings import Settings
from bot.sources.channel import ChannelReader
from bot.sources.client import RussianWarshipClient
from bot.sources.protocol import FiguresSource, ObservingSource
from bot.store.database import Database

FIGURES_API = "figures"
"""The name of the figures API's source (its job is "poll figures")."""
CHANNEL = "channel"
"""The name of the General Staff's channel as a source (its job is "poll channel")."""


@dataclass(slots=True)
class Services:
    settings: Settings
    database: Database
    sources: dict[str, FiguresSource]
    """Every figures source, by name; closed with the services."""
    figures: FiguresReader
    answers: Answers
    chats: ChatService
    polling: FiguresPolling
    """Every write of figures goes through its pollers: the first backfill, the poll jobs,
    `/poll`."""
    digests: DigestPlanning
    retention: Retention
    updates: SeenUpdates
    """The updates handled already: in the store with a webhook (any replica may get a copy),
    in memory with long polling."""
    clock: Clock
    metrics: Metrics
    outbox_bell: Bell = field(default_factory=Bell)
    """Rung when campaigns were added to the outbox: the sender listens."""

    @property
    def poller(self) -> Poller:
        """The figures API's poller (the command line's backfill)."""
        return self.polling.sources[0].poller

    @property
    def source(self) -> FiguresSource:
        return self.sources[FIGURES_API]

    def tasks(self) -> Sequence[ScheduledTask]:
        """What runs on a schedule: the polls, the staleness warning, digests, the retention."""
        return [*self.polling.tasks(), *self.digests.tasks(), *self.retention.tasks()]

    @classmethod
    async def open(
        cls,
        settings: Settings,
        clock: Clock | None = None,
        metrics: Metrics | None = None,
        *,
        figures_api: FiguresSource | None = None,
        channel: ObservingSource | None = None,
    ) -> Services:
        """Opens the store (applying migrations) and the figures sources (`figures_api`,
        `channel`: readers made elsewhere, e.g. with a test's timeouts; the channel is read only
        when LOSSES_CHANNEL_URL is set)."""
        clock = clock or SystemClock()
        metrics = metrics or Metrics()
        database = Database(settings.database_url)
        await database.migrate()
        sources: dict[str, FiguresSource] = {
            FIGURES_API: figures_api or RussianWarshipClient(settings.losses_api_url)
        }
        url = settings.losses_channel_url
        if url is not None:
            interval = settings.channel_poll_interval
            sources[CHANNEL] = channel or ChannelReader(url, poll_interval=interval)
        figures = FiguresReader(database, settings.records_since)
        bell = Bell()
        store_lock = asyncio.Lock()

        def polled_source(name: str, source: str, interval: float) -> PolledSource:
            poller = Poller(
                sources[name],
                database,
                figures,
                clock,
                settings.records_since,
                deadline=settings.poll_deadline,
                source_name=source,
                store_lock=store_lock,
            )
            return PolledSource(name, poller, interval)

        pollers = [polled_source(FIGURES_API, Source.API, settings.poll_interval)]
        if CHANNEL in sources:
            pollers.append(polled_source(CHANNEL, Source.CHANNEL, settings.channel_poll_interval))
        for polled in pollers:
            polled.poller.on_owed = bell.ring
        polling = FiguresPolling(
            pollers,
            database,
            figures,
            clock,
            timezone=settings.bot_timezone,
            window=settings.poll_window,
            stale_after=settings.stale_after,
        )

        def count_failures(result: PollResult) -> None:
            if result.unavailable:
                metrics.poll_errors.inc()

        polling.on_poll = count_failures
        return cls(
            settings=settings,
            database=database,
            sources=sources,
            figures=figures,
            answers=Answers(figures, today=today_in(clock, settings.bot_timezone)),
            chats=ChatService(database),
            polling=polling,
            digests=DigestPlanning(database, clock, settings.bot_timezone, bell),
            retention=Retention(
                database, clock, settings.bot_timezone, settings.delivery_retention_days
            ),
            updates=StoredUpdates(database, clock) if settings.webhook_url else RememberedUpdates(),
            clock=clock,
            metrics=metrics,
            outbox_bell=bell,
        )

    def today(self) -> date:
        """Today in BOT_TIMEZONE by the clock: what `yesterday` and `7d` count back from."""
        return today_in(self.clock, self.settings.bot_timezone)()

    async def close(self) -> None:
        for source in self.sources.values():
            close = getattr(source, "aclose", None)
            if close is not None:
                await close()
        await self.database.dispose()
