"""The services of one process, opened together and closed together.

Both composition roots use it: the command line directly, the Telegram Application in its
`post_init`/`post_shutdown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.ops.metrics import Metrics
from bot.services.answers import Answers
from bot.services.clock import Clock, SystemClock, today_in
from bot.services.figures import FiguresReader
from bot.services.poll import Poller
from bot.settings import Settings
from bot.sources.client import RussianWarshipClient
from bot.store.database import Database


@dataclass(slots=True)
class Services:
    settings: Settings
    database: Database
    source: RussianWarshipClient
    figures: FiguresReader
    answers: Answers
    poller: Poller
    """Every write of figures goes through it: the first backfill, the poll job, `/poll`."""
    clock: Clock
    metrics: Metrics

    @classmethod
    async def open(
        cls, settings: Settings, clock: Clock | None = None, metrics: Metrics | None = None
    ) -> Services:
        """Opens the store (applying migrations) and the figures client."""
        clock = clock or SystemClock()
        database = Database(settings.database_url)
        await database.migrate()
        source = RussianWarshipClient(settings.losses_api_url)
        figures = FiguresReader(database, settings.records_since)
        poller = Poller(
            source,
            database,
            figures,
            clock,
            settings.records_since,
            deadline=settings.poll_deadline,
        )
        answers = Answers(figures, today=today_in(clock, settings.bot_timezone))
        return cls(
            settings, database, source, figures, answers, poller, clock, metrics or Metrics()
        )

    def today(self) -> date:
        """Today in BOT_TIMEZONE by the clock: what `yesterday` and `7d` count back from."""
        return today_in(self.clock, self.settings.bot_timezone)()

    async def close(self) -> None:
        await self.source.aclose()
        await self.database.dispose()
