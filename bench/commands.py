"""Benchmark of command replies: 100 users × 10 commands (/today, /since DATE) through the fake
Bot API, with the bot running as `python -m bot` in a process of its own.

    .venv/bin/python -m bench.commands [--rate 300]

What it measures. Latency is taken at the fake Bot API, from the moment an update becomes
available to getUpdates until the fake receives the sendMessage that answers it: long polling,
PTB, the handler (chat lookup, answer), and both HTTP legs. This driver, the fake Bot API and the
fake figures API share one process; the bot has the other core (other work on the machine shows
in the figures: the load average is printed). Throughput is commands answered per second when
all 1,000 are available at once.

Under which conditions. The store (SQLite) holds the whole real history. The users are known to
the bot (each sent /help once beforehand; a first contact also inserts the chat, ~5 ms more) and
the throttle keeps its default limits: 10 commands per user is exactly its burst, so nothing is
refused. Half the commands are /since with a random date of the history (in both date forms),
half /today, in Ukrainian and English; each run has 100 users of its own:
- paced: commands offered at `--rate` a second, interleaved across users (the latency figures);
- burst: all 1,000 available at once (the throughput).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from aiohttp import web

from bench.bot_process import bot_process
from bot.services.container import Services
from bot.settings import Settings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.fakes.figures_api import FakeFiguresApi

USERS = 100
COMMANDS_PER_USER = 10
FIRST_DATE, LAST_DATE = date(2022, 3, 1), date(2026, 8, 1)
EXPECTED_STARTS = (
    "<b>Втрати ворога",  # /today
    "<b>Russian losses",  # /today, /help
    "<b>Зміни за",  # /since
    "<b>Change over",  # /since
    "<b>Втрати росії",  # /help
)
REFILL_SECONDS = 2.5
"""Long enough for the default throttle (0.5 a second) to give back the token /help used."""
TIMEOUT = 60.0

Chats = list[tuple[FakeChat, FakeUser]]


@dataclass
class Timings:
    """Update → reply latencies, matched per chat in order (the bot answers a chat in order)."""

    offered: dict[int | str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    latencies: list[float] = field(default_factory=list)
    unexpected: int = 0
    last_reply: float = 0.0


class TimedBotApi(FakeBotApi):
    """The fake Bot API, stamping each command when it is queued and each reply on arrival."""

    def __init__(self) -> None:
        super().__init__()
        self.timings = Timings()

    def offer(self, chat: FakeChat, user: FakeUser, command: str) -> None:
        self.send_command(chat, user, command)
        self.timings.offered[chat.id].append(time.perf_counter())

    async def _handle(self, request: web.Request) -> web.Response:
        received = time.perf_counter()
        response = await super()._handle(request)
        if request.match_info["method"] == "sendMessage":
            call = self.log.calls[-1]  # recorded just before super() returned, with no await
            offered = self.timings.offered.get(call.chat_id or 0)
            if offered:
                self.timings.latencies.append(received - offered.popleft())
                self.timings.last_reply = received
            if not (call.text or "").startswith(EXPECTED_STARTS):
                self.timings.unexpected += 1
        return response


def commands_for(count: int, seed: int) -> list[str]:
    """/today and /since DATE (both date forms), about half each."""
    rng = random.Random(seed)
    span = (LAST_DATE - FIRST_DATE).days
    commands = []
    for _ in range(count):
        if rng.random() < 0.5:
            commands.append("/today")
        else:
            day = FIRST_DATE + timedelta(days=rng.randrange(span))
            shown = day.isoformat() if rng.random() < 0.5 else day.strftime("%d.%m.%Y")
            commands.append(f"/since {shown}")
    return commands


def new_chats(api: FakeBotApi, count: int) -> Chats:
    users = [api.new_user(f"User {i}", language_code="uk" if i % 2 else "en") for i in range(count)]
    return [(api.private_chat(user), user) for user in users]


async def offer_all(
    api: TimedBotApi, chats: Chats, commands: list[str], rate: float | None
) -> Timings:
    """Offer the commands round-robin over the chats (at `rate`, or all at once); wait for all."""
    api.timings = Timings()
    started = time.perf_counter()
    for index, command in enumerate(commands):
        if rate is not None:
            delay = started + index / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        chat, user = chats[index % len(chats)]
        api.offer(chat, user, command)
    await api.wait_until(lambda: len(api.timings.latencies) >= len(commands), TIMEOUT)
    api.timings.last_reply -= started  # from now on: seconds from the first command to the last
    return api.timings


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), or None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(latencies: list[float]) -> str:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    p50, p95, p99 = (cuts[i - 1] * 1000 for i in (50, 95, 99))
    worst = max(latencies) * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms"


async def backfilled(figures_api: FakeFiguresApi, database_url: str) -> None:
    settings = Settings.model_validate(
        {"LOSSES_API_URL": figures_api.url, "DATABASE_URL": database_url}
    )
    services = await Services.open(settings)
    try:
        await services.poller.poll()
    finally:
        await services.close()


async def measure(api: TimedBotApi, bot_pid: int, rate: float) -> None:
    await api.wait_until(lambda: api.updates.waiting > 0, TIMEOUT)  # the bot is polling
    warm_up = new_chats(api, USERS)
    await offer_all(api, warm_up, commands_for(len(warm_up) * COMMANDS_PER_USER, 0), None)
    paced_chats, burst_chats = new_chats(api, USERS), new_chats(api, USERS)
    introductions = paced_chats + burst_chats
    await offer_all(api, introductions, ["/help"] * len(introductions), None)
    await asyncio.sleep(REFILL_SECONDS)

    load = os.getloadavg()[0]
    cpu_before = cpu_seconds(bot_pid)
    paced = await offer_all(api, paced_chats, commands_for(USERS * COMMANDS_PER_USER, 1), rate)
    burst = await offer_all(api, burst_chats, commands_for(USERS * COMMANDS_PER_USER, 2), None)
    cpu_after = cpu_seconds(bot_pid)

    answered = len(paced.latencies) + len(burst.latencies)
    throughput = len(burst.latencies) / burst.last_reply
    p99 = statistics.quantiles(paced.latencies, n=100, method="inclusive")[98] * 1000
    print(f"{USERS} users × {COMMANDS_PER_USER} commands per run (/today, /since DATE; uk, en)")
    print(f"paced at {rate:.0f}/s: {percentiles(paced.latencies)}")
    print(f"burst, all at once: {throughput:.0f} commands/s")
    print(f"  (latency {percentiles(burst.latencies)}, queueing included)")
    print(
        f"replies that were not figures (throttled, errors): {paced.unexpected + burst.unexpected}"
    )
    if cpu_before is not None and cpu_after is not None:
        print(f"bot process CPU: {(cpu_after - cpu_before) / answered * 1000:.2f} ms per command")
    print(f"machine load average at the start: {load:.2f} on {os.cpu_count()} cores")
    print(
        f"targets: p99 < 20 ms {'met' if p99 < 20 else 'MISSED'}, "
        f"> 300 commands/s {'met' if throughput > 300 else 'MISSED'}"
    )


async def main(rate: float) -> None:
    api = TimedBotApi()
    async with api, FakeFiguresApi() as figures_api:
        with tempfile.TemporaryDirectory() as folder:
            database_url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            await backfilled(figures_api, database_url)
            async with bot_process(api, figures_api, database_url, Path(folder)) as bot:
                await measure(api, bot.pid, rate)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.commands", description=__doc__)
    parser.add_argument("--rate", type=float, default=300.0, help="commands/s offered when paced")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_arguments().rate))
