"""DeliveryRepository: the durable outbox, one row per (chat, thread, report date, kind).

A delivery goes to one subscription: a chat's own (`thread_id` 0) or one forum topic's. Campaigns
(`campaigns.py`) fill it subscription by subscription; the sender in `bot.delivery` drains it. A
sender claims the rows it is about to send (`claim`): a claim is a lease in the row
(`claimed_until`, `claimed_by`), taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so that no two
senders ever hold one delivery, and a delivery whose sender died is taken up again once its lease
ends. Statements work on columns, not ORM objects: a broadcast touches every subscriber.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, aliased, mapped_column

from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.store.models import Base, BigId, SubscriptionRow, thread_key, thread_of

PENDING, SENT, FAILED, SKIPPED = (status.value for status in DeliveryStatus)


def _one_of(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(value.value) for value in values)})"


class DeliveryRow(Base):
    """One message owed to one subscription for one report (or digest); unique on (chat, thread,
    date, kind)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        sa.UniqueConstraint("chat_id", "thread_id", "report_date", "kind"),
        sa.ForeignKeyConstraint(
            ["chat_id", "thread_id"],
            [SubscriptionRow.chat_id, SubscriptionRow.thread_id],
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(_one_of("kind", DeliveryKind), name="kind"),
        sa.CheckConstraint(_one_of("status", DeliveryStatus), name="status"),
        # Pending rows of a kind in the order they go out (claim), sent daily posts (edits).
        sa.Index(None, "status", "kind", "report_date", "id"),
        sa.Index(None, "created_at"),  # the retention's purge
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    chat_id: Mapped[int]
    thread_id: Mapped[int] = mapped_column(server_default="0")
    """The forum topic it goes to; 0: the chat itself (`models.NO_THREAD`)."""
    report_date: Mapped[date]
    """The report's date; for a digest, the first day of its week or month (no report needed)."""
    kind: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), server_default=PENDING)
    attempts: Mapped[int] = mapped_column(sa.Integer(), server_default="0")
    """Failed tries so far (a 429 is not a failure)."""
    not_before: Mapped[datetime | None]
    """A rescheduled delivery waits until then."""
    message_id: Mapped[int | None]
    needs_edit: Mapped[bool] = mapped_column(server_default=sa.false(), index=True)
    error: Mapped[str | None]
    """Why the last try failed."""
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    sent_at: Mapped[datetime | None]
    claimed_until: Mapped[datetime | None]
    """A sender holds the delivery until then (renewing it while it does); None: nobody."""
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    """The claiming sender's token."""


_COLUMNS = (
    DeliveryRow.id,
    DeliveryRow.chat_id,
    DeliveryRow.thread_id,
    DeliveryRow.report_date,
    DeliveryRow.kind,
    DeliveryRow.status,
    DeliveryRow.attempts,
    DeliveryRow.not_before,
    DeliveryRow.message_id,
    DeliveryRow.needs_edit,
)
UNIQUE_KEY = ["chat_id", "thread_id", "report_date", "kind"]
"""What makes a delivery unique: never two of one kind and date to one subscription."""
_PENDING = DeliveryRow.status == PENDING
_NEEDS_EDIT = sa.and_(DeliveryRow.status == SENT, DeliveryRow.needs_edit)
_NO_SYNC = {"synchronize_session": False}


def _delivery(row: sa.Row[*tuple[Any, ...]]) -> Delivery:
    return Delivery(
        id=row.id,
        chat_id=row.chat_id,
        report_date=row.report_date,
        kind=DeliveryKind(row.kind),
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        not_before=row.not_before,
        message_id=row.message_id,
        needs_edit=row.needs_edit,
        thread_id=thread_of(row.thread_id),
    )


def _before(kind: DeliveryKind) -> list[DeliveryKind]:
    """The kinds that go before `kind`."""
    return [other for other in DeliveryKind if other.rank < kind.rank]


def _rowcount(result: sa.Result[Any]) -> int:
    return result.rowcount if isinstance(result, sa.CursorResult) else 0


