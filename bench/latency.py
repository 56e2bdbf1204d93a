"""Benchmark of the time from figures appearing upstream to the first subscriber's message.

    .venv/bin/python -m bench.latency [--rounds 5] [--interval 5]

The bot runs as `python -m bot` in a process of its own (POLL_INTERVAL = `--interval` s, polling
window always open), on a SQLite store with the real history and 20 subscribed private chats.
This driver runs the fake figures API and the fake Bot API (flood limits on). Each round waits a
random moment (up to one poll interval), publishes the next day's report on the fake figures
API, and takes the time until the fake Bot API receives the first message to a subscriber; it
then waits for the whole broadcast (posts and alerts) to end, so that rounds do not overlap.
The poll lands at a random point of the interval, so the figure is at most about POLL_INTERVAL
plus the poll and the first send (target: under POLL_INTERVAL + 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from aiohttp import web

from bench.bot_process import bot_process
from bot.domain.chats import ChatKind
from bot.services.container import Services
from bot.settings import Settings
from bot.store import ChatRepository
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi

FIRST_DAY = date(2026, 7, 20)
"""The first report published during the benchmark; the store holds the history before it."""
SUBSCRIBERS = 20
QUIET = 1.0
"""Seconds without a message that end a broadcast (it sends 25 a second)."""
TIMEOUT = 60.0


class StampingBotApi(FakeBotApi):
    """The fake Bot API, noting when each message to a chat arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[tuple[float, int]] = []

    async def _handle(self, request: web.Request) -> web.Response:
        received = time.monotonic()
        response = await super()._handle(request)
        if request.match_info["method"] == "sendMessage" and response.status == 200:
            call = self.log.calls[-1]  # recorded just before super() returned, with no await
            self.arrivals.append((received, int(call.chat_id or 0)))
        return response


class StampingFiguresApi(FakeFiguresApi):
    """The fake figures API, noting when the latest report is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.latest_asked: list[float] = []

    async def _latest(self, request: web.Request) -> web.Response:
        self.latest_asked.append(time.monotonic())
        return await super()._latest(request)


async def prepared_store(figures_api: FakeFiguresApi, url: str, chat_ids: list[int]) -> None:
    """The history up to the day before FIRST_DAY, and the subscribed chats."""
    figures_api.publish_until(FIRST_DAY - timedelta(days=1))
    settings = Settings.model_validate(
        {"LOSSES_API_URL": figures_api.url, "LOSSES_CHANNEL_URL": "", "DATABASE_URL": url}
    )
    services = await Services.open(settings)
    try:
        await services.poller.poll()
        async with services.database.transaction() as session:
            chats = ChatRepository(session)
            for chat_id in chat_ids:
                await chats.upsert(chat_id, ChatKind.PRIVATE, None, "uk")
                await chats.set_subscribed(chat_id, True)
    finally:
        await services.close()


async def one_round(
    api: StampingBotApi, figures_api: StampingFiguresApi, day: date, interval: float
) -> tuple[float, float]:
    """Seconds from publishing `day` to the first subscriber's message, and from the poll that
    found it to that message."""
    await asyncio.sleep(random.uniform(0, interval))
    seen, asked = len(api.arrivals), len(figures_api.latest_asked)
    published = time.monotonic()
    figures_api.publish_until(day)
    await api.wait_until(lambda: len(api.arrivals) > seen, TIMEOUT)
    first = api.arrivals[seen][0]
    found = figures_api.latest_asked[asked]
    await quiet(api)
    return first - published, first - found


async def quiet(api: StampingBotApi) -> None:
    """Waits until the broadcast is over (no message for a second): a record day's alerts follow
    the daily posts, and must not be taken for the next round's first message."""
    while True:
        count = len(api.arrivals)
        await asyncio.sleep(QUIET)
        if len(api.arrivals) == count:
            return


async def measure(
    api: StampingBotApi, figures_api: StampingFiguresApi, rounds: int, interval: float
) -> None:
    await api.wait_until(lambda: api.updates.waiting > 0, TIMEOUT)  # the bot is up
    latencies = []
    for number in range(rounds):
        day = FIRST_DAY + timedelta(days=number)
        latency, after_poll = await one_round(api, figures_api, day, interval)
        latencies.append(latency)
        print(
            f"  report of {day}: first subscriber's message after {latency:.2f} s "
            f"({after_poll * 1000:.0f} ms after the poll that found it)"
        )
    target = interval + 2
    worst = max(latencies)
    print(
        f"upstream → first subscriber, POLL_INTERVAL {interval:g} s, {rounds} rounds: "
        f"max {worst:.2f} s, mean {sum(latencies) / len(latencies):.2f} s "
        f"(target < POLL_INTERVAL + 2 s = {target:g} s: {'met' if worst < target else 'MISSED'})"
    )


async def main(rounds: int = 5, interval: float = 5.0) -> None:
    api, figures_api = StampingBotApi(), StampingFiguresApi()
    async with api, figures_api:
        users = [api.new_user(f"User {i}") for i in range(SUBSCRIBERS)]
        chat_ids = [api.private_chat(user).id for user in users]
        api.enable_flood_limits()
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            await prepared_store(figures_api, url, chat_ids)
            polling = {"POLL_INTERVAL": str(interval), "POLL_WINDOW": "00:00-24:00"}
            async with bot_process(api, figures_api, url, Path(folder), polling):
                await measure(api, figures_api, rounds, interval)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="reports published, one a round")
    parser.add_argument("--interval", type=float, default=5.0, help="POLL_INTERVAL, seconds")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_arguments()
    asyncio.run(main(arguments.rounds, arguments.interval))
