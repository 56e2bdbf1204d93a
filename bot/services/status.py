"""The bot's state at a glance: for `/stats`, the health endpoint and the metrics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.chats import ChatKind
from bot.domain.deliveries import DeliveryStatus
from bot.store.chats import ChatRepository
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository
from bot.store.reports import ReportRepository


@dataclass(frozen=True, slots=True)
class Status:
    subscribers: Mapping[ChatKind, int]
    """Subscriptions by the type of their chat (a subscribed forum topic counts as one of its
    supergroup's)."""
    last_report: date | None
    backlog: int
    """Deliveries waiting to be sent."""
    failed: int
    """Deliveries given up (blocked chats, exhausted retries)."""
    deliveries: Mapping[DeliveryStatus, int]
    """Every delivery in the outbox, by status."""

    @property
    def total_subscribers(self) -> int:
        return sum(self.subscribers.values())


async def read_status(database: Database) -> Status:
    """One read-only transaction; raises if the store cannot be reached."""
    async with database.session() as session:
        subscribers = await ChatRepository(session).count_by_kind()
        last_report = await ReportRepository(session).latest_date()
        outbox = DeliveryRepository(session)
        backlog = await outbox.backlog()
        deliveries = await outbox.counts_by_status()
    failed = deliveries.get(DeliveryStatus.FAILED, 0)
    return Status(subscribers, last_report, backlog, failed, deliveries)
