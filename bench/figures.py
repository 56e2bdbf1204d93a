"""Benchmark of the figures core: a full backfill from the loopback fake, `/since` from a warm
store, and memory.

    .venv/bin/python -m bench.figures

The fake figures API runs in the same process and event loop, so the backfill time includes the
fake's own serving time (a pessimistic figure).
"""

from __future__ import annotations

import asyncio
import gc
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from bot.services.answers import MEMO_SIZE, Answers
from bot.services.clock import SystemClock
from bot.services.figures import FiguresReader
from bot.services.poll import poll
from bot.sources import RussianWarshipClient
from bot.store.database import Database
from tests.fakes.figures_api import FakeFiguresApi

POSTGRES_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"
SINCE_CALLS = 2_000
RECORDS_SINCE = date(2022, 4, 1)


async def _timed_backfill(api: FakeFiguresApi, url: str) -> tuple[float, int]:
    database = Database(url)
    await database.migrate()
    client = RussianWarshipClient(api.url)
    try:
        started = time.perf_counter()
        figures = FiguresReader(database, RECORDS_SINCE)
        result = await poll(client, database, figures, SystemClock(), RECORDS_SINCE)
        return time.perf_counter() - started, result.stored
    finally:
        await client.aclose()
        await database.dispose()


async def _postgres_url() -> str | None:
    """A fresh database on the local PostgreSQL server, or None if it is unreachable."""
    try:
        import asyncpg

        connection = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test", timeout=3)
    except (TimeoutError, OSError, ImportError):
        return None
    name = f"losses_bench_{int(time.time())}"
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return f"{POSTGRES_SERVER}/{name}"


async def _since_timings(url: str, memo_size: int) -> list[float]:
    """Timings of `/since` from the first report to the latest, the history already in memory.

    With `memo_size=0` every answer is computed and rendered; otherwise the repeated question is
    answered from the per-snapshot memo, as the bot does.
    """
    database = Database(url)
    answers = Answers(FiguresReader(database, RECORDS_SINCE), memo_size=memo_size)
    try:
        await answers.since("2022-02-25", "uk")  # warm: the history is loaded once
        timings = []
        for call in range(SINCE_CALLS):
            language = "uk" if call % 2 else "en"
            started = time.perf_counter()
            await answers.since("2022-02-25", language)
            timings.append(time.perf_counter() - started)
        return timings
    finally:
        await database.dispose()


async def _history_memory(url: str) -> tuple[int, int]:
    """Bytes held by the loaded history and record book, and the peak while loading them."""
    database = Database(url)
    try:
        gc.collect()
        tracemalloc.start()
        figures = await FiguresReader(database, RECORDS_SINCE).figures()
        size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert figures.history
        return size, peak
    finally:
        await database.dispose()


def _percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * share))]


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        async with FakeFiguresApi() as api:
            seconds, reports = await _timed_backfill(api, sqlite_url)
            print(f"backfill, SQLite:     {reports} reports in {seconds:.2f} s (target < 5 s)")
            postgres_url = await _postgres_url()
            if postgres_url:
                seconds, reports = await _timed_backfill(api, postgres_url)
                print(f"backfill, PostgreSQL: {reports} reports in {seconds:.2f} s (target < 5 s)")
            else:
                print("backfill, PostgreSQL: skipped (no server at 127.0.0.1:5432)")
            # Memory apart from the timings: tracemalloc slows everything it traces.
            gc.collect()
            tracemalloc.start()
            await _timed_backfill(api, f"sqlite+aiosqlite:///{Path(folder) / 'traced.sqlite3'}")
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        size, loading_peak = await _history_memory(sqlite_url)
        computed = await _since_timings(sqlite_url, memo_size=0)
        memoised = await _since_timings(sqlite_url, memo_size=MEMO_SIZE)
    for label, timings in (("computed", computed), ("memoised", memoised)):
        print(
            f"/since over the whole history, warm store, {label} ({SINCE_CALLS} calls): "
            f"median {statistics.median(timings) * 1e3:.3f} ms, "
            f"p99 {_percentile(timings, 0.99) * 1e3:.3f} ms (target < 2 ms)"
        )
    print(
        f"history in memory (1,626 reports and the record book): {size / 2**20:.1f} MiB, "
        f"peak while loading {loading_peak / 2**20:.1f} MiB"
    )
    print(f"peak Python heap during backfill (tracemalloc): {peak / 2**20:.1f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {rss:.1f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
