"""The first poll backfills the store from the fake figures API (the real history); later polls
fetch only what is missing. On both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.services.figures import FiguresReader
from bot.services.poll import PollResult, poll
from bot.sources import RussianWarshipClient
from bot.store.database import Database
from bot.store.reports import ReportRepository
from tests.fakes.figures_api import (
    FakeFiguresApi,
    Fault,
    Hang,
    HtmlPage,
    HttpError,
    MalformedJson,
    MissingKey,
    TooManyRequests,
)
from tests.support.dataset import history_reports


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 8, 8, 7, 0, tzinfo=UTC)


async def backfill(client: RussianWarshipClient, database: Database) -> PollResult:
    figures = FiguresReader(database, date(2022, 4, 1))
    return await poll(client, database, figures, FixedClock(), date(2022, 4, 1))


async def stored(database: Database) -> list[tuple[date, dict[str, int], dict[str, int]]]:
    async with database.session() as session:
        reports = await ReportRepository(session).all()
    return [(r.date, dict(r.totals), dict(r.changes)) for r in reports]


def expected(until: date | None = None) -> list[tuple[date, dict[str, int], dict[str, int]]]:
    return [
        (r.date, dict(r.totals), dict(r.changes))
        for r in history_reports()
        if until is None or r.date <= until
    ]


async def test_backfill_stores_every_report_with_its_totals_and_published_changes(
    database: Database, figures_client: RussianWarshipClient
) -> None:
    result = await backfill(figures_client, database)

    assert result.backfill
    assert result.stored == len(history_reports()) == 1626
    assert result.deliveries == 0
    assert await stored(database) == expected()


async def test_running_backfill_twice_changes_nothing(
    database: Database, figures_client: RussianWarshipClient
) -> None:
    await backfill(figures_client, database)

    again = await backfill(figures_client, database)

    assert (again.stored, again.revised, again.deliveries) == (0, (), 0)
    assert await stored(database) == expected()


async def test_a_later_backfill_fetches_only_the_reports_after_the_newest(
    database: Database, figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.publish_until(date(2026, 8, 1))
    await backfill(figures_client, database)
    figures_api.publish_until(None)
    figures_api.requests.clear()

    result = await backfill(figures_client, database)

    assert result.stored == 7
    assert all("date_from=2026-08-01" in path for path in figures_api.requests if "?" in path)
    assert await stored(database) == expected()


@pytest.mark.parametrize(
    "fault",
    [
        HttpError(500),
        TooManyRequests(retry_after="0.01"),
        Hang(seconds=5),
        HtmlPage(),
        MalformedJson(),
        MissingKey("stats"),
    ],
    ids=["500", "429", "hang", "html", "malformed-json", "missing-stats"],
)
async def test_an_upstream_fault_is_retried_and_leaves_the_store_exact(
    database: Database,
    figures_api: FakeFiguresApi,
    figures_client: RussianWarshipClient,
    fault: Fault,
) -> None:
    figures_api.inject(fault)

    await backfill(figures_client, database)

    assert await stored(database) == expected()


async def test_an_unknown_key_from_upstream_is_stored_and_kept(
    database: Database, figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.publish_until(date(2022, 3, 20))
    figures_api.revise(date(2022, 3, 20), stats={"laser_weapons": 3}, increase={"laser_weapons": 1})

    await backfill(figures_client, database)

    async with database.session() as session:
        latest = await ReportRepository(session).latest()
    assert latest is not None
    assert (latest.totals["laser_weapons"], latest.changes["laser_weapons"]) == (3, 1)


async def test_when_upstream_stays_down_the_backfill_stores_nothing_and_says_why(
    database: Database, figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.inject(HtmlPage(), MalformedJson(), HttpError(503))

    result = await backfill(figures_client, database)

    assert result.unavailable
    assert await stored(database) == []
