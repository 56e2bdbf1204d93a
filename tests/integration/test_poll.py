"""The poll against the fake figures API (the real history) and the store, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.delivery.planner import CampaignPlanner
from bot.domain.chats import ChatKind, ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind
from bot.domain.reports import Report
from bot.services.compose import FiguresComposer
from bot.services.figures import Figures, FiguresReader
from bot.services.poll import PollResult, poll
from bot.sources import RussianWarshipClient
from bot.store.campaigns import CampaignRepository
from bot.store.chats import ChatRepository
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository
from bot.store.reports import ReportRepository
from tests.fakes.figures_api import FakeFiguresApi, Fault, Hang, HtmlPage, HttpError
from tests.support.dataset import history_records
from tests.support.fixtures_figures import FAST_RETRY
from tests.support.outbox import pending_deliveries

BASELINE = date(2022, 4, 1)
NOW = datetime(2026, 8, 8, 7, 0, tzinfo=UTC)
DAILY, RECORD, MILESTONE = DeliveryKind.DAILY, DeliveryKind.RECORD, DeliveryKind.MILESTONE
EVERY_CATEGORY = frozenset(
    {"armoured_fighting_vehicles", "artillery_systems", "mlrs", "uav_systems", "tanks"}
)


class FixedClock:
    def now(self) -> datetime:
        return NOW


class Poll:
    """One poll of the fake figures API into the store, as the job runs it."""

    def __init__(
        self, api: FakeFiguresApi, source: RussianWarshipClient, database: Database
    ) -> None:
        self.api, self.source, self.database = api, source, database
        self.figures = FiguresReader(database, BASELINE)

    async def __call__(self) -> PollResult:
        return await poll(self.source, self.database, self.figures, FixedClock(), BASELINE)

    async def store_until(self, last: str) -> None:
        """The store holds the history up to `last`; upstream shows nothing newer yet."""
        self.api.publish_until(date.fromisoformat(last))
        result = await self()
        assert result.latest == date.fromisoformat(last)

    def publish(self, last: str) -> None:
        self.api.publish_until(date.fromisoformat(last))


@pytest.fixture
async def source(figures_api: FakeFiguresApi) -> AsyncIterator[RussianWarshipClient]:
    client = RussianWarshipClient(figures_api.url, timeout=0.2, retry=FAST_RETRY)
    yield client
    await client.aclose()


@pytest.fixture
def polls(figures_api: FakeFiguresApi, source: RussianWarshipClient, database: Database) -> Poll:
    return Poll(figures_api, source, database)


async def subscribe(database: Database, chat_id: int, settings: ChatSettings | None = None) -> None:
    async with database.transaction() as session:
        chats = ChatRepository(session)
        await chats.upsert(chat_id, ChatKind.PRIVATE, None, "en")
        await chats.set_subscribed(chat_id, True)
        await chats.update_settings(chat_id, settings or ChatSettings(language="en"))


async def pending(database: Database) -> list[Delivery]:
    """The pending deliveries, once the sender's planner has expanded every campaign."""
    await CampaignPlanner(database).plan_all()
    return await pending_deliveries(database)


async def outbox(database: Database) -> list[tuple[int, str, DeliveryKind]]:
    """The pending deliveries as (chat, report date, kind), sorted."""
    rows = await pending(database)
    return sorted((d.chat_id, d.report_date.isoformat(), d.kind) for d in rows)


async def stored_dates(database: Database) -> list[date]:
    async with database.session() as session:
        return sorted(await ReportRepository(session).dates())


async def test_the_first_poll_of_an_empty_store_loads_the_history_and_plans_nothing(
    polls: Poll, database: Database
) -> None:
    await subscribe(database, 1)
    polls.publish("2023-03-01")

    result = await polls()

    assert (result.backfill, result.stored, result.new_reports) == (True, 370, ())
    assert result.latest == date(2023, 3, 1)
    assert await outbox(database) == []


