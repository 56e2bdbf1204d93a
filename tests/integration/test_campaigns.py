"""Campaigns in the store, on SQLite and PostgreSQL: stored once, expanded chunk by chunk in the
database to exactly the chats `planning.wants` names, and claimed by one sender at a time."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.delivery.planner import CampaignPlanner
from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import Campaign, DeliveryKind
from bot.domain.planning import expand
from bot.store import ChatRepository, Database
from bot.store.campaigns import CampaignRepository
from bot.store.deliveries import DeliveryRepository
from tests.support.outbox import pending_deliveries

DAY = date(2024, 11, 19)
NOW = datetime(2024, 11, 19, 7, 0, tzinfo=UTC)
DAILY, RECORD, MILESTONE = DeliveryKind.DAILY, DeliveryKind.RECORD, DeliveryKind.MILESTONE
CAMPAIGNS = [
    Campaign(DAY, DAILY),
    Campaign(DAY, RECORD, frozenset({"personnel_units"})),
    Campaign(DAY - timedelta(days=1), RECORD, frozenset({"tanks", "uav_systems"})),
    Campaign(DAY - timedelta(days=2), RECORD, frozenset({"personnel_units", "mlrs"})),
    Campaign(DAY, MILESTONE),
    Campaign(date(2024, 11, 11), DeliveryKind.WEEKLY),
    Campaign(date(2024, 10, 1), DeliveryKind.MONTHLY),
]
SETTINGS = [
    ChatSettings(),
    ChatSettings(daily_post=False),
    ChatSettings(record_alerts=False),
    ChatSettings(record_alerts=False, category_records=frozenset({"tanks"})),
    ChatSettings(category_records=frozenset({"mlrs", "planes"})),
    ChatSettings(milestone_alerts=False, weekly_digest=True),
    ChatSettings(monthly_digest=True, record_alerts=False, daily_post=False),
    ChatSettings(weekly_digest=True, monthly_digest=True, milestone_alerts=False),
]


def chats_with_every_setting() -> list[Chat]:
    chats = [
        Chat(1_000 + n, ChatKind.PRIVATE, None, True, settings)
        for n, settings in enumerate(SETTINGS)
    ]
    chats += [
        Chat(-2_000 - n, ChatKind.GROUP, "g", n % 2 == 0, settings)
        for n, settings in enumerate(SETTINGS)
    ]
    return chats


async def store_chats(database: Database, chats: list[Chat]) -> None:
    async with database.transaction() as session:
        repository = ChatRepository(session)
        for chat in chats:
            await repository.upsert(chat.chat_id, chat.kind, chat.title, "uk")
            await repository.update_settings(chat.chat_id, chat.settings)
            await repository.set_subscribed(chat.chat_id, chat.subscribed)


async def test_a_campaign_is_stored_once_however_often_it_is_owed(database: Database) -> None:
    async with database.transaction() as session:
        first = await CampaignRepository(session).add_many(CAMPAIGNS[:2])
    async with database.transaction() as session:
        again = await CampaignRepository(session).add_many(CAMPAIGNS[:3])

    assert (first, again) == (2, 1)


async def test_campaigns_expand_in_the_database_to_exactly_the_chats_that_want_them(
    database: Database,
) -> None:
    chats = chats_with_every_setting()
    await store_chats(database, chats)
    async with database.transaction() as session:
        await CampaignRepository(session).add_many(CAMPAIGNS)

    await CampaignPlanner(database, chunk=3).plan_all()  # many chunks, each its own transaction

    owed = {(d.chat_id, d.report_date, d.kind) for d in await pending_deliveries(database)}
    expected = {(d.chat_id, d.report_date, d.kind) for d in expand(CAMPAIGNS, chats)}
    assert owed == expected
    assert len(owed) > 20


async def test_a_campaign_is_expanded_by_chat_id_and_never_twice(database: Database) -> None:
    chats = [Chat(chat_id, ChatKind.PRIVATE, None, True) for chat_id in (30, 10, 20, 40, 50)]
    await store_chats(database, chats)
    async with database.transaction() as session:
        await CampaignRepository(session).add_many([Campaign(DAY, DAILY)])
    planner = CampaignPlanner(database, chunk=2)

    await planner.plan_some()
    after_one_chunk = [d.chat_id for d in await pending_deliveries(database)]
    await planner.plan_all()
    await planner.plan_all()

    assert after_one_chunk == [10, 20]
    assert [d.chat_id for d in await pending_deliveries(database)] == [10, 20, 30, 40, 50]
    async with database.session() as session:
        assert await CampaignRepository(session).unplanned() == []


async def test_what_a_campaign_owes_is_counted_without_expanding_it(database: Database) -> None:
    chats = chats_with_every_setting()
    await store_chats(database, chats)

    async with database.session() as session:
        owed = await CampaignRepository(session).owed(CAMPAIGNS)

    assert owed == len(expand(CAMPAIGNS, chats))


@pytest.mark.postgres
async def test_two_senders_claiming_at_once_never_hold_the_same_delivery(
    postgres_url: str,
) -> None:
    database = Database(postgres_url)  # SKIP LOCKED is PostgreSQL's (SQLite serves one process)
    try:
        await database.migrate()
        chats = [Chat(chat_id, ChatKind.PRIVATE, None, True) for chat_id in range(1, 11)]
        await store_chats(database, chats)
        async with database.transaction() as session:
            await CampaignRepository(session).add_many([Campaign(DAY, DAILY)])
        await CampaignPlanner(database).plan_all()
        until = NOW + timedelta(seconds=10)

        async with database.transaction() as first:  # not committed while the second claims
            held = await DeliveryRepository(first).claim(DAILY, NOW, "first", until, 4)
            async with asyncio.timeout(5), database.transaction() as second:
                taken = await DeliveryRepository(second).claim(DAILY, NOW, "second", until, 10)
    finally:
        await database.dispose()

    assert [d.chat_id for d in held] == [1, 2, 3, 4]
    assert [d.chat_id for d in taken] == [5, 6, 7, 8, 9, 10]
