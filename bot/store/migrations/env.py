"""Alembic's environment.

On start, `Database.migrate()` hands over a connection (in `config.attributes`) and the migrations
run inside its transaction. Developers' `alembic …` commands (alembic.ini at the repository root)
connect to `-x url=…`, else `sqlalchemy.url` of the ini file, else the settings' DATABASE_URL.
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from bot.settings import Settings
from bot.store.database import Database
from bot.store.models import UtcDateTime, schema

config = context.config
target_metadata = schema()


def _render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Revisions stay independent of the models module: UtcDateTime is plain DDL.
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_item=_render_item,
        compare_type=True,
        **options,
    )


def _run(connection: Connection) -> None:
    # SQLite alters a table by copying it: batch mode writes revisions that way.
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or config.get_main_option("sqlalchemy.url")
    return url or Settings().database_url


async def _run_on_url(url: str) -> None:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await database.dispose()


given: Connection | None = config.attributes.get("connection")
if context.is_offline_mode():
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()
elif given is not None:
    _run(given)
else:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)
    asyncio.run(_run_on_url(_url()))
