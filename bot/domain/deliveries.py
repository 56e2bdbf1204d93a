"""The outbox's vocabulary: what is owed to a subscription (a chat, or a forum topic of it), the
campaigns that owe it, and where it stands.

A campaign is one (date, kind) announced to every subscription that wants it: the daily post of a
report, its record or milestone alerts, a weekly or monthly digest. It is stored as one row when it
is decided, and the sender walks the subscriptions to turn it into deliveries, one each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DeliveryKind(StrEnum):
    """What a delivery carries, in the order the sender goes through them (`rank`)."""

    DAILY = "daily"
    """The daily post: totals, the day's changes, records marked."""
    RECORD = "record"
    """Record-day alert(s) of that report: personnel, and the categories the chat chose."""
    MILESTONE = "milestone"
    """Milestone alert(s) of that report: totals crossing round steps, war-day anniversaries."""
    WEEKLY = "weekly"
    """The weekly digest of the ISO week starting on the delivery's date: a text, then a chart."""
    MONTHLY = "monthly"
    """The monthly digest of the month starting on the delivery's date: a text, then a chart."""

    @property
    def rank(self) -> int:
        """The sender's order: every pending delivery of a lower rank goes before any of a higher
        one (the daily post to everyone, then the record alerts, then the milestones, then the
        digests)."""
        return _RANKS[self]

    @property
    def is_digest(self) -> bool:
        return self in (DeliveryKind.WEEKLY, DeliveryKind.MONTHLY)


_RANKS = {kind: rank for rank, kind in enumerate(DeliveryKind)}


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    """Gave up: the chat blocked the bot, is gone, or retries ran out."""
    SKIPPED = "skipped"
    """Nothing to send after all (e.g. the chat unsubscribed or no longer wants this kind)."""


@dataclass(frozen=True, slots=True)
class Campaign:
    """One announcement owed to every chat that wants it (`planning.wants`)."""

    day: date
    """The report's date; for a digest, the first day of its week or month."""
    kind: DeliveryKind
    categories: frozenset[str] = frozenset()
    """For record alerts: the categories with a record day on `day`."""


@dataclass(frozen=True, slots=True)
class NewDelivery:
    chat_id: int
    report_date: date
    kind: DeliveryKind
    thread_id: int | None = None
    """The forum topic it goes to; None: the chat itself."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message owed to one subscription (a chat, or a topic of it); unique on (chat, thread,
    report date, kind)."""

    id: int
    chat_id: int
    report_date: date
    """The report's date; for a digest, the first day of its week or month."""
    kind: DeliveryKind
    status: DeliveryStatus
    attempts: int = 0
    not_before: datetime | None = None
    message_id: int | None = None
    """The sent message; for a digest still pending, its text already sent (its chart is not)."""
    needs_edit: bool = False
    """Set when upstream revised the report after this post was sent: edit it in place."""
    thread_id: int | None = None
    """The forum topic it goes to (`Chat.thread_id`); None: the chat itself."""
