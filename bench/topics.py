"""Benchmark of planning with forum topics: one daily-post campaign expanded over the same number
of subscriptions, as private chats and as forums of ten (their own and nine topics each), on
SQLite and PostgreSQL.

    .venv/bin/python -m bench.topics [--subscriptions 100000] [--database sqlite|postgresql|both]

The campaign planner alone (`CampaignPlanner.plan_all`: 10,000 subscriptions per `INSERT …
SELECT`, each chunk its own transaction), nothing sent: what a forum's topics cost the expansion,
which walks the subscriptions by chat id and thread. `bench.subscribers` measures the whole bot.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bench.subscribers import postgres_database
from bot.delivery.planner import CampaignPlanner
from bot.domain.deliveries import Campaign, DeliveryKind
from bot.store import Database
from bot.store.campaigns import CampaignRepository
from bot.store.models import NO_THREAD, ChatRow, SubscriptionRow

DAY = date(2026, 8, 8)
FIRST_USER = 500_000_001
FIRST_FORUM = -1_000_000_000_001
TOPICS = range(2, 11)
"""Nine topics a forum (a forum's first message, id 1, opened the group)."""
CHUNK = 20_000


def _chats(subscriptions: int, forums: bool) -> list[tuple[dict[str, object], list[int]]]:
    """(chat row, its threads) for `subscriptions` subscriptions."""
    if not forums:
        users = range(FIRST_USER, FIRST_USER + subscriptions)
        return [({"chat_id": u, "kind": "private", "title": None}, [NO_THREAD]) for u in users]
    per_forum = 1 + len(TOPICS)
    return [
        ({"chat_id": FIRST_FORUM - n, "kind": "supergroup", "title": "forum"}, [NO_THREAD, *TOPICS])
        for n in range(subscriptions // per_forum)
    ]


async def _fill(database: Database, subscriptions: int, forums: bool) -> None:
    chats = _chats(subscriptions, forums)
    step = CHUNK // len(chats[0][1])
    for start in range(0, len(chats), step):
        part = chats[start : start + step]
        async with database.transaction() as session:
            await session.execute(sa.insert(ChatRow), [chat for chat, _ in part])
            await session.execute(
                sa.insert(SubscriptionRow),
                [
                    {"chat_id": chat["chat_id"], "thread_id": thread, "language": "en"}
                    | {"subscribed": True, "category_records": []}
                    for chat, threads in part
                    for thread in threads
                ],
            )
    async with database.engine.connect() as connection:
        await connection.execute(sa.text("ANALYZE"))
        await connection.commit()


async def planning_seconds(url: str, subscriptions: int, forums: bool) -> tuple[float, int]:
    """Seconds to expand one daily-post campaign, and how many deliveries it made."""
    database = Database(url)
    try:
        await database.migrate()
        await _fill(database, subscriptions, forums)
        async with database.transaction() as session:
            await CampaignRepository(session).add_many([Campaign(DAY, DeliveryKind.DAILY)])
        started = time.perf_counter()
        await CampaignPlanner(database).plan_all()
        seconds = time.perf_counter() - started
        async with database.session() as session:
            owed = await session.scalar(sa.text("SELECT count(*) FROM deliveries"))
        return seconds, int(owed or 0)
    finally:
        await database.dispose()


async def main(subscriptions: int = 100_000, database: str = "both") -> None:
    for forums in (False, True):
        shape = "forums of 10 (own + 9 topics)" if forums else "private chats"
        figures = []
        if database in ("sqlite", "both"):
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite+aiosqlite:///{Path(folder) / 'topics.sqlite3'}"
                figures.append(("SQLite", *await planning_seconds(url, subscriptions, forums)))
        if database in ("postgresql", "both"):
            async with postgres_database() as url:
                figures.append(("PostgreSQL", *await planning_seconds(url, subscriptions, forums)))
        for name, seconds, owed in figures:
            print(f"{name}, {owed:,} subscriptions as {shape}: planning {seconds:.2f} s")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.topics", description=__doc__)
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_arguments()
    asyncio.run(main(arguments.subscriptions, arguments.database))
