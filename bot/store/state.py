"""StateRepository: small pieces of the bot's own state that must outlive a process.

One JSON value per key, e.g. whether the admins were told today that the report is late: a
restart, or another replica taking over, reads it back instead of telling them again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base


class StateRow(Base):
    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    updated_at: Mapped[datetime] = mapped_column(
        server_default=sa.func.now(), onupdate=sa.func.now()
    )


class StateRepository:
    """Never commits: the caller owns the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, key: str) -> dict[str, Any] | None:
        row = await self._session.get(StateRow, key)
        return None if row is None else dict(row.value)

    async def put(self, key: str, value: dict[str, Any]) -> None:
        dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
        statement = dialect.insert(StateRow).values(key=key, value=value)
        statement = statement.on_conflict_do_update(
            index_elements=[StateRow.key],
            set_={"value": statement.excluded.value, "updated_at": sa.func.now()},
        )
        await self._session.execute(statement)
