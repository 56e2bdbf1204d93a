"""Database fixtures: every store test runs twice, on SQLite and on PostgreSQL.

PostgreSQL is the server at 127.0.0.1:5432 (trust auth, user `postgres`, database `test`); each
database the tests need is created there and dropped afterwards. When the server cannot be reached
the PostgreSQL half is skipped, unless REQUIRE_POSTGRES=1 (as in CI), where it fails.

- `database_url`: a fresh, empty database for one test (migration tests start from nothing).
- `database`: a migrated `Database`, shared by the tests of a module and emptied after each test.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from uuid import uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.store.database import Database
from bot.store.models import schema

POSTGRES_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"
POSTGRES_ADMIN_DATABASE = "test"

T = TypeVar("T")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    # A loop of its own, so that pytest-asyncio's loop (the tests') stays as it is.
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


async def _admin(statement: str) -> None:
    engine = create_async_engine(
        f"{POSTGRES_SERVER}/{POSTGRES_ADMIN_DATABASE}",
        isolation_level="AUTOCOMMIT",  # CREATE DATABASE cannot run inside a transaction
        poolclass=NullPool,
        connect_args={"timeout": 5},
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> None:
    """Skips (or, with REQUIRE_POSTGRES=1, fails) when the PostgreSQL server is unreachable."""
    try:
        _run(_admin("SELECT 1"))
    except (OSError, SQLAlchemyError) as error:
        reason = f"PostgreSQL unreachable at {POSTGRES_SERVER}/{POSTGRES_ADMIN_DATABASE}: {error!r}"
        if os.getenv("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{reason} (REQUIRE_POSTGRES=1)")
        pytest.skip(f"{reason}; start it, or set REQUIRE_POSTGRES=1 to fail instead")


@contextmanager
def _fresh_database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{folder / 'bot.sqlite3'}"
        return
    name = f"losses_test_{uuid4().hex[:16]}"
    _run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        _run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_url(postgres_server: None, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (for what only PostgreSQL does: replicas)."""
    with _fresh_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def database_backend(request: pytest.FixtureRequest) -> str:
    """`sqlite` or `postgresql`."""
    backend: str = request.param
    if backend == "postgresql":
        request.getfixturevalue("postgres_server")
    return backend


@pytest.fixture
def database_url(database_backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database (no tables at all)."""
    with _fresh_database(database_backend, tmp_path) as url:
        yield url


async def _migrated(url: str) -> None:
    database = Database(url)
    try:
        await database.migrate()
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def migrated_database_url(
    database_backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of a database at the newest revision, shared by the tests of a module."""
    with _fresh_database(database_backend, tmp_path_factory.mktemp("db")) as url:
        _run(_migrated(url))
        yield url


@pytest.fixture
async def database(migrated_database_url: str) -> AsyncIterator[Database]:
    """A migrated `Database`; every row a test wrote is deleted after it."""
    database = Database(migrated_database_url)
    try:
        yield database
    finally:
        async with database.transaction() as session:
            for table in reversed(schema().sorted_tables):
                await session.execute(table.delete())
        await database.dispose()
