"""Helpers for outbox tests: subscribed chats with the report they are owed, and a worker
configuration without any limits."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.delivery import DeliverySettings
from bot.domain.chats import ChatKind, ChatSettings
from bot.store import ChatRepository, Database, ReportRepository
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
