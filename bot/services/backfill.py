"""Backfill: the whole history on an empty store, afterwards only the reports after the newest."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from bot.services.clock import Clock
from bot.sources import FiguresSource
from bot.store.database import Database
from bot.store.reports import ReportRepository, SaveOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackfillResult:
    inserted: int
    revised: int
    unchanged: int
    latest: date | None


async def backfill(source: FiguresSource, database: Database, clock: Clock) -> BackfillResult:
    """Store every report newer than the newest stored one (all of them on an empty store).

    Each page is stored in its own transaction, so an interrupted backfill resumes where it
    stopped; a page that fails validation is rejected whole by the source and nothing of it is
    stored. Running it twice changes nothing.
    """
    async with database.transaction() as session:
        newest = await ReportRepository(session).latest_date()
    date_from = newest + timedelta(days=1) if newest else None
    counts = dict.fromkeys(SaveOutcome, 0)
    async for page in source.history(date_from=date_from):
        async with database.transaction() as session:
            outcomes = await ReportRepository(session).save_many(page, clock.now())
        for outcome in outcomes:
            counts[outcome] += 1
        newest = max(newest or page[-1].date, page[-1].date) if page else newest
    result = BackfillResult(
        inserted=counts[SaveOutcome.INSERTED],
        revised=counts[SaveOutcome.REVISED],
        unchanged=counts[SaveOutcome.UNCHANGED],
        latest=newest,
    )
    log.info(
        "backfill done: %d new, %d revised, %d unchanged, latest %s",
        result.inserted,
        result.revised,
        result.unchanged,
        result.latest,
    )
    return result
