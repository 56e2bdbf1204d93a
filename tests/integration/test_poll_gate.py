"""The poll's acceptance step and deadline on both databases: refused readings are recorded raw
(figures no integer column could hold included), once; a poll ends by its deadline however slowly
upstream answers; a second caller shares the running poll."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.domain.readings import Source, Verdict
from bot.services.figures import FiguresReader
from bot.services.poll import Poller
from bot.sources import RussianWarshipClient
from bot.store.database import Database
from bot.store.observations import ObservationRepository, Recorded
from bot.store.reports import ReportRepository
from tests.fakes.figures_api import FakeFiguresApi, Trickle
from tests.integration.test_poll import BASELINE, FixedClock, Poll, subscribe
from tests.support.dataset import history_records
from tests.support.fixtures_figures import FAST_RETRY

DAY = date(2022, 4, 10)
"""A short history before it keeps each first backfill quick."""


@pytest.fixture
async def polls(figures_api: FakeFiguresApi, database: Database) -> AsyncIterator[Poll]:
    client = RussianWarshipClient(figures_api.url, timeout=0.2, retry=FAST_RETRY)
    yield Poll(figures_api, client, database)
    await client.aclose()


async def recorded(database: Database, day: date) -> list[Recorded]:
    async with database.session() as session:
        return await ObservationRepository(session).of_date(Source.API, day)


async def test_a_refused_reading_is_recorded_raw_once_and_nothing_of_it_is_stored(
    polls: Poll, figures_api: FakeFiguresApi, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2022-04-09")
    record = next(r for r in history_records() if r["date"] == DAY.isoformat())
    figures_api.add({**record, "stats": {**record["stats"], "tanks": 2**63}})
    polls.publish(DAY.isoformat())

    first, second = await polls(), await polls()

    assert [reading.date for reading in first.refused] == [DAY]
    assert (second.refused, second.stored, second.deliveries) == ((), 0, 0)
    (reading,) = await recorded(database, DAY)
    assert (reading.verdict, reading.totals["tanks"]) == (Verdict.REFUSED, 2**63)
    assert '"tanks": 9223372036854775808' in (reading.raw or "")
    assert [r["code"] for r in reading.reasons] == ["integer", "rise"]
    async with database.session() as session:
        assert await ReportRepository(session).latest_date() == date(2022, 4, 9)


async def test_each_accepted_reading_is_recorded_once(polls: Poll, database: Database) -> None:
    await polls.store_until("2022-04-09")
    polls.publish(DAY.isoformat())

    await polls()
    await polls()

    assert [reading.verdict for reading in await recorded(database, DAY)] == [Verdict.ACCEPTED]


async def test_a_slow_loris_upstream_ends_the_poll_by_its_deadline(
    figures_api: FakeFiguresApi, database: Database
) -> None:
    client = RussianWarshipClient(figures_api.url, timeout=5.0)
    poller = Poller(
        client, database, FiguresReader(database, BASELINE), FixedClock(), BASELINE, deadline=0.5
    )
    figures_api.publish_until(DAY)
    await poller.poll()  # the first backfill, with its longer deadline
    figures_api.inject(Trickle(interval=1.0))
    started = time.monotonic()

    result = await poller.poll()

    assert result.unavailable == "no complete answer within the poll deadline (0.5 s)"
    assert time.monotonic() - started < 5.0  # the answer would have taken minutes
    await client.aclose()


async def test_a_second_caller_during_a_poll_gets_that_polls_result(
    figures_api: FakeFiguresApi, database: Database
) -> None:
    client = RussianWarshipClient(figures_api.url)
    poller = Poller(client, database, FiguresReader(database, BASELINE), FixedClock(), BASELINE)
    figures_api.publish_until(DAY)

    first, second = await asyncio.gather(poller.poll(), poller.poll())

    assert (first.backfill, first.stored, first.joined) == (True, 45, False)
    assert (second.stored, second.joined) == (45, True)
    assert figures_api.requests.count("/statistics/latest") == 1
    await client.aclose()
