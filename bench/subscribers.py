"""Benchmark of many subscribers: from the report stored to the first message, planning, memory,
and the drain rate, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.subscribers [--subscribers 1000000]
                                          [--database sqlite|postgresql|both] [--seconds 20]

The store holds the real history up to the day before DAY and `--subscribers` subscribed private
chats (half Ukrainian, half English, default settings). The bot runs as `python -m bot` (one
process; BROADCAST_RATE 1,000,000, i.e. no overall limit; a chat gets one message, so the per-chat
limit never waits) against the fake Bot API in this process with its flood limits off; the fake
figures API then publishes DAY. Printed, per database:

- stored → first message: from the report's `fetched_at` (the poll's transaction, which stores
  the report and its one daily-post campaign) to the first message at the fake Bot API
  (targets: 2 s on PostgreSQL and 5 s on SQLite at 1,000,000; 0.5 s at 100,000);
- planning: from the report stored until the campaign is wholly expanded into one delivery per
  chat (by the sender's planner, a chunk of 10,000 chats per `INSERT … SELECT`, while it sends);
  and, for comparison, one `INSERT … SELECT` of every chat's delivery in a single statement (as a
  poll's transaction would have to), timed on the same store and rolled back;
- the bot process's RSS (VmRSS, sampled every 0.1 s): at rest with the history loaded (target
  120 MB at 100,000), and its peak through the poll, the planning and `--seconds` of draining
  (target 250 MB at 1,000,000);
- the drain rate: messages a second over those `--seconds`, every limit off.

PostgreSQL is the server at 127.0.0.1:5432 (trust auth, user postgres), in a database made for
the run and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import sqlalchemy as sa
from aiohttp import web
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bench.bot_process import bot_process
from bot.domain.deliveries import DeliveryKind
from bot.services.container import Services
from bot.settings import Settings
from bot.store import Database
from bot.store.campaigns import CampaignRow
from bot.store.deliveries import UNIQUE_KEY, DeliveryRow
from bot.store.models import ReportRow, SubscriptionRow
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.subscribers import insert_subscribed_chats

DAY = date(2026, 8, 8)
FIRST_CHAT_ID = 500_000_001
INSERT_CHUNK = 20_000
TIMEOUT = 600.0
POSTGRES_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"


class StampingBotApi(FakeBotApi):
    """The fake Bot API, noting the wall-clock time of the first message and counting them."""

    def __init__(self) -> None:
        super().__init__(auto_create_chats=True)
        self.first_message: float | None = None
        self.messages = 0

    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        if request.match_info["method"] == "sendMessage" and response.status == 200:
            self.messages += 1
            if self.first_message is None:
                self.first_message = time.time()
        # The fake keeps every call: a benchmark of a million messages must not.
        self.log.calls.clear()
        self.log.sent.clear()
        self.state.messages.clear()
        return response


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    name = f"losses_bench_{uuid4().hex[:12]}"
    admin = create_async_engine(
        f"{POSTGRES_SERVER}/test", isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def prepared_store(figures_api: FakeFiguresApi, url: str, subscribers: int) -> None:
    """The history up to the day before DAY, and the subscribers."""
    figures_api.publish_until(DAY - timedelta(days=1))
    settings = Settings.model_validate({"LOSSES_API_URL": figures_api.url, "DATABASE_URL": url})
    services = await Services.open(settings)
    try:
        await services.poller.poll()
    finally:
        await services.close()
    database = Database(url)
    try:
        for start in range(0, subscribers, INSERT_CHUNK):
            ids = range(
                FIRST_CHAT_ID + start, FIRST_CHAT_ID + min(subscribers, start + INSERT_CHUNK)
            )
            async with database.transaction() as session:
                await insert_subscribed_chats(
                    session, ids, lambda chat_id: "uk" if chat_id % 2 else "en"
                )
        async with database.engine.connect() as connection:
            await connection.execute(sa.text("ANALYZE"))  # a loaded store has its statistics
            await connection.commit()
    finally:
        await database.dispose()


async def one_statement(url: str) -> float:
    """Seconds of a single INSERT … SELECT of every subscriber's delivery (rolled back)."""
    database = Database(url)
    try:
        async with database.session() as session:
            owed = sa.select(
                SubscriptionRow.chat_id,
                SubscriptionRow.thread_id,
                sa.literal(DAY, sa.Date()),
                sa.literal(DeliveryKind.DAILY.value, sa.String()),
            ).where(SubscriptionRow.subscribed, SubscriptionRow.daily_post)
            statement = sa.insert(DeliveryRow).from_select(UNIQUE_KEY, owed)
            started = time.perf_counter()
            await session.execute(statement)
            return time.perf_counter() - started  # rolled back as the session closes
    finally:
        await database.dispose()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Observed:
    resting: float = 0.0
    peak: float = 0.0
    stored: float | None = None
    planned: float | None = None


