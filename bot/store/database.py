"""The database: one async engine, units of work, and the schema brought up to date on start.

Alembic is imported only when the schema is not at the newest revision: its script machinery
costs some 11 MB of memory for the process's life, and a bot already up to date never needs it.
The newest revision is read from the revision files themselves (`head_revision`; a test holds it
to Alembic's own answer).
"""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from bot.store.coordination import Lock, serialize

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration built in code (no alembic.ini at run time).

    With `connection`, migrations run on it, inside its transaction (see migrations/env.py).
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def _downgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(connection), revision)


SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


class UnusableStore(Exception):
    """The SQLite file named by DATABASE_URL exists but is no store: the bot refuses to start
    rather than make a new, empty store over it (every subscription would be gone)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason


def check_store_file(url: str) -> None:
    """Raises `UnusableStore` when a SQLite URL names a file that is empty or not SQLite. A file
    that does not exist is fine (a new store is made); so is an empty one whose write-ahead log
    holds the data (a kill -9 before a checkpoint)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    if not path.exists():
        return
    if not path.is_file():
        raise UnusableStore(path, "is not a file")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_HEADER))
    if not head:
        wal = path.with_name(f"{path.name}-wal")
        if not (wal.is_file() and wal.stat().st_size):
            raise UnusableStore(path, "is empty")
    elif head != SQLITE_HEADER:
        raise UnusableStore(path, "is not a SQLite database")


SQLITE_LOCK_WAIT = 60.0
"""Seconds a write waits for SQLite's write lock before failing ("database is locked"). The
driver's default, 5 s, is less than a first backfill or a large broadcast's planning may hold it
(or another process, such as `python -m bot backfill`): a new chat must wait, not fail."""


def head_revision() -> str | None:
    """The newest revision: the one no other revision names as its `down_revision` (None when
    the files do not name exactly one)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                names = {target.id for target in targets if isinstance(target, ast.Name)}
                value = ast.literal_eval(node.value) if node.value is not None else None
                if "revision" in names and isinstance(value, str):
                    revisions.add(value)
                elif "down_revision" in names and value is not None:
                    parents.update([value] if isinstance(value, str) else value)
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


async def _current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        if "alembic_version" not in tables:
            return None
        found = await connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
        return None if found is None else str(found)


async def _check_references(connection: AsyncConnection) -> None:
    """Raises if a row refers to one that is not there (SQLite, after a schema change)."""
    broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
    if broken:
        raise RuntimeError(f"the schema change leaves rows referring to none: {broken[:5]}")


def _on_sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_LOCK_WAIT * 1000)}")
    cursor.close()


class Database:
    """The store behind a SQLAlchemy async URL (`sqlite+aiosqlite://…` or `postgresql+asyncpg://…`).

    Repositories never commit: the use case opens one `transaction()` per unit of work. A SQLite
    file that exists but is no store raises `UnusableStore` (see `check_store_file`).
    """

    def __init__(self, url: str) -> None:
        check_store_file(url)
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
    def url(self) -> str:
        """The database's URL, password included (for a connection of one's own)."""
        return self._engine.url.render_as_string(hide_password=False)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    async def migrate(self, revision: str = "head") -> None:
        """Upgrades the schema to `revision` (the newest by default); a no-op when already there.

        Replicas starting together migrate one after another (the others then find nothing to do).
        """
        if revision == "head" and await _current_revision(self._engine) == head_revision():
            return
        async with self._schema_change() as connection:
            await serialize(connection, Lock.MIGRATIONS)
            await connection.run_sync(_upgrade, revision)

    async def downgrade(self, revision: str) -> None:
        """Downgrades the schema to `revision` (`base` removes every table)."""
        async with self._schema_change() as connection:
            await connection.run_sync(_downgrade, revision)

    @asynccontextmanager
    async def _schema_change(self) -> AsyncIterator[AsyncConnection]:
        """One transaction for migrations.

        SQLite alters a table by copying it and dropping the old one; with foreign keys on, the
        drop would delete every row that refers to it (ON DELETE CASCADE: dropping `chats` takes
        every delivery). So on SQLite they are off while the schema changes (the pragma has no
        effect inside a transaction), the references are checked before the commit, and they are
        on again after it.
        """
        async with self._engine.connect() as connection:
            sqlite = self.dialect == "sqlite"
            if sqlite:
                await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                await connection.commit()
            try:
                async with connection.begin():
                    yield connection
                    if sqlite:
                        await _check_references(connection)
            finally:
                if sqlite:
                    await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    await connection.commit()

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
