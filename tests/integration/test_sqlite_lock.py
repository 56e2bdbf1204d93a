"""SQLite waits for its write lock instead of failing a new chat ("database is locked")."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from bot.domain.chats import ChatKind
from bot.services.chats import ChatService
from bot.store.database import SQLITE_LOCK_WAIT, Database

HOLD = 1.0
"""Seconds another writer holds the lock (the driver's default wait, 5 s, is as sure to pass)."""


def hold_write_lock(path: Path, held: threading.Event) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(HOLD)
        connection.execute("COMMIT")
    finally:
        connection.close()


async def test_a_new_chat_waits_for_the_write_lock_another_writer_holds(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = Database(f"sqlite+aiosqlite:///{path}")
    await database.migrate()
    held = threading.Event()
    writer = threading.Thread(target=hold_write_lock, args=(path, held))
    writer.start()
    await asyncio.to_thread(held.wait)

    chat = await ChatService(database).ensure(7_300_000_001, ChatKind.PRIVATE, None, "en")

    async with database.session() as session:
        wait = await session.scalar(sa.text("PRAGMA busy_timeout"))
    await asyncio.to_thread(writer.join)
    await database.dispose()
    assert chat.chat_id == 7_300_000_001
    assert wait == SQLITE_LOCK_WAIT * 1000  # far beyond the driver's 5 s, which bursts exceeded
