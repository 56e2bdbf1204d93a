"""Benchmark of the charts: cold rendering per chart (series and PNG), the daily post's picture
card, and a cached answer.

    .venv/bin/python -m bench.charts

Targets: under 300 ms per chart cold, under 5 ms cached. The first chart of a process also pays
for matplotlib's import and font loading, printed apart. Wall time counts whatever else the
machine runs; CPU time (this process) is the steadier figure on a busy machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import date

from bot.domain.chart_request import CalendarMonth, ChartRequest, LastDays, WholeWar
from bot.domain.history import History
from bot.domain.records import record_book
from bot.render.cards import daily_card
from bot.render.charts import ChartCache, chart, chart_image
from tests.support.dataset import history_reports

REQUESTS = (
    ("uk", ChartRequest("personnel_units", LastDays(30))),
    ("en", ChartRequest("personnel_units", LastDays(90))),
    ("uk", ChartRequest("tanks", LastDays(365))),
    ("en", ChartRequest("uav_systems", WholeWar())),
    ("uk", ChartRequest("artillery_systems", CalendarMonth(2026, 3))),
    ("en", ChartRequest("personnel_units", WholeWar())),
)
CACHED_CALLS = 10_000
COLD_ROUNDS = 3


def _first_chart(history: History) -> float:
    started = time.perf_counter()
    chart(history, record_book(history, date(2022, 4, 1)), ChartRequest(), "uk", ChartCache())
    return time.perf_counter() - started


async def _cached_timings(history: History) -> list[float]:
    book = record_book(history, date(2022, 4, 1))
    cache = ChartCache()
    lang, request = REQUESTS[0]
    await chart_image(history, book, request, lang, cache)
    timings = []
    for _ in range(CACHED_CALLS):
        started = time.perf_counter()
        await chart_image(history, book, request, lang, cache)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    history = History(history_reports())
    book = record_book(history, date(2022, 4, 1))
    print(f"first chart of the process (imports, fonts): {_first_chart(history) * 1e3:.0f} ms")
    print("cold charts (series and PNG), target < 300 ms; median of 3 (wall / CPU):")
    for lang, request in REQUESTS:
        wall, cpu = [], []
        for _ in range(COLD_ROUNDS):
            started, started_cpu = time.perf_counter(), time.process_time()
            drawn = chart(history, book, request, lang, ChartCache())
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        print(
            f"  {request.category:<18} {request.period!s:<34} {lang}: "
            f"{statistics.median(wall) * 1e3:4.0f} / {statistics.median(cpu) * 1e3:4.0f} ms, "
            f"{len(drawn.series.points)} days, {len(drawn.png) / 1024:.0f} KiB"
        )
    cards = []
    for _ in range(COLD_ROUNDS):
        started = time.perf_counter()
        card = daily_card(history, book, history.latest.date, "uk", ChartCache())
        cards.append(time.perf_counter() - started)
    print(
        f"  the daily post's picture card (30 days of personnel) uk: "
        f"{statistics.median(cards) * 1e3:4.0f} ms wall, {len(card) / 1024:.0f} KiB"
    )
    timings = asyncio.run(_cached_timings(history))
    print(
        f"cached, through the async wrapper ({CACHED_CALLS} calls): "
        f"median {statistics.median(timings) * 1e3:.3f} ms, "
        f"max {max(timings) * 1e3:.3f} ms (target < 5 ms)"
    )


if __name__ == "__main__":
    main()
