"""Helpers for outbox tests: subscribed chats with the report they are owed, and a worker
configuration without any limits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from bot.delivery import DeliverySettings
from bot.domain.chats import ChatKind, ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus
from bot.store import ChatRepository, Database, ReportRepository
from bot.store.deliveries import DeliveryRow
from bot.store.models import thread_of
from tests.fakes.bot_api_objects import FakeChat
from tests.support.dataset import report_of

DAY = date(2025, 2, 28)
"""The report the outbox tests deliver (a correction day in the real history)."""
NOW = datetime(2025, 2, 28, 7, 30, tzinfo=UTC)

UNLIMITED = DeliverySettings(
    broadcast_rate=None,
    per_chat_interval=0,
    group_limit=0,
    concurrency=8,
    connection_pool=8,
    retry_backoff=0.01,
    mark_interval=0.02,
    poll_interval=0.05,
)


def chat_kind(chat: FakeChat) -> ChatKind:
    return ChatKind(chat.type)


async def subscribe(
    database: Database, chats: list[FakeChat], settings: ChatSettings | None = None
) -> None:
    async with database.transaction() as session:
        if await ReportRepository(session).get(DAY) is None:
            await ReportRepository(session).save(report_of(DAY.isoformat()), NOW)
        repository = ChatRepository(session)
        for chat in chats:
            await repository.upsert(chat.id, chat_kind(chat), chat.title, "uk")
            await repository.set_subscribed(chat.id, True)
            if settings is not None:
                await repository.update_settings(chat.id, settings)


async def stored_deliveries(database: Database) -> list[Delivery]:
    """Every delivery as stored, whatever its status, by id."""
    async with database.session() as session:
        rows = await session.scalars(sa.select(DeliveryRow).order_by(DeliveryRow.id))
        return [
            Delivery(
                row.id,
                row.chat_id,
                row.report_date,
                DeliveryKind(row.kind),
                DeliveryStatus(row.status),
                row.attempts,
                row.not_before,
                row.message_id,
                row.needs_edit,
                thread_of(row.thread_id),
            )
            for row in rows
        ]


async def pending_deliveries(database: Database) -> list[Delivery]:
    """Every pending delivery, by id."""
    return [d for d in await stored_deliveries(database) if d.status is DeliveryStatus.PENDING]
