"""SeenUpdateRepository: the ids of the updates a webhook has taken, shared by every replica.

Telegram sends a webhook update again when it got no 200 in time, and behind a load balancer the
second copy may reach another replica: remembering the ids in the store lets any replica tell.
Telegram keeps an update for at most 24 hours, so the ids are purged after that (`purge`).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base


class SeenUpdateRow(Base):
    """An update a webhook took, by its id."""

    __tablename__ = "seen_updates"

    update_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seen_at: Mapped[datetime] = mapped_column(index=True)


class SeenUpdateRepository:
    """Never commits: the caller owns the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, update_id: int, at: datetime) -> bool:
        """Notes `update_id`; whether it is new (False: some replica took it before)."""
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        statement = (
            dialect.insert(SeenUpdateRow)
            .values(update_id=update_id, seen_at=at)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(SeenUpdateRow.update_id)
        )
        return (await self._session.execute(statement)).first() is not None

    async def purge(self, before: datetime) -> int:
        """Forgets the updates seen before `before`; how many."""
        result = await self._session.execute(
            sa.delete(SeenUpdateRow).where(SeenUpdateRow.seen_at < before)
        )
        return result.rowcount if isinstance(result, sa.CursorResult) else 0
