"""The services of one process, opened together and closed together.

Both composition roots use it: the command line directly, the Telegram Application in its
`post_init`/`post_shutdown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.services.answers import Answers
from bot.services.backfill import BackfillResult, backfill
from bot.services.clock import Clock, SystemClock
from bot.services.figures import FiguresReader
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
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    async def open(cls, settings: Settings, clock: Clock | None = None) -> Services:
        """Opens the store (applying migrations) and the figures client."""
        database = Database(settings.database_url)
        await database.migrate()
        source = RussianWarshipClient(settings.losses_api_url)
        figures = FiguresReader(database, settings.records_since)
        return cls(settings, database, source, figures, Answers(figures), clock or SystemClock())

    async def backfill(self) -> BackfillResult:
        result = await backfill(self.source, self.database, self.clock)
        if result.inserted or result.revised:
            self.figures.invalidate()
        return result

    async def close(self) -> None:
        await self.source.aclose()
        await self.database.dispose()
