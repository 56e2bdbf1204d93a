"""Migrations on a store in use keep its rows: from 0004 (the newest revision of the last release)
to the newest and back, on SQLite and PostgreSQL.

SQLite alters a table by copying it and dropping the old one; with foreign keys on, dropping
`chats` would take every delivery with it, and dropping `reports` every figure (ON DELETE
CASCADE).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from bot.store import Database

RELEASED = "0004"
DAY = date(2024, 11, 19)
MOMENT = datetime(2024, 11, 19, 7, tzinfo=UTC)


async def _store_at_0004(database: Database) -> None:
    await database.migrate(RELEASED)
    moment = MOMENT.replace(tzinfo=None) if database.dialect == "sqlite" else MOMENT
    async with database.transaction() as session:
        await session.execute(
            sa.text("INSERT INTO reports (report_date, fetched_at) VALUES (:day, :at)"),
            {"day": DAY, "at": moment},
        )
        await session.execute(
            sa.text(
                "INSERT INTO report_figures (report_date, category, total, change)"
                " VALUES (:day, 'personnel_units', 724050, 1610)"
            ),
            {"day": DAY},
        )
        await session.execute(
            sa.text(
                "INSERT INTO chats (chat_id, kind, language, subscribed, category_records)"
                " VALUES (100, 'private', 'uk', :yes, '[]'), (-200, 'group', 'en', :yes, '[]')"
            ),
            {"yes": True},
        )
        await session.execute(
            sa.text(
                "INSERT INTO deliveries (chat_id, report_date, kind, status)"
                " VALUES (100, :day, 'daily', 'sent'), (-200, :day, 'daily', 'pending')"
            ),
            {"day": DAY},
        )


async def _counts(database: Database) -> dict[str, int]:
    async with database.session() as session:
        return {
            table: await session.scalar(sa.text(f"SELECT count(*) FROM {table}")) or 0
            for table in ("reports", "report_figures", "chats", "deliveries")
        }


async def test_upgrading_a_store_in_use_keeps_its_chats_and_deliveries(database_url: str) -> None:
    database = Database(database_url)
    try:
        await _store_at_0004(database)
        await database.migrate()
        assert await _counts(database) == {
            "reports": 1,
            "report_figures": 1,
            "chats": 2,
            "deliveries": 2,
        }
    finally:
        await database.dispose()


async def test_downgrading_to_the_release_keeps_its_chats_and_deliveries(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        await _store_at_0004(database)
        await database.migrate()
        await database.downgrade(RELEASED)
        assert await _counts(database) == {
            "reports": 1,
            "report_figures": 1,
            "chats": 2,
            "deliveries": 2,
        }
    finally:
        await database.dispose()
