"""Migrations, on SQLite and PostgreSQL: every step reverses, and they build exactly the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.store.database import Database, alembic_config, head_revision
from bot.store.models import schema


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_every_revision_upgrades_and_downgrades_one_step_at_a_time(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        for revision in revisions_oldest_first():
            await database.migrate(revision)
            await database.downgrade("-1")
            await database.migrate(revision)
        await database.downgrade("base")
        async with database.engine.connect() as connection:
            assert await connection.run_sync(table_names) == {"alembic_version"}
    finally:
        await database.dispose()


async def test_the_models_match_the_migrations(database_url: str) -> None:
    database = Database(database_url)
    try:
        await database.migrate()
        async with database.engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), schema())
            )
    finally:
        await database.dispose()

    assert differences == []


async def test_migrating_twice_changes_nothing(database_url: str) -> None:
    database = Database(database_url)
    try:
        await database.migrate()
        await database.migrate()
        async with database.engine.connect() as connection:
            tables = await connection.run_sync(table_names)
    finally:
        await database.dispose()

    assert tables == {table.name for table in schema().sorted_tables} | {"alembic_version"}


async def test_migrating_a_sqlite_file_makes_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "bot.sqlite3"
    database = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await database.migrate()
    finally:
        await database.dispose()

    assert path.is_file()


def test_the_newest_revision_read_from_the_files_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())

    assert head_revision() == script.get_current_head()