async def test_a_new_report_creates_one_daily_post_per_subscribed_chat_that_wants_it(
    polls: Poll, database: Database
) -> None:
    for chat_id in (1, 2, 3):
        await subscribe(database, chat_id)
    await subscribe(database, 4, ChatSettings(daily_post=False, language="en"))
    await subscribe(database, 5)
    async with database.transaction() as session:
        await ChatRepository(session).set_subscribed(5, False)
    await polls.store_until("2024-12-18")
    polls.publish("2024-12-19")

    result = await polls()

    assert (result.new_reports, result.deliveries) == ((date(2024, 12, 19),), 3)
    assert await outbox(database) == [(chat_id, "2024-12-19", DAILY) for chat_id in (1, 2, 3)]
    assert (await stored_dates(database))[-1] == date(2024, 12, 19)


async def test_a_new_report_owes_one_campaign_per_announcement_whatever_the_subscribers(
    polls: Poll, database: Database
) -> None:
    for chat_id in range(1, 51):
        await subscribe(database, chat_id)
    await polls.store_until("2024-11-18")
    polls.publish("2024-11-19")  # day 1,000 of the war

    result = await polls()

    assert (result.campaigns, result.deliveries) == (2, 100)
    async with database.session() as session:
        campaigns = await CampaignRepository(session).unplanned()
    assert [(c.day.isoformat(), c.kind) for c in campaigns] == [
        ("2024-11-19", DAILY),
        ("2024-11-19", MILESTONE),
    ]
    assert await pending_deliveries(database) == []  # the sender expands them


