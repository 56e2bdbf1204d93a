"""Benchmark of the time from the official post appearing to the first subscriber's message, with
the figures API down.

    .venv/bin/python -m bench.channel_latency [--rounds 3] [--interval 5] [--subscribers 1000]

The bot runs as `python -m bot` in a process of its own (CHANNEL_POLL_INTERVAL = `--interval` s,
POLL_INTERVAL 5 s, the polling window always open, BROADCAST_RATE 30), on a SQLite store with the
real history up to the day before FIRST_DAY and `--subscribers` subscribed private chats. This
driver runs the fake Bot API (flood limits on), the fake channel page and the fake figures API,
which answers 500 to every request all along. Each round waits a random moment (up to one
interval), publishes the next day's post on the channel page, and takes the time until the fake
Bot API receives the first message to a subscriber; it then waits for the whole broadcast to end
(1,000 posts at 30/s: about 35 s), so that rounds do not overlap. The page is read at a random
point of the interval, so the figure is at most about CHANNEL_POLL_INTERVAL plus one read, the
store and the first send (target: at most CHANNEL_POLL_INTERVAL + 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.bot_process import bot_process
from bench.latency import FIRST_DAY, StampingBotApi, prepared_store, quiet
from tests.fakes.channel_page import FakeChannel
from tests.fakes.figures_api import FakeFiguresApi, HttpError

TIMEOUT = 120.0


async def one_round(
    api: StampingBotApi, channel: FakeChannel, day: date, interval: float
) -> tuple[float, float]:
    """Seconds from the post of `day` appearing to the first subscriber's message, and from the
    page read that found it to that message."""
    await asyncio.sleep(random.uniform(0, interval))
    seen = len(api.arrivals)
    published = time.monotonic()
    channel.publish_until(day)
    await api.wait_until(lambda: len(api.arrivals) > seen, TIMEOUT)
    first = api.arrivals[seen][0]
    found = max(request.at for request in channel.seen if request.at <= first)
    await quiet(api)
    return first - published, first - found


async def measure(
    api: StampingBotApi, channel: FakeChannel, rounds: int, interval: float, subscribers: int
) -> None:
    await api.wait_until(lambda: api.updates.waiting > 0, TIMEOUT)  # the bot is up
    latencies = []
    for number in range(rounds):
        day = FIRST_DAY + timedelta(days=number)
        latency, after_read = await one_round(api, channel, day, interval)
        latencies.append(latency)
        print(
            f"  post of {day}: first subscriber's message after {latency:.2f} s "
            f"({after_read * 1000:.0f} ms after the page read that found it)"
        )
    target = interval + 2
    worst = max(latencies)
    print(
        f"official post → first subscriber, API down, {subscribers:,} subscribers, "
        f"CHANNEL_POLL_INTERVAL {interval:g} s, {rounds} rounds: max {worst:.2f} s, mean "
        f"{sum(latencies) / len(latencies):.2f} s (target ≤ CHANNEL_POLL_INTERVAL + 2 s = "
        f"{target:g} s: {'met' if worst <= target else 'MISSED'})"
    )


async def main(rounds: int = 3, interval: float = 5.0, subscribers: int = 1_000) -> None:
    api, figures_api = StampingBotApi(), FakeFiguresApi()
    async with api, figures_api, FakeChannel() as channel:
        chat_ids = [api.private_chat(api.new_user(f"User {i}")).id for i in range(subscribers)]
        api.enable_flood_limits()
        channel.publish_until(FIRST_DAY - timedelta(days=1))
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            await prepared_store(figures_api, url, chat_ids)
            figures_api.fail_always(HttpError(500))
            settings = {
                "LOSSES_CHANNEL_URL": channel.url,
                "CHANNEL_POLL_INTERVAL": str(interval),
                "POLL_INTERVAL": "5",
                "POLL_WINDOW": "00:00-24:00",
                "BROADCAST_RATE": "30",
            }
            async with bot_process(api, figures_api, url, Path(folder), settings):
                await measure(api, channel, rounds, interval, subscribers)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.channel_latency", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="posts published, one a round")
    parser.add_argument("--interval", type=float, default=5.0, help="CHANNEL_POLL_INTERVAL, s")
    parser.add_argument("--subscribers", type=int, default=1_000, help="subscribed chats")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_arguments()
    asyncio.run(main(arguments.rounds, arguments.interval, arguments.subscribers))
