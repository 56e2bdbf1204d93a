"""The outbox's vocabulary: what is owed to a chat for a report, and where it stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DeliveryKind(StrEnum):
    """What a delivery carries, in the order a chat receives them for one report."""

    DAILY = "daily"
    """The daily post: totals, the day's changes, records marked."""
    RECORD = "record"
    """Record-day alert(s) of that report: personnel, and the categories the chat chose."""
    MILESTONE = "milestone"
    """Milestone alert(s) of that report: totals crossing round steps, war-day anniversaries."""


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    """Gave up: the chat blocked the bot, is gone, or retries ran out."""
    SKIPPED = "skipped"
    """Nothing to send after all (e.g. the chat unsubscribed or no longer wants this kind)."""


@dataclass(frozen=True, slots=True)
class NewDelivery:
    chat_id: int
    report_date: date
    kind: DeliveryKind


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message owed to one chat; unique on (chat, report date, kind)."""

    id: int
    chat_id: int
    report_date: date
    kind: DeliveryKind
    status: DeliveryStatus
    attempts: int = 0
    not_before: datetime | None = None
    message_id: int | None = None
    needs_edit: bool = False
    """Set when upstream revised the report after this post was sent: edit it in place."""