async def test_the_report_is_not_stored_when_its_campaigns_cannot_be(
    polls: Poll, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-18")
    polls.publish("2024-12-19")

    class BrokenOutbox(CampaignRepository):
        async def add_many(self, campaigns: object) -> int:
            raise RuntimeError("the outbox is broken")

    monkeypatch.setattr("bot.services.poll.CampaignRepository", BrokenOutbox)
    with pytest.raises(RuntimeError):
        await polls()
    monkeypatch.undo()

    assert (await stored_dates(database))[-1] == date(2024, 12, 18)
    assert (await polls()).new_reports == (date(2024, 12, 19),)
    assert await outbox(database) == [(1, "2024-12-19", DAILY)]


async def test_a_record_day_creates_record_alerts_naming_the_previous_record(
    polls: Poll, database: Database
) -> None:
    await subscribe(database, 1)
    await subscribe(database, 2, ChatSettings(record_alerts=False, language="en"))
    await polls.store_until("2024-12-19")
    polls.publish("2024-12-20")

    await polls()

    assert await outbox(database) == [
        (1, "2024-12-20", DAILY),
        (1, "2024-12-20", RECORD),
        (2, "2024-12-20", DAILY),
    ]
    record = next(d for d in await pending(database) if d.kind is RECORD)
    async with database.session() as session:
        chat = await ChatRepository(session).get(1)
    assert chat is not None
    message = await FiguresComposer(polls.figures).compose(record, chat)
    assert message is not None
    assert "Personnel: <b>2,200</b>" in message.text
    assert "Previous record: 2,030 (29 November 2024)" in message.text


@pytest.mark.parametrize(
    ("day", "settings"),
    [
        # The total of personnel moved by 2,710, above the record of 2,200: still no record.
        ("2025-02-28", ChatSettings(category_records=EVERY_CATEGORY, language="en")),
        # Artillery fell by 10.
        ("2026-03-04", ChatSettings(category_records=EVERY_CATEGORY, language="en")),
        # UAVs published 33 above the record of 26, but the total moved by 53.
        (
            "2022-10-13",
            ChatSettings(
                record_alerts=False,
                category_records=frozenset({"uav_systems"}),
                language="en",
            ),
        ),
    ],
    ids=["correction-day", "falling-total", "correction-above-the-record"],
)
async def test_a_correction_day_or_a_falling_total_creates_no_record_alert(
    polls: Poll, database: Database, day: str, settings: ChatSettings
) -> None:
    await subscribe(database, 1, settings)
    await polls.store_until((date.fromisoformat(day) - timedelta(days=1)).isoformat())
    polls.publish(day)

    await polls()

    assert [kind for _, _, kind in await outbox(database) if kind is RECORD] == []


async def test_a_report_after_a_missing_day_creates_no_record_alert(
    polls: Poll, figures_api: FakeFiguresApi, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-18")
    figures_api.hide(date(2024, 12, 19))
    polls.publish("2024-12-20")  # a personnel record of 2,200, had the day before been there

    await polls()

    assert await outbox(database) == [(1, "2024-12-20", DAILY)]


async def test_after_several_days_only_the_newest_report_gets_the_daily_post(
    polls: Poll, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-11-10")
    polls.publish("2024-11-19")

    result = await polls()

    assert len(result.new_reports) == 9
    assert [(day, kind) for _, day, kind in await outbox(database)] == [
        ("2024-11-11", RECORD),
        ("2024-11-12", RECORD),
        ("2024-11-17", MILESTONE),
        ("2024-11-19", DAILY),
        ("2024-11-19", MILESTONE),
    ]


async def test_polling_twice_creates_nothing_twice(polls: Poll, database: Database) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-19")
    polls.publish("2024-12-20")
    await polls()
    before = await outbox(database)

    again = await polls()

    assert (again.new_reports, again.deliveries, again.revised, again.stored) == ((), 0, (), 0)
    assert await outbox(database) == before


async def test_a_revision_of_the_latest_report_marks_its_posts_for_editing_and_alerts_nothing(
    polls: Poll, figures_api: FakeFiguresApi, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-18")
    polls.publish("2024-12-19")
    await polls()
    await mark_all_sent(database)
    # A revised personnel figure that would be a record, were it news.
    figures_api.revise(date(2024, 12, 19), stats={"personnel_units": 773_220}, increase={})

    result = await polls()

    assert (result.revised, result.needs_edit, result.deliveries) == ((date(2024, 12, 19),), 1, 0)
    assert await outbox(database) == []
    async with database.session() as session:
        to_edit = await DeliveryRepository(session).needing_edit(10)
        stored = await ReportRepository(session).get(date(2024, 12, 19))
    assert [(d.chat_id, d.report_date, d.kind) for d in to_edit] == [(1, date(2024, 12, 19), DAILY)]
    assert stored is not None
    assert stored.totals["personnel_units"] == 773_220


async def test_a_revision_of_the_newest_report_is_caught_with_the_next_report(
    polls: Poll, figures_api: FakeFiguresApi, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-18")
    polls.publish("2024-12-19")
    await polls()
    await mark_all_sent(database)
    figures_api.revise(date(2024, 12, 19), stats={"tanks": 9_577})
    polls.publish("2024-12-21")

    result = await polls()

    assert result.revised == (date(2024, 12, 19),)
    assert result.new_reports == (date(2024, 12, 20), date(2024, 12, 21))
    assert result.needs_edit == 1


@pytest.mark.parametrize(
    "fault", [HttpError(500), HtmlPage(), Hang(seconds=5)], ids=["500", "html", "hang"]
)
async def test_an_upstream_fault_stores_nothing_and_the_next_poll_succeeds(
    polls: Poll, figures_api: FakeFiguresApi, database: Database, fault: Fault
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-19")
    polls.publish("2024-12-20")
    figures_api.inject(*[fault] * FAST_RETRY.attempts)

    failed = await polls()

    assert failed.unavailable is not None
    assert (failed.latest, failed.deliveries) == (date(2024, 12, 19), 0)
    assert (await stored_dates(database))[-1] == date(2024, 12, 19)
    assert await outbox(database) == []
    assert (await polls()).new_reports == (date(2024, 12, 20),)
    assert await outbox(database) == [(1, "2024-12-20", DAILY), (1, "2024-12-20", RECORD)]


class BreaksAfterFirstPage:
    """The fake upstream, which breaks down for good after serving the first page of history."""

    def __init__(self, client: RussianWarshipClient, api: FakeFiguresApi) -> None:
        self._client, self._api = client, api

    async def latest(self) -> Report:
        return await self._client.latest()

    async def on_date(self, report_date: date) -> Report | None:
        return await self._client.on_date(report_date)

    async def history(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> AsyncIterator[list[Report]]:
        async for page in self._client.history(date_from, date_to):
            yield page
            self._api.inject(*[HttpError(503)] * FAST_RETRY.attempts)

    async def aclose(self) -> None:
        await self._client.aclose()


async def test_a_fault_in_the_middle_of_the_pages_stores_none_of_them(
    polls: Poll, figures_api: FakeFiguresApi, source: RussianWarshipClient, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-09-01")
    polls.publish("2024-12-20")  # more than one page of reports
    breaking = BreaksAfterFirstPage(source, figures_api)

    result = await poll(breaking, database, polls.figures, FixedClock(), BASELINE)

    assert result.unavailable == "HTTP 503"
    assert (await stored_dates(database))[-1] == date(2024, 9, 1)
    assert await outbox(database) == []


async def test_when_upstream_goes_back_a_day_nothing_changes(
    polls: Poll, database: Database
) -> None:
    await subscribe(database, 1)
    await polls.store_until("2024-12-20")
    polls.publish("2024-12-19")

    result = await polls()

    assert (result.latest, result.stored, result.revised, result.deliveries) == (
        date(2024, 12, 20),
        0,
        (),
        0,
    )
    assert await outbox(database) == []


async def test_after_a_poll_the_figures_include_the_new_report(polls: Poll) -> None:
    await polls.store_until("2024-12-19")
    assert (await polls.figures.figures()).history.latest.date == date(2024, 12, 19)
    polls.publish("2024-12-20")

    await polls()

    assert (await polls.figures.figures()).history.latest.date == date(2024, 12, 20)


async def stored_figures(database: Database) -> Figures:
    """The figures as a fresh reader loads them from the store."""
    return await FiguresReader(database, BASELINE).figures()


async def no_reload() -> Figures:
    raise AssertionError("the figures were read again from the store")


@pytest.mark.parametrize("revised", [False, True], ids=["new-report", "with-a-revision"])
async def test_after_a_poll_the_figures_in_memory_are_the_stored_ones_without_a_reload(
    polls: Poll, database: Database, monkeypatch: pytest.MonkeyPatch, revised: bool
) -> None:
    await polls.store_until("2024-12-19")
    await polls.figures.figures()
    polls.publish("2024-12-20")
    if revised:  # the poll reads the day before again, one tank more
        record = next(r for r in history_records() if r["date"] == "2024-12-19")
        tanks, change = record["stats"]["tanks"], record["increase"]["tanks"]
        polls.api.revise(
            date(2024, 12, 19), stats={"tanks": tanks + 1}, increase={"tanks": change + 1}
        )

    result = await polls()
    monkeypatch.setattr(polls.figures, "_load", no_reload)
    figures = await polls.figures.figures()

    assert result.revised == ((date(2024, 12, 19),) if revised else ())
    stored = await stored_figures(database)
    assert figures.history.reports == stored.history.reports
    assert figures.records == stored.records


async def test_figures_from_a_writer_that_began_before_another_write_are_not_taken(
    polls: Poll,
) -> None:
    await polls.store_until("2024-12-19")
    stale = (await polls.figures.figures()).history
    began = polls.figures.generation
    polls.publish("2024-12-20")
    await polls()  # the other write, told of while the first writer was storing

    polls.figures.written(stale, since=began)

    assert (await polls.figures.figures()).history.latest.date == date(2024, 12, 20)


async def mark_all_sent(database: Database) -> None:
    rows = await pending(database)
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_sent([(row.id, 1000 + row.id) for row in rows], NOW)
