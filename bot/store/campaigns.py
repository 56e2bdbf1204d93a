"""CampaignRepository: announcements owed to every subscription that wants them, expanded chunk
by chunk.

A campaign is stored with the decision that owes it (the poll's transaction, or the digest job),
one row per (date, kind), so a campaign is never owed twice. The sender expands it: each
`expand` adds the deliveries of the next chunk of subscriptions (chats' own and forum topics'),
by chat id and thread, with one `INSERT … SELECT` in the database (no subscription is loaded into
memory), and moves the campaign's cursor past them in the same transaction; a restart goes on
from the cursor. The subscriptions' filter is `planning.wants` written in SQL (a test holds the
two to the same answers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.categories import PERSONNEL
from bot.domain.deliveries import Campaign, DeliveryKind
from bot.store.deliveries import UNIQUE_KEY, DeliveryRow
from bot.store.models import Base, BigId, SubscriptionRow


class CampaignRow(Base):
    """One campaign and how far its expansion has gone."""

    __tablename__ = "campaigns"
    __table_args__ = (
        sa.UniqueConstraint("report_date", "kind"),
        sa.CheckConstraint(
            f"kind IN ({', '.join(repr(kind.value) for kind in DeliveryKind)})", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_date: Mapped[date]
    """The report's date; for a digest, the first day of its week or month."""
    kind: Mapped[str] = mapped_column(sa.String(16))
    categories: Mapped[list[str]] = mapped_column(sa.JSON)
    """Record alerts: the categories with a record day on `report_date`."""
    next_chat_id: Mapped[int | None]
    next_thread_id: Mapped[int | None]
    """With `next_chat_id`, the last subscription expanded: those after it, by chat id and then
    thread, are still to be expanded (None: all of them)."""
    planned: Mapped[bool] = mapped_column(server_default=sa.false(), index=True)
    """Every chat has been walked."""
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())


def _campaign(row: CampaignRow) -> Campaign:
    return Campaign(row.report_date, DeliveryKind(row.kind), frozenset(row.categories))


def _wanted(session: AsyncSession, campaign: Campaign) -> sa.ColumnElement[bool]:
    """`planning.wants` as a condition on the subscriptions table."""
    chats = SubscriptionRow
    switches: dict[DeliveryKind, sa.ColumnElement[bool]] = {
        DeliveryKind.DAILY: chats.daily_post.expression,
        DeliveryKind.MILESTONE: chats.milestone_alerts.expression,
        DeliveryKind.WEEKLY: chats.weekly_digest.expression,
        DeliveryKind.MONTHLY: chats.monthly_digest.expression,
    }
    wanted = switches.get(campaign.kind)
    if wanted is None:  # record alerts
        others = sorted(campaign.categories - {PERSONNEL})
        either: list[sa.ColumnElement[bool]] = []
        if PERSONNEL in campaign.categories:
            either.append(chats.record_alerts.expression)
        if others:
            either.append(_chose_any(session, others))
        wanted = sa.or_(sa.false(), *either)
    return sa.and_(chats.subscribed, wanted)


def _chose_any(session: AsyncSession, keys: list[str]) -> sa.ColumnElement[bool]:
    """Whether a subscription's `category_records` (a JSON list) names any of `keys`."""
    if session.get_bind().dialect.name == "postgresql":
        listed = sa.cast(SubscriptionRow.category_records, postgresql.JSONB)
        return listed.op("?|")(sa.cast(sa.literal(keys), postgresql.ARRAY(sa.Text())))
    chosen = sa.func.json_each(SubscriptionRow.category_records).table_valued("value")
    return sa.exists(sa.select(1).select_from(chosen).where(chosen.c.value.in_(keys)))


def _after(chat_id: int, thread_id: int) -> sa.ColumnElement[bool]:
    """Subscriptions after (`chat_id`, `thread_id`) in the order of expansion. The first term
    lets both databases walk the primary key's index from `chat_id` on."""
    subscription = SubscriptionRow
    return sa.and_(
        subscription.chat_id >= chat_id,
        sa.or_(subscription.chat_id > chat_id, subscription.thread_id > thread_id),
    )


