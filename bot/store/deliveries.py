"""DeliveryRepository: the durable outbox, one row per (chat, report date, kind).

The worker in `bot.delivery` drains it; the use case that stores a new report fills it in the same
transaction. Statements work on columns, not ORM objects: a broadcast touches every subscriber.
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
from bot.store.models import Base, BigId, ChatRow, ReportRow

PENDING, SENT, FAILED, SKIPPED = (status.value for status in DeliveryStatus)


def _one_of(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(value.value) for value in values)})"


class DeliveryRow(Base):
    """One message owed to one chat for one report; unique on (chat, report date, kind)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        sa.UniqueConstraint("chat_id", "report_date", "kind"),
        sa.CheckConstraint(_one_of("kind", DeliveryKind), name="kind"),
        sa.CheckConstraint(_one_of("status", DeliveryStatus), name="status"),
        # Pending rows in the order they go out (due), sent daily posts of a report (edits).
        sa.Index(None, "status", "report_date", "kind", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(sa.ForeignKey(ChatRow.chat_id, ondelete="CASCADE"))
    report_date: Mapped[date] = mapped_column(
        sa.ForeignKey(ReportRow.report_date, ondelete="CASCADE")
    )
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


_COLUMNS = (
    DeliveryRow.id,
    DeliveryRow.chat_id,
    DeliveryRow.report_date,
    DeliveryRow.kind,
    DeliveryRow.status,
    DeliveryRow.attempts,
    DeliveryRow.not_before,
    DeliveryRow.message_id,
    DeliveryRow.needs_edit,
)
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
    )


def _rowcount(result: sa.Result[Any]) -> int:
    return result.rowcount if isinstance(result, sa.CursorResult) else 0


class DeliveryRepository:
    """The outbox in and out as domain `Delivery`s. Never commits: the caller owns the
    transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, rows: Iterable[NewDelivery]) -> int:
        """Inserts the deliveries not stored yet (same chat, report date and kind); how many."""
        values = [
            {"chat_id": row.chat_id, "report_date": row.report_date, "kind": row.kind.value}
            for row in rows
        ]
        if not values:
            return 0
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        statement = (
            dialect.insert(DeliveryRow)
            .on_conflict_do_nothing(index_elements=["chat_id", "report_date", "kind"])
            .returning(DeliveryRow.id)
        )
        return len((await self._session.execute(statement, values)).all())

    async def due(self, now: datetime, limit: int) -> list[Delivery]:
        """Pending deliveries whose time has come, by report date, kind (daily first) and id.

        One indexed range per (report date, kind), so that each call reads about `limit` rows
        however long the backlog is.
        """
        found: list[Delivery] = []
        day = await self._next_pending_date(None)
        while day is not None and len(found) < limit:
            for kind in DeliveryKind:
                query = (
                    sa.select(*_COLUMNS)
                    .where(_PENDING, DeliveryRow.report_date == day, DeliveryRow.kind == kind.value)
                    .where(sa.or_(DeliveryRow.not_before.is_(None), DeliveryRow.not_before <= now))
                    .order_by(DeliveryRow.id)
                    .limit(limit - len(found))
                )
                found.extend(_delivery(row) for row in await self._session.execute(query))
                if len(found) >= limit:
                    break
            day = await self._next_pending_date(day)
        return found

    async def _next_pending_date(self, after: date | None) -> date | None:
        query = sa.select(sa.func.min(DeliveryRow.report_date)).where(_PENDING)
        if after is not None:
            query = query.where(DeliveryRow.report_date > after)
        result: date | None = await self._session.scalar(query)
        return result

    async def mark_sent(self, sent: Iterable[tuple[int, int]], at: datetime) -> None:
        """Marks each (delivery id, message id) sent at `at`."""
        values = [
            {"id": delivery_id, "message_id": message_id, "status": SENT, "sent_at": at}
            for delivery_id, message_id in sent
        ]
        if values:
            await self._session.execute(sa.update(DeliveryRow), values)

    async def reschedule(self, delivery_id: int, not_before: datetime, error: str) -> None:
        """Counts a failed try and leaves the delivery pending until `not_before`."""
        await self._update(
            DeliveryRow.id == delivery_id,
            _PENDING,
            not_before=not_before,
            error=error,
            attempts=DeliveryRow.attempts + 1,
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

        A delivery the new chat already has (same report date and kind) is not moved: the old
        one is skipped (pending) or left unedited.
        """
        other = aliased(DeliveryRow)
        taken = (
            sa.select(other.id)
            .where(
                other.chat_id == new_chat_id,
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
        """Skips every pending delivery of the chat (it was unsubscribed); how many."""
        return await self._update(DeliveryRow.chat_id == chat_id, _PENDING, status=SKIPPED)

    async def mark_needs_edit(self, report_date: date) -> int:
        """Flags the sent daily posts and alerts of a revised report for editing; how many.

        An alert that the revision proved false is edited to say so (see `services/compose`).
        """
        return await self._update(
            DeliveryRow.report_date == report_date, DeliveryRow.status == SENT, needs_edit=True
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