class DeliveryRepository:
    """The outbox in and out as domain `Delivery`s. Never commits: the caller owns the
    transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, rows: Iterable[NewDelivery]) -> int:
        """Inserts the deliveries not stored yet (same chat, thread, report date and kind); how
        many."""
        values = [
            {
                "chat_id": row.chat_id,
                "thread_id": thread_key(row.thread_id),
                "report_date": row.report_date,
                "kind": row.kind.value,
            }
            for row in rows
        ]
        if not values:
            return 0
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        statement = (
            dialect.insert(DeliveryRow)
            .on_conflict_do_nothing(index_elements=UNIQUE_KEY)
            .returning(DeliveryRow.id)
        )
        return len((await self._session.execute(statement, values)).all())

    async def claim(
        self, kind: DeliveryKind, now: datetime, owner: str, until: datetime, limit: int
    ) -> list[Delivery]:
        """Claims for `owner` until `until` at most `limit` deliveries of `kind` that are due and
        free, oldest report date first, then by id (the order of the chats); returns them so.

        Free: pending, not waiting for a retry (`not_before`), not claimed (or the claim's lease has
        ended) and not behind another pending delivery of the same chat (any of its topics) that
        goes first (a lower kind, or the same kind of an earlier date), so that a chat receives its
        messages in the sender's order even after a retry or a restart. Rows another transaction is
        claiming are skipped, not waited for (`SKIP LOCKED`).
        """
        found: list[Delivery] = []
        day = await self._next_pending_date(kind, None)
        while day is not None and len(found) < limit:
            found.extend(await self._claim_on(kind, day, now, owner, until, limit - len(found)))
            day = await self._next_pending_date(kind, day)
        return found

    async def _claim_on(
        self, kind: DeliveryKind, day: date, now: datetime, owner: str, until: datetime, limit: int
    ) -> list[Delivery]:
        row, earlier = aliased(DeliveryRow, name="candidate"), aliased(DeliveryRow, name="earlier")
        # The chats with a pending delivery that goes first, as one set (not a correlated
        # subquery, which SQLite may plan as a scan of every pending row for each candidate).
        blocked = sa.select(earlier.chat_id).where(
            earlier.status == PENDING,
            sa.or_(
                earlier.kind.in_([other.value for other in _before(kind)]),
                sa.and_(earlier.kind == kind.value, earlier.report_date < day),
            ),
        )
        candidates = (
            sa.select(row.id)
            .where(row.status == PENDING, row.kind == kind.value, row.report_date == day)
            .where(sa.or_(row.not_before.is_(None), row.not_before <= now))
            .where(sa.or_(row.claimed_until.is_(None), row.claimed_until <= now))
            .where(row.chat_id.not_in(blocked))
            .order_by(row.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            sa.update(DeliveryRow)
            .where(DeliveryRow.id.in_(candidates.scalar_subquery()))
            .values(claimed_until=until, claimed_by=owner)
            .returning(*_COLUMNS)
        )
        result = await self._session.execute(statement, execution_options=_NO_SYNC)
        return sorted((_delivery(found) for found in result), key=lambda found: found.id)

    async def _next_pending_date(self, kind: DeliveryKind, after: date | None) -> date | None:
        query = sa.select(sa.func.min(DeliveryRow.report_date)).where(
            _PENDING, DeliveryRow.kind == kind.value
        )
        if after is not None:
            query = query.where(DeliveryRow.report_date > after)
        result: date | None = await self._session.scalar(query)
        return result

    async def has_due(self, kind: DeliveryKind, now: datetime) -> bool:
        """Whether a pending delivery of `kind` is due (claimed or not): the sender finishes a
        kind before it starts the next one."""
        query = sa.select(DeliveryRow.id).where(
            _PENDING,
            DeliveryRow.kind == kind.value,
            sa.or_(DeliveryRow.not_before.is_(None), DeliveryRow.not_before <= now),
        )
        return await self._session.scalar(query.limit(1)) is not None

    async def renew(self, delivery_ids: Iterable[int], owner: str, until: datetime) -> int:
        """Extends `owner`'s claims on these pending deliveries to `until`; how many it holds."""
        ids = list(delivery_ids)
        if not ids:
            return 0
        return await self._update(
            DeliveryRow.id.in_(ids),
            _PENDING,
            DeliveryRow.claimed_by == owner,
            claimed_until=until,
        )

    async def release(self, delivery_ids: Iterable[int], owner: str) -> None:
        """Gives up `owner`'s claims on these deliveries (unsent: another sender may take them)."""
        ids = list(delivery_ids)
        if ids:
            await self._update(
                DeliveryRow.id.in_(ids),
                DeliveryRow.claimed_by == owner,
                claimed_until=None,
                claimed_by=None,
            )

    async def release_all(self) -> int:
        """Ends every claim (when no other sender can be alive: SQLite's one process)."""
        return await self._update(DeliveryRow.claimed_until.is_not(None), claimed_until=None)

    async def mark_progress(self, progress: Iterable[tuple[int, int]]) -> None:
        """Notes the first message of each (delivery id, message id) of a digest as sent; the
        delivery stays pending for its second message."""
        for delivery_id, message_id in progress:
            await self._update(DeliveryRow.id == delivery_id, _PENDING, message_id=message_id)

    async def mark_sent(self, sent: Iterable[tuple[int, int]], at: datetime) -> None:
        """Marks each (delivery id, message id) sent at `at`."""
        values = [
            {"id": delivery_id, "message_id": message_id, "status": SENT, "sent_at": at}
            for delivery_id, message_id in sent
        ]
        if values:
            await self._session.execute(sa.update(DeliveryRow), values)

    async def reschedule(self, delivery_id: int, not_before: datetime, error: str) -> None:
        """Counts a failed try and leaves the delivery pending, and free, until `not_before`."""
        await self._update(
            DeliveryRow.id == delivery_id,
            _PENDING,
            not_before=not_before,
            error=error,
            attempts=DeliveryRow.attempts + 1,
            claimed_until=None,
            claimed_by=None,
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        """Counts a failed try and gives the delivery up."""
        await self._update(
            DeliveryRow.id == delivery_id,
            _PENDING,
            status=FAILED,
            error=error,
            attempts=DeliveryRow.attempts + 1,
        )

    async def mark_skipped(self, delivery_ids: Iterable[int]) -> None:
        """Gives up the pending ones of these deliveries: there is nothing to send."""
        ids = list(delivery_ids)
        if ids:
            await self._update(DeliveryRow.id.in_(ids), _PENDING, status=SKIPPED)

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """Hands a migrated group's pending and to-be-edited deliveries to its new chat id.

        A delivery the new chat already has (same thread, report date and kind) is not moved: the
        old one is skipped (pending) or left unedited.
        """
        other = aliased(DeliveryRow)
        taken = (
            sa.select(other.id)
            .where(
                other.chat_id == new_chat_id,
                other.thread_id == DeliveryRow.thread_id,
                other.report_date == DeliveryRow.report_date,
                other.kind == DeliveryRow.kind,
            )
            .exists()
        )
        movable = sa.and_(DeliveryRow.chat_id == old_chat_id, sa.or_(_PENDING, _NEEDS_EDIT))
        await self._update(
            movable,
            taken,
            status=sa.case((_PENDING, SKIPPED), else_=DeliveryRow.status),
            needs_edit=False,
        )
        await self._update(movable, ~taken, chat_id=new_chat_id)

    async def skip_pending_for_chat(self, chat_id: int) -> int:
        """Skips every pending delivery of the chat, its topics' too (it was unsubscribed); how
        many."""
        return await self._update(DeliveryRow.chat_id == chat_id, _PENDING, status=SKIPPED)

    async def skip_pending_for_topic(self, chat_id: int, thread_id: int | None) -> int:
        """Skips every pending delivery of one subscription (a topic, or the chat's own); how
        many."""
        return await self._update(
            DeliveryRow.chat_id == chat_id,
            DeliveryRow.thread_id == thread_key(thread_id),
            _PENDING,
            status=SKIPPED,
        )

    async def mark_needs_edit(self, report_date: date) -> int:
        """Flags the sent daily posts and alerts of a revised report for editing; how many.

        An alert that the revision proved false is edited to say so (see `services/compose`).
        Digests, dated by their period, are not a report's: they stay as sent.
        """
        return await self._update(
            DeliveryRow.report_date == report_date,
            DeliveryRow.kind.in_([kind.value for kind in DeliveryKind if not kind.is_digest]),
            DeliveryRow.status == SENT,
            needs_edit=True,
        )

    async def needing_edit(self, limit: int) -> list[Delivery]:
        """Sent deliveries flagged for editing, oldest first."""
        query = sa.select(*_COLUMNS).where(_NEEDS_EDIT).order_by(DeliveryRow.id).limit(limit)
        return [_delivery(row) for row in await self._session.execute(query)]

    async def edited(self, delivery_id: int) -> None:
        """The delivery's message was edited, or cannot be: it no longer needs an edit."""
        await self._update(DeliveryRow.id == delivery_id, needs_edit=False)

    async def next_retry(self, after: datetime) -> datetime | None:
        """The earliest moment after `after` that a rescheduled pending delivery waits for."""
        query = sa.select(sa.func.min(DeliveryRow.not_before)).where(
            _PENDING, DeliveryRow.not_before > after
        )
        result: datetime | None = await self._session.scalar(query)
        return result

    async def purge(self, before: datetime, keep_posts_of: date | None, limit: int) -> int:
        """Deletes at most `limit` deliveries made before `before` that are done with: sent,
        failed or skipped, not waiting to be edited, and not a daily post of `keep_posts_of` or
        later (the newest report can still be revised, and its posts edited); how many."""
        done = sa.and_(DeliveryRow.status != PENDING, ~DeliveryRow.needs_edit)
        old = DeliveryRow.created_at < before
        ids = sa.select(DeliveryRow.id).where(done, old)
        if keep_posts_of is not None:
            ids = ids.where(
                ~sa.and_(
                    DeliveryRow.kind == DeliveryKind.DAILY.value,
                    DeliveryRow.report_date >= keep_posts_of,
                )
            )
        statement = sa.delete(DeliveryRow).where(DeliveryRow.id.in_(ids.limit(limit)))
        return _rowcount(await self._session.execute(statement, execution_options=_NO_SYNC))

    async def backlog(self) -> int:
        """How many deliveries are pending."""
        count = await self._session.scalar(sa.select(sa.func.count()).where(_PENDING))
        return count or 0

    async def progress(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """Since when the oldest pending delivery has been due at `now` (None: none is due), and
        when the last delivery was sent (None: never): the outbox is stuck if both are old."""
        due_since = sa.func.coalesce(DeliveryRow.not_before, DeliveryRow.created_at)
        oldest_due = await self._session.scalar(
            sa.select(sa.func.min(due_since)).where(
                _PENDING, sa.or_(DeliveryRow.not_before.is_(None), DeliveryRow.not_before <= now)
            )
        )
        last_sent = await self._session.scalar(sa.select(sa.func.max(DeliveryRow.sent_at)))
        return oldest_due, last_sent

    async def counts_by_status(self) -> dict[DeliveryStatus, int]:
        """How many deliveries there are in each status (every status present, maybe 0)."""
        query = sa.select(DeliveryRow.status, sa.func.count()).group_by(DeliveryRow.status)
        counts = dict.fromkeys(DeliveryStatus, 0)
        for status, count in await self._session.execute(query):
            counts[DeliveryStatus(status)] = count
        return counts

    async def _update(self, *where: sa.ColumnElement[bool], **values: Any) -> int:
        statement = sa.update(DeliveryRow).where(*where).values(**values)
        return _rowcount(await self._session.execute(statement, execution_options=_NO_SYNC))