def _up_to(chat_id: int, thread_id: int) -> sa.ColumnElement[bool]:
    """Subscriptions up to (`chat_id`, `thread_id`) included, in the order of expansion."""
    subscription = SubscriptionRow
    return sa.and_(
        subscription.chat_id <= chat_id,
        sa.or_(subscription.chat_id < chat_id, subscription.thread_id <= thread_id),
    )


class CampaignRepository:
    """Campaigns in and out as domain `Campaign`s. Never commits: the caller owns the
    transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_many(self, campaigns: Iterable[Campaign]) -> int:
        """Stores the campaigns not stored yet (same date and kind); how many were new."""
        values = [
            {
                "report_date": campaign.day,
                "kind": campaign.kind.value,
                "categories": sorted(campaign.categories),
            }
            for campaign in campaigns
        ]
        if not values:
            return 0
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        statement = (
            dialect.insert(CampaignRow)
            .on_conflict_do_nothing(index_elements=["report_date", "kind"])
            .returning(CampaignRow.id)
        )
        return len((await self._session.execute(statement, values)).all())

    async def owed(self, campaigns: Iterable[Campaign]) -> int:
        """How many deliveries `campaigns` owe to the subscriptions as they are now (a count, no
        rows)."""
        total = 0
        for campaign in campaigns:
            query = sa.select(sa.func.count()).where(_wanted(self._session, campaign))
            total += await self._session.scalar(query) or 0
        return total

    async def unplanned(self) -> list[Campaign]:
        """The campaigns still being expanded, in the sender's order (kind, then date)."""
        rows = await self._session.scalars(sa.select(CampaignRow).where(~CampaignRow.planned))
        return sorted(map(_campaign, rows), key=lambda found: (found.kind.rank, found.day))

    async def is_unplanned(self, kind: DeliveryKind) -> bool:
        """Whether a campaign of `kind` is still being expanded."""
        unplanned = sa.and_(~CampaignRow.planned, CampaignRow.kind == kind.value)
        query = sa.select(CampaignRow.id).where(unplanned)
        return await self._session.scalar(query.limit(1)) is not None

    async def expand(
        self, campaign: Campaign, chunk: int, first_chunk: int | None = None
    ) -> tuple[int, bool]:
        """Adds the deliveries of `campaign` for the next `chunk` subscriptions that want it
        (the first time, `first_chunk`: a small one lets the first message go sooner); how many
        were added, and whether the campaign is now wholly expanded."""
        row = await self._session.scalar(
            sa.select(CampaignRow)
            .where(CampaignRow.report_date == campaign.day, CampaignRow.kind == campaign.kind.value)
            .with_for_update()
        )
        if row is None or row.planned:
            return 0, True
        wanted = [_wanted(self._session, campaign)]
        if row.next_chat_id is not None:
            wanted.append(_after(row.next_chat_id, row.next_thread_id or 0))
        elif first_chunk is not None:
            chunk = first_chunk
        order = (SubscriptionRow.chat_id, SubscriptionRow.thread_id)
        last = (
            await self._session.execute(
                sa.select(*order).where(*wanted).order_by(*order).offset(chunk - 1).limit(1)
            )
        ).first()
        if last is not None:
            wanted.append(_up_to(last.chat_id, last.thread_id))
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        owed = sa.select(
            *order,
            sa.literal(campaign.day, sa.Date()),
            sa.literal(campaign.kind.value, sa.String()),
        ).where(*wanted)
        statement = (
            dialect.insert(DeliveryRow)
            .from_select(UNIQUE_KEY, owed.order_by(*order))
            .on_conflict_do_nothing(index_elements=UNIQUE_KEY)
        )
        result = await self._session.execute(statement)
        added = result.rowcount if isinstance(result, sa.CursorResult) else 0
        row.next_chat_id, row.next_thread_id = (None, None) if last is None else tuple(last)
        row.planned = last is None
        await self._session.flush()
        return added, last is None

    async def purge(self, before: datetime) -> int:
        """Deletes the wholly expanded campaigns made before `before`; how many."""
        statement = sa.delete(CampaignRow).where(
            CampaignRow.planned, CampaignRow.created_at < before
        )
        options = {"synchronize_session": False}
        result = await self._session.execute(statement, execution_options=options)
        return result.rowcount if isinstance(result, sa.CursorResult) else 0
