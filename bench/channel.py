"""Benchmark of the official post: the parser over the whole history, the channel reader's time
for one page, and the time from the post appearing to the first subscriber's message.

    .venv/bin/python -m bench.channel [parser] [reader] [latency]   # all three by default

- Parser: every historical report (1,626, 2022-02-25 … 2026-08-08) written by the fake as the
  General Staff's post in its era's wording, then read back (`read_reports`) and checked against
  the report before it (`check_report`); posts per second and total time, CPU time beside wall
  time (the machine is shared). Writing the posts is not timed.
- Reader: `ChannelReader.latest()` against the fake page on 127.0.0.1, one page each (about
  40 KB of HTML, 20 posts): the request, BeautifulSoup, the parser. The fake serves from the same
  event loop, so its own time is included (a pessimistic figure); the page's parsing alone is
  timed apart.
- Latency: `bench/channel_latency.py` (the bot as a process, 1,000 subscribers, the figures API
  answering 500 all along; about three minutes).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from bench import channel_latency
from bot.domain.post_checks import Consistent, check_report
from bot.domain.post_parser import ChannelPost
from bot.domain.post_readings import PostReading, read_reports
from bot.domain.reports import Report
from bot.sources import ChannelReader
from bot.sources.channel_page import parse_page
from tests.fakes.channel_html import channel_page
from tests.fakes.channel_page import FakeChannel
from tests.support.dataset import history_reports
from tests.support.posts import rendered

ROUNDS = 5
PAGE_READS = 50


def _history_posts() -> list[tuple[Report, list[ChannelPost]]]:
    return [(report, rendered(report)) for report in history_reports()]


def parser() -> None:
    posts = _history_posts()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(ROUNDS):
        wrong, previous = 0, None
        started, started_cpu = time.perf_counter(), time.process_time()
        for report, report_posts in posts:
            (reading,) = read_reports(report_posts)
            ok = isinstance(reading, PostReading) and isinstance(
                check_report(reading.report, previous), Consistent
            )
            wrong += not ok
            previous = report
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert wrong == 0, f"{wrong} posts did not read back"
    best = min(wall)
    print(
        f"parser: {len(posts)} posts read and checked in {best * 1000:.0f} ms "
        f"(best of {ROUNDS}; median {statistics.median(wall) * 1000:.0f} ms, "
        f"CPU {min(cpu) * 1000:.0f} ms): {len(posts) / best:,.0f} posts/s"
    )


async def reader() -> None:
    async with FakeChannel() as channel:
        reader = ChannelReader(channel.url, poll_interval=0.001)
        try:
            await reader.latest()  # the fake lays out its timeline once
            seconds = []
            for _ in range(PAGE_READS):
                started = time.perf_counter()
                await reader.latest()
                seconds.append(time.perf_counter() - started)
        finally:
            await reader.aclose()
        html = channel_page("GeneralStaffZSU", channel.page_posts(), older=True, newer=False)
    parse_seconds = []
    for _ in range(PAGE_READS):
        started = time.perf_counter()
        parse_page(html, "GeneralStaffZSU")
        parse_seconds.append(time.perf_counter() - started)
    median, p95 = statistics.median(seconds), sorted(seconds)[int(PAGE_READS * 0.95) - 1]
    print(
        f"reader: one page (request, HTML, parser) median {median * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms over {PAGE_READS} reads"
    )
    print(
        f"reader: the page's HTML alone ({len(html) / 1024:.0f} KiB, BeautifulSoup) "
        f"median {statistics.median(parse_seconds) * 1000:.1f} ms"
    )
    print("reader: in the bot a request also waits its turn, one per CHANNEL_POLL_INTERVAL (20 s)")


def main(parts: list[str] | None = None) -> None:
    chosen = parts or ["parser", "reader", "latency"]
    if "parser" in chosen:
        parser()
    if "reader" in chosen:
        asyncio.run(reader())
    if "latency" in chosen:
        asyncio.run(channel_latency.main())


if __name__ == "__main__":
    main(sys.argv[1:])
