"""Migrating a group to its supergroup, on SQLite and PostgreSQL: one use case for both triggers.

The service message (the handler, through `ChatService.migrate`) and a send refused with
`migrate_to_chat_id` (the outbox worker, through its `Bookkeeper`) both move the chat; whichever
comes second must change nothing, even if the new chat was changed in between.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from bot.delivery.bookkeeping import Bookkeeper
from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import DeliveryKind, NewDelivery
from bot.services.chats import ChatService
from bot.services.clock import SystemClock
from bot.store import ChatRepository, Database, ReportRepository
from bot.store.deliveries import DeliveryRepository, DeliveryRow
from tests.support.dataset import report_of

GROUP_ID = -4_012_345_678
SUPERGROUP_ID = -1_001_234_567_890
DAY = date(2024, 12, 20)
CHOSEN = ChatSettings(milestone_alerts=False, silent=True, language="en")

Migrate = Callable[[Database], Awaitable[object]]


async def by_the_handler(database: Database) -> object:
    return await ChatService(database).migrate(GROUP_ID, SUPERGROUP_ID)


async def by_the_worker(database: Database) -> object:
    await Bookkeeper(database, SystemClock(), 100).migrate(GROUP_ID, SUPERGROUP_ID)
    return None


TRIGGERS = [
    pytest.param((by_the_handler, by_the_worker), id="handler-then-worker"),
    pytest.param((by_the_worker, by_the_handler), id="worker-then-handler"),
]


async def subscribed_group_owed_a_post(database: Database) -> None:
    async with database.transaction() as session:
        await ReportRepository(session).save(report_of(DAY.isoformat()), datetime.now(UTC))
        chats = ChatRepository(session)
        await chats.upsert(GROUP_ID, ChatKind.GROUP, "Group", "uk")
        await chats.set_subscribed(GROUP_ID, True)
        await chats.update_settings(GROUP_ID, CHOSEN)
        await DeliveryRepository(session).add_many([NewDelivery(GROUP_ID, DAY, DeliveryKind.DAILY)])


async def chat(database: Database, chat_id: int) -> Chat | None:
    async with database.session() as session:
        return await ChatRepository(session).get(chat_id)


async def owed_to(database: Database) -> list[int]:
    async with database.session() as session:
        return list(await session.scalars(sa.select(DeliveryRow.chat_id)))


@pytest.mark.parametrize("trigger", [by_the_handler, by_the_worker])
async def test_a_migration_moves_subscription_settings_and_pending_deliveries(
    database: Database, trigger: Migrate
) -> None:
    await subscribed_group_owed_a_post(database)

    await trigger(database)

    moved = await chat(database, SUPERGROUP_ID)
    assert moved is not None
    assert (moved.subscribed, moved.settings) == (True, CHOSEN)
    assert await chat(database, GROUP_ID) == Chat(GROUP_ID, ChatKind.GROUP, "Group", False, CHOSEN)
    assert await owed_to(database) == [SUPERGROUP_ID]


@pytest.mark.parametrize("triggers", TRIGGERS)
async def test_the_second_trigger_of_a_migration_changes_nothing(
    database: Database, triggers: tuple[Migrate, Migrate]
) -> None:
    first, second = triggers
    await subscribed_group_owed_a_post(database)
    await first(database)
    before = await chat(database, SUPERGROUP_ID)

    await second(database)

    assert await chat(database, SUPERGROUP_ID) == before
    assert await owed_to(database) == [SUPERGROUP_ID]


@pytest.mark.parametrize("triggers", TRIGGERS)
async def test_a_late_trigger_keeps_what_the_supergroup_changed_since(
    database: Database, triggers: tuple[Migrate, Migrate]
) -> None:
    first, second = triggers
    await subscribed_group_owed_a_post(database)
    await first(database)
    english_only = ChatSettings(daily_post=False, language="en")
    await ChatService(database).update_settings(SUPERGROUP_ID, english_only)

    await second(database)

    changed = await chat(database, SUPERGROUP_ID)
    assert changed is not None
    assert (changed.subscribed, changed.settings) == (True, english_only)
