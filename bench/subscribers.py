"""Benchmark of 100,000 subscribers: the poll that plans their deliveries, and the bot's memory
while the outbox worker drains them.

    .venv/bin/python -m bench.subscribers [--seconds 20]

The store is SQLite with the real history up to the day before DAY and 100,000 subscribed private
chats (half Ukrainian, half English, default settings). The fake figures API then publishes DAY.

- poll: `poller.poll()` in this process, as the poll job runs it: fetch, store, read the
  subscribers, plan and insert their deliveries, in one transaction; its time (untraced), then its
  peak Python heap (tracemalloc, on a fresh copy of the store: tracing slows it down).
- drain: the bot as `python -m bot` (BROADCAST_RATE 1,000,000, i.e. no overall limit; a chat
  gets one message, so the per-chat limit never waits) against the fake Bot API in this process
  with its flood limits off; the bot process's RSS (VmRSS, sampled every 0.1 s) at rest, then
  through its own poll and `--seconds` of draining, and how many messages went out meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import subprocess
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench.bot_process import bot_process
from bot.services.container import Services
from bot.settings import Settings
from bot.store import Database
from bot.store.models import ChatRow
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi

DAY = date(2026, 8, 8)
SUBSCRIBERS = 100_000
FIRST_CHAT_ID = 500_000_001
INSERT_CHUNK = 10_000
TIMEOUT = 120.0


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def prepared_store(figures_api: FakeFiguresApi, path: Path) -> None:
    """The history up to the day before DAY, and the subscribers."""
    figures_api.publish_until(DAY - timedelta(days=1))
    settings = Settings.model_validate(
        {"LOSSES_API_URL": figures_api.url, "DATABASE_URL": sqlite_url(path)}
    )
    services = await Services.open(settings)
    try:
        await services.poller.poll()
    finally:
        await services.close()
    database = Database(sqlite_url(path))
    try:
        async with database.transaction() as session:
            for start in range(0, SUBSCRIBERS, INSERT_CHUNK):
                ids = range(FIRST_CHAT_ID + start, FIRST_CHAT_ID + start + INSERT_CHUNK)
                rows = [
                    {"chat_id": chat_id, "kind": "private", "title": None, "subscribed": True}
                    | {"language": "uk" if chat_id % 2 else "en", "category_records": []}
                    for chat_id in ids
                ]
                await session.execute(sa.insert(ChatRow), rows)
    finally:
        await database.dispose()


async def timed_poll(figures_api: FakeFiguresApi, path: Path, *, traced: bool) -> tuple[float, int]:
    """Seconds of the poll that stores DAY (or its peak traced bytes), and deliveries planned."""
    figures_api.publish_until(DAY)
    settings = Settings.model_validate(
        {"LOSSES_API_URL": figures_api.url, "DATABASE_URL": sqlite_url(path)}
    )
    services = await Services.open(settings)
    try:
        await services.figures.figures()  # a running bot has its history in memory already
        gc.collect()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        result = await services.poller.poll()
        seconds = time.perf_counter() - started
        if traced:
            seconds = float(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    finally:
        await services.close()
    figures_api.publish_until(DAY - timedelta(days=1))
    return seconds, result.deliveries


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def drain(
    api: FakeBotApi, figures_api: FakeFiguresApi, bot: subprocess.Popen[bytes], seconds: float
) -> None:
    await api.wait_until(lambda: api.updates.waiting > 0, TIMEOUT)  # the bot is up
    await asyncio.sleep(2)  # settled after the start
    resting = rss_mib(bot.pid)
    figures_api.publish_until(DAY)
    published = time.perf_counter()
    await api.wait_until(lambda: len(api.sent) > 0, TIMEOUT)
    first = time.perf_counter()
    peak, samples = resting, []
    while time.perf_counter() - first < seconds and len(api.sent) < SUBSCRIBERS:
        rss = rss_mib(bot.pid)
        peak = max(peak, rss)
        samples.append(rss)
        await asyncio.sleep(0.1)
    sent, elapsed = len(api.sent), time.perf_counter() - first
    print(
        f"drain, the bot process: RSS {resting:.0f} MiB at rest with the history loaded; "
        f"first message {first - published:.1f} s after publishing (the poll stores the "
        f"report and plans every subscriber's deliveries first); peak RSS {peak:.0f} MiB "
        f"(+{peak - resting:.0f} MiB) through the poll and {elapsed:.0f} s of draining; "
        f"RSS at the end {samples[-1]:.0f} MiB; "
        f"{sent:,} messages sent in {elapsed:.1f} s ({sent / elapsed:,.0f}/s)"
    )


async def main(seconds: float = 20.0) -> None:
    api = FakeBotApi(auto_create_chats=True)
    async with api, FakeFiguresApi() as figures_api:
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder) / "base.sqlite3"
            await prepared_store(figures_api, base)
            copies = [Path(folder) / f"copy{n}.sqlite3" for n in range(3)]
            for copy in copies:
                shutil.copyfile(base, copy)
            poll_seconds, planned = await timed_poll(figures_api, copies[0], traced=False)
            peak_bytes, _ = await timed_poll(figures_api, copies[1], traced=True)
            print(
                f"poll, {SUBSCRIBERS:,} subscribers (SQLite): {planned:,} deliveries planned and "
                f"stored in {poll_seconds:.2f} s, one transaction; peak Python heap of the poll "
                f"{peak_bytes / 2**20:.0f} MiB (tracemalloc)"
            )
            unlimited = {
                "POLL_INTERVAL": "1",
                "POLL_WINDOW": "00:00-24:00",
                "BROADCAST_RATE": "1000000",
            }
            async with bot_process(
                api, figures_api, sqlite_url(copies[2]), Path(folder), unlimited, stop_timeout=60
            ) as bot:
                await drain(api, figures_api, bot, seconds)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.subscribers", description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of draining")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments().seconds))
