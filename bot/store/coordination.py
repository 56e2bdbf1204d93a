"""What several processes on one PostgreSQL database agree on through it: advisory locks and
change notifications. On SQLite (one process) both are no-ops.

- `serialize(session, lock)` takes a transaction-level advisory lock: a second transaction asking
  for it waits until the first commits or rolls back (two replicas migrating the schema at once,
  two polls storing the same report).
- `notify(session, change)` tells every listening replica, when the transaction commits, that
  something it keeps in memory changed (`Change`); `bot.runtime.postgres` listens.

The leader's own lock (`Lock.LEADER`) is session-level and held on a connection of its own: see
`bot/runtime/postgres.py`.
"""

from __future__ import annotations

import os
import uuid
from enum import IntEnum, StrEnum

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

CHANNEL = "losses_bot"
"""The LISTEN/NOTIFY channel."""

THIS_PROCESS = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
"""Names this process in the notifications it sends, so that it knows its own."""


class Lock(IntEnum):
    """Advisory lock keys (one bigint space per database; these are the bot's)."""

    LEADER = 0x4C6F7373_0001
    """Held by the active replica for as long as its lock connection lives."""
    MIGRATIONS = 0x4C6F7373_0002
    POLL = 0x4C6F7373_0003


class Change(StrEnum):
    """What a notification says changed; the payload is `<change>` or `<change>:<argument>`."""

    FIGURES = "figures"
    """Reports were stored or revised (argument: the writing process, `THIS_PROCESS`): reload
    the figures, unless this process wrote them (it took them into memory as it wrote)."""
    OUTBOX = "outbox"
    """Campaigns or deliveries were added: the sender should look."""
    CHAT = "chat"
    """A chat's settings changed (argument: its id): forget what is remembered of it."""


def _is_postgres(bind: AsyncSession | AsyncConnection) -> bool:
    dialect = bind.get_bind().dialect if isinstance(bind, AsyncSession) else bind.dialect
    return dialect.name == "postgresql"


async def serialize(bind: AsyncSession | AsyncConnection, lock: Lock) -> None:
    """Waits for `lock` and holds it until the transaction ends (PostgreSQL only)."""
    if _is_postgres(bind):
        await bind.execute(sa.select(sa.func.pg_advisory_xact_lock(int(lock))))


async def notify(session: AsyncSession, change: Change, argument: object = None) -> None:
    """Tells the other replicas of `change` when the transaction commits (PostgreSQL only)."""
    if _is_postgres(session):
        payload = change.value if argument is None else f"{change.value}:{argument}"
        await session.execute(sa.select(sa.func.pg_notify(CHANNEL, payload)))
