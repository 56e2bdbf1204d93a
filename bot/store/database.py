"""The database: one async engine, units of work, and the schema brought up to date on start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration built in code (no alembic.ini at run time).

    With `connection`, migrations run on it, inside its transaction (see migrations/env.py).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def _downgrade(connection: Connection, revision: str) -> None:
    command.downgrade(alembic_config(connection), revision)


def _on_sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Database:
    """The store behind a SQLAlchemy async URL (`sqlite+aiosqlite://…` or `postgresql+asyncpg://…`).

    Repositories never commit: the use case opens one `transaction()` per unit of work.
    """

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_async_engine(parsed)
            event.listen(self._engine.sync_engine, "connect", _on_sqlite_connect)
        else:
            self._engine = create_async_engine(parsed, pool_pre_ping=True)
        self._sessions = async_sessionmaker(self._engine, expire_on_commit=False)

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    async def migrate(self, revision: str = "head") -> None:
        """Upgrades the schema to `revision` (the newest by default); a no-op when already there."""
        async with self._engine.begin() as connection:
            await connection.run_sync(_upgrade, revision)

    async def downgrade(self, revision: str) -> None:
        """Downgrades the schema to `revision` (`base` removes every table)."""
        async with self._engine.begin() as connection:
            await connection.run_sync(_downgrade, revision)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: commits when the block succeeds, rolls back when it raises."""
        async with self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session for reading only: whatever the block writes is rolled back at its end."""
        async with self._sessions() as session:  # closing a session rolls it back
            yield session

    async def dispose(self) -> None:
        """Closes every pooled connection."""
        await self._engine.dispose()