async def watch_store(url: str, observed: Observed, done: asyncio.Event) -> None:
    """When the report was stored and when its campaign was wholly expanded (wall clock)."""
    database = Database(url)
    try:
        while not done.is_set() and observed.planned is None:
            async with database.session() as session:
                if observed.stored is None:
                    fetched: datetime | None = await session.scalar(
                        sa.select(ReportRow.fetched_at).where(ReportRow.report_date == DAY)
                    )
                    observed.stored = None if fetched is None else fetched.timestamp()
                planned = await session.scalar(
                    sa.select(CampaignRow.planned).where(CampaignRow.report_date == DAY)
                )
                if planned:
                    observed.planned = time.time()
            await asyncio.sleep(0.05)
    finally:
        await database.dispose()


async def sample_rss(pid: int, observed: Observed, done: asyncio.Event) -> None:
    while not done.is_set():
        observed.peak = max(observed.peak, rss_mib(pid))
        await asyncio.sleep(0.1)


async def measure(
    name: str, url: str, subscribers: int, seconds: float, folder: Path, python: str
) -> None:
    api = StampingBotApi()
    async with api, FakeFiguresApi() as figures_api:
        started = time.perf_counter()
        await prepared_store(figures_api, url, subscribers)
        print(
            f"  store ready: history and {subscribers:,} subscribers in "
            f"{time.perf_counter() - started:.0f} s"
        )
        single = await one_statement(url)
        unlimited = {
            "POLL_INTERVAL": "1",
            "POLL_WINDOW": "00:00-24:00",
            "BROADCAST_RATE": "1000000",
        }
        observed, done = Observed(), asyncio.Event()
        async with bot_process(
            api, figures_api, url, folder, unlimited, stop_timeout=60, python=python
        ) as bot:
            await api.wait_until(lambda: api.updates.waiting > 0, TIMEOUT)  # the bot is up
            await asyncio.sleep(2)  # settled after the start
            observed.resting = observed.peak = rss_mib(bot.pid)
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(watch_store(url, observed, done))
                tasks.create_task(sample_rss(bot.pid, observed, done))
                figures_api.publish_until(DAY)
                await api.wait_until(lambda: api.first_message is not None, TIMEOUT)
                first_count, first_at = api.messages, time.perf_counter()
                await asyncio.sleep(seconds)
                drained = api.messages - first_count
                drain_seconds = time.perf_counter() - first_at
                while observed.planned is None or observed.stored is None:  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
                done.set()
    assert api.first_message is not None
    assert observed.stored is not None
    assert observed.planned is not None
    print(
        f"{name}, {subscribers:,} subscribers: report stored → first message "
        f"{api.first_message - observed.stored:.2f} s; planning (every chat's delivery added, "
        f"10,000 chats a statement, while sending) {observed.planned - observed.stored:.1f} s; "
        f"one INSERT … SELECT of all {subscribers:,} instead: {single:.1f} s; bot RSS "
        f"{observed.resting:.0f} MiB at rest, peak {observed.peak:.0f} MiB; drain with the "
        f"limits off {drained / drain_seconds:,.0f} messages/s over {drain_seconds:.0f} s"
    )


async def main(
    subscribers: int = 100_000,
    database: str = "both",
    seconds: float = 20.0,
    python: str = sys.executable,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if database in ("sqlite", "both"):
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            await measure("SQLite", url, subscribers, seconds, Path(folder), python)
        if database in ("postgresql", "both"):
            async with postgres_database() as url:
                await measure("PostgreSQL", url, subscribers, seconds, Path(folder), python)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.subscribers", description=__doc__)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of draining")
    parser.add_argument(
        "--bot-python",
        default=sys.executable,
        help="the interpreter that runs the bot: a virtual environment with the bot alone, to "
        "measure its memory as deployed (the dev tools add some 4 MiB, see README)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_arguments()
    asyncio.run(
        main(arguments.subscribers, arguments.database, arguments.seconds, arguments.bot_python)
    )
