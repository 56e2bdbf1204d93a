"""Migration 0010 on a store in use, on SQLite and PostgreSQL: every chat keeps its subscription
and settings (now its own subscription, thread 0), every delivery and campaign goes on, and a
downgrade gives each chat its settings back."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import DeliveryKind, DeliveryStatus
from bot.store import ChatRepository, Database
from bot.store.campaigns import CampaignRepository
from bot.store.deliveries import DeliveryRepository
from tests.support.outbox import stored_deliveries

BEFORE = "0009"
DAY = date(2024, 11, 19)
SETTINGS = (
    "language",
    "subscribed",
    "resume_on_start",
    "daily_post",
    "record_alerts",
    "milestone_alerts",
    "category_records",
    "silent",
    "picture_card",
    "weekly_digest",
    "monthly_digest",
)
CHATS_0009 = sa.table(
    "chats",
    *(sa.column(name) for name in ("chat_id", "kind", "title", "added_by")),
    *(sa.column(name) for name in SETTINGS if name != "category_records"),
    sa.column("category_records", sa.JSON()),
)
DELIVERIES = sa.table(
    "deliveries", *(sa.column(name) for name in ("chat_id", "report_date", "kind", "status"))
)
CAMPAIGNS = sa.table(
    "campaigns",
    *(sa.column(name) for name in ("report_date", "kind", "next_chat_id")),
    sa.column("categories", sa.JSON()),
)
DEFAULTS: dict[str, Any] = {
    "language": "uk",
    "subscribed": True,
    "resume_on_start": False,
    "daily_post": True,
    "record_alerts": True,
    "milestone_alerts": True,
    "category_records": [],
    "silent": False,
    "picture_card": False,
    "weekly_digest": False,
    "monthly_digest": False,
    "title": None,
    "added_by": None,
}
OLENA = {**DEFAULTS, "chat_id": 100, "kind": "private", "language": "en", "silent": True}
GROUP = {
    **DEFAULTS,
    "chat_id": -200,
    "kind": "group",
    "title": "Group",
    "category_records": ["tanks", "mlrs"],
    "daily_post": False,
    "weekly_digest": True,
}
CHANNEL = {**DEFAULTS, "chat_id": -1_000_300, "kind": "channel", "added_by": 100}
BLOCKED = {**DEFAULTS, "chat_id": 400, "kind": "private", "subscribed": False}
BLOCKED["resume_on_start"] = True
ROWS = [OLENA, GROUP, CHANNEL, BLOCKED]


async def store_at_0009(database: Database) -> None:
    await database.migrate(BEFORE)
    async with database.engine.begin() as connection:
        await connection.execute(sa.insert(CHATS_0009), ROWS)
        await connection.execute(
            sa.insert(DELIVERIES),
            [
                {"chat_id": 100, "report_date": DAY, "kind": "daily", "status": "sent"},
                {"chat_id": 100, "report_date": DAY, "kind": "record", "status": "pending"},
                {"chat_id": -200, "report_date": DAY, "kind": "weekly", "status": "pending"},
            ],
        )
        await connection.execute(
            sa.insert(CAMPAIGNS),
            [{"report_date": DAY, "kind": "milestone", "next_chat_id": -200, "categories": []}],
        )


def as_chat(row: dict[str, Any]) -> Chat:
    settings = ChatSettings(
        **{name: row[name] for name in SETTINGS if name not in ("subscribed", "resume_on_start")}
        | {"category_records": frozenset(row["category_records"])}
    )
    kind = ChatKind(row["kind"])
    return Chat(row["chat_id"], kind, row["title"], row["subscribed"], settings, row["added_by"])


async def test_every_chat_keeps_its_subscription_and_settings_and_every_delivery_stays(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        await store_at_0009(database)
        await database.migrate()

        async with database.transaction() as session:
            chats = ChatRepository(session)
            found = [await chats.get(row["chat_id"]) for row in ROWS]
            resumed = await chats.resume(400)
        deliveries = await stored_deliveries(database)
    finally:
        await database.dispose()

    assert found == [as_chat(row) for row in ROWS]
    assert resumed is not None
    assert resumed.subscribed  # blocking had ended it: /start brings it back, as before
    assert [(d.chat_id, d.thread_id, d.kind, d.status) for d in deliveries] == [
        (100, None, DeliveryKind.DAILY, DeliveryStatus.SENT),
        (100, None, DeliveryKind.RECORD, DeliveryStatus.PENDING),
        (-200, None, DeliveryKind.WEEKLY, DeliveryStatus.PENDING),
    ]


async def test_a_campaign_half_expanded_before_the_migration_goes_on_after_its_cursor(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        await store_at_0009(database)
        await database.migrate()

        async with database.transaction() as session:
            campaigns = CampaignRepository(session)
            (campaign,) = await campaigns.unplanned()
            added, done = await campaigns.expand(campaign, 10)
        async with database.session() as session:
            owed = await DeliveryRepository(session).backlog()
    finally:
        await database.dispose()

    assert (added, done) == (1, True)  # OLENA (100) alone: -1,000,300 and -200 came before
    assert owed == 3


async def test_a_downgrade_gives_every_chat_its_settings_back(database_url: str) -> None:
    database = Database(database_url)
    try:
        await store_at_0009(database)
        await database.migrate()
        async with database.transaction() as session:
            chats = ChatRepository(session)
            await chats.upsert(-200, ChatKind.GROUP, "Group", "en", thread_id=7)  # lost below

        await database.downgrade(BEFORE)

        async with database.engine.connect() as connection:
            rows = (await connection.execute(sa.select(CHATS_0009))).mappings().all()
            deliveries = await connection.scalar(sa.select(sa.func.count()).select_from(DELIVERIES))
    finally:
        await database.dispose()

    assert sorted(({**row} for row in rows), key=lambda row: row["chat_id"]) == sorted(
        ROWS, key=lambda row: row["chat_id"]
    )
    assert deliveries == 3
