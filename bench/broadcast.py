"""Benchmark of the broadcast: the outbox worker through the fake Bot API.

    .venv/bin/python -m bench.broadcast [reach|paced|ceiling|memory ...]

- reach: 2,000 private chats subscribed, and the report of REACH_DAY arriving (records in
  personnel, tanks and armoured vehicles, and a milestone: three messages a chat), at
  BROADCAST_RATE 30 with the fake's flood limits on, from the poll to the last alert: the daily
  post's span, from the first subscriber's post to the last one's (target: 2,000 / 30 × 1.05 =
  70 s), and the alerts' span; it takes about 3½ minutes;
- paced: 2,000 private chats at BROADCAST_RATE 30 with the fake's flood limits on (Telegram's:
  30/s overall, 1/s per chat, 20/min per group); messages/s sustained, 429s, duplicates
  (target: at least 28/s, no 429; it takes about 70 s);
- ceiling: the worker with every limit off, for a few concurrency / connection-pool settings and
  both HTTP layers of python-telegram-bot (target: over 1,000 messages/s);
- memory: the worker's peak RSS while it drains 100,000 pending deliveries, limits off.

The fake Bot API runs in a process of its own (as Telegram would), so the figures are the
worker's: its event loop, the store (SQLite), the real composer over the real history, PTB.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

from bot.delivery import DeliverySettings, OutboxWorker, TelegramSender
from bot.delivery.transport import AiohttpRequest
from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.render.i18n import languages
from bot.services.clock import SystemClock
from bot.services.compose import FiguresComposer, OutgoingMessage
from bot.services.figures import FiguresReader
from bot.services.poll import poll
from bot.sources import RussianWarshipClient
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository, DeliveryRow
from bot.store.models import ChatRow
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.subscribers import insert_subscribed_chats

TOKEN = "123456:TEST"
REACH_CHATS = 2_000
REACH_DAY = date(2023, 10, 20)
PACED_CHATS = 2_000
CEILING_CHATS = 10_000
MEMORY_CHATS = 100_000
MEMORY_TRACED = 20_000
CEILING_SETTINGS = [("aiohttp", 8), ("aiohttp", 32), ("aiohttp", 128), ("httpx", 4), ("httpx", 32)]
"""(PTB's HTTP layer, concurrency = connection pool size)."""


# --- the fake Bot API in a process of its own, driven through a pipe -------------------------


def _serve(connection: Connection) -> None:
    asyncio.run(_serve_until_quit(connection))


async def _serve_until_quit(connection: Connection) -> None:
    loop = asyncio.get_running_loop()
    async with FakeBotApi(TOKEN, auto_create_chats=True) as api:
        connection.send(api.root_url)
        while True:
            command, *arguments = await loop.run_in_executor(None, connection.recv)
            if command == "flood":
                if arguments[0]:
                    api.enable_flood_limits()
                else:
                    api.disable_flood_limits()
                connection.send(None)
            elif command == "stats":
                first, last = arguments
                per_chat = Counter(
                    call.message["chat"]["id"]
                    for call in api.sent
                    if call.message and first <= call.message["chat"]["id"] <= last
                )
                connection.send((sum(per_chat.values()), len(per_chat), per_chat, api.flood_429s))
            else:
                connection.send(None)
                return


class BotApiProcess:
    """The fake Bot API, served by a child process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        self.root_url: str = self._pipe.recv()

    def ask(self, *command: Any) -> Any:
        self._pipe.send(command)
        return self._pipe.recv()

    def close(self) -> None:
        self.ask("quit")
        self._process.join(5)


@dataclass(frozen=True)
class Delivered:
    messages: int
    chats: int
    most_per_chat: int
    flood_429s: int


def delivered(api: BotApiProcess, chat_ids: range) -> Delivered:
    messages, chats, per_chat, flood_429s = api.ask("stats", chat_ids[0], chat_ids[-1])
    return Delivered(messages, chats, max(per_chat.values(), default=0), flood_429s)


# --- the store: the real history, and chats with one daily post owed to each -----------------


async def stored_history(folder: Path) -> tuple[str, date]:
    """A SQLite store with the whole history (from the fake figures API); its newest date."""
    url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    database = Database(url)
    await database.migrate()
    async with FakeFiguresApi() as figures_api:
        client = RussianWarshipClient(figures_api.url)
        try:
            figures = FiguresReader(database, date(2022, 4, 1))
            await poll(client, database, figures, SystemClock(), date(2022, 4, 1))
        finally:
            await client.aclose()
    async with database.session() as session:
        newest = await session.scalar(sa.text("SELECT max(report_date) FROM reports"))
    await database.dispose()
    return url, date.fromisoformat(str(newest))


async def owe_daily_posts(database: Database, chat_ids: range, day: date) -> None:
    """Subscribed private chats, each owed the daily post of `day`; nothing else pending."""
    async with database.transaction() as session:
        await session.execute(sa.delete(DeliveryRow))
        await session.execute(sa.delete(ChatRow).where(ChatRow.chat_id.in_(chat_ids)))
        for start in range(0, len(chat_ids), 10_000):
            part = chat_ids[start : start + 10_000]
            await insert_subscribed_chats(session, part)
            await DeliveryRepository(session).add_many(
                NewDelivery(chat_id, day, DeliveryKind.DAILY) for chat_id in part
            )


async def warm_up(composer: FiguresComposer, day: date) -> None:
    """Loads the history and renders the day's post in both languages once, as a running bot
    has long done before a broadcast starts."""
    for language in languages():
        chat = Chat(1, ChatKind.PRIVATE, None, True, ChatSettings(language=language))
        await composer.compose(
            Delivery(1, 1, day, DeliveryKind.DAILY, DeliveryStatus.PENDING), chat
        )


# --- one broadcast --------------------------------------------------------------------------


class StampingSender:
    """The real sender, noting when the first and the last message went."""

    def __init__(self, sender: TelegramSender) -> None:
        self._sender = sender
        self.first = self.last = 0.0

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, silent: bool, thread_id: int | None = None
    ) -> Any:
        outcome = await self._sender.send(chat_id, message, silent=silent, thread_id=thread_id)
        self.last = time.perf_counter()
        self.first = self.first or self.last
        return outcome

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> Any:
        return await self._sender.edit(chat_id, message_id, message)


@dataclass(frozen=True)
class Broadcast:
    seconds: float
    sustained: float
    """Messages per second from the first message to the last."""
    flood_waits: int
    most_unconfirmed: int


async def broadcast(
    url: str,
    api: BotApiProcess,
    chat_ids: range,
    day: date,
    settings: DeliverySettings,
    request: Callable[[], BaseRequest],
    drain: Callable[[OutboxWorker], Awaitable[None]] = OutboxWorker.run_until_idle,
) -> Broadcast:
    database = Database(url)
    await owe_daily_posts(database, chat_ids, day)
    composer = FiguresComposer(FiguresReader(database, date(2022, 4, 1)))
    await warm_up(composer, day)
    telegram = TelegramSender(Bot(TOKEN, base_url=f"{api.root_url}/bot", request=request()))
    sender = StampingSender(telegram)
    worker = OutboxWorker(database, sender, composer, settings)
    try:
        await telegram.start()
        started = time.perf_counter()
        await drain(worker)
        seconds = time.perf_counter() - started
    finally:
        await telegram.stop()
        await database.dispose()
    sustained = (len(chat_ids) - 1) / max(sender.last - sender.first, 1e-9)
    return Broadcast(seconds, sustained, worker.stats.flood_waits, worker.stats.most_unconfirmed)


# --- the measurements ------------------------------------------------------------------------


class KindComposer:
    """The real composer, remembering which kind of delivery each message it made is for."""

    def __init__(self, composer: FiguresComposer) -> None:
        self._composer = composer
        self.kinds: dict[int, DeliveryKind] = {}

    async def compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        message = await self._composer.compose(delivery, chat)
        if message is not None:  # cached per kind and language: a handful of objects
            self.kinds[id(message)] = delivery.kind
        return message


class KindStampingSender:
    """The real sender, noting when each message of each kind went."""

    def __init__(self, sender: TelegramSender, composer: KindComposer) -> None:
        self._sender = sender
        self._composer = composer
        self.stamps: dict[DeliveryKind, list[float]] = {}

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, silent: bool, thread_id: int | None = None
    ) -> Any:
        outcome = await self._sender.send(chat_id, message, silent=silent, thread_id=thread_id)
        kind = self._composer.kinds[id(message)]
        self.stamps.setdefault(kind, []).append(time.perf_counter())
        return outcome

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> Any:
        return await self._sender.edit(chat_id, message_id, message)


async def reach(folder: Path, api: BotApiProcess) -> None:
    """The report of REACH_DAY reaching 2,000 chats: the post first, then the alerts."""
    url = f"sqlite+aiosqlite:///{folder / 'reach.sqlite3'}"
    database = Database(url)
    await database.migrate()
    chats = range(600_000_001, 600_000_001 + REACH_CHATS)
    async with FakeFiguresApi() as figures_api:
        client = RussianWarshipClient(figures_api.url)
        figures = FiguresReader(database, date(2022, 4, 1))
        try:
            figures_api.publish_until(REACH_DAY - timedelta(days=1))
            await poll(client, database, figures, SystemClock(), date(2022, 4, 1))
            async with database.transaction() as session:
                await insert_subscribed_chats(session, chats)
            figures_api.publish_until(REACH_DAY)
            api.ask("flood", True)
            composer = KindComposer(FiguresComposer(figures))
            telegram = TelegramSender(
                Bot(TOKEN, base_url=f"{api.root_url}/bot", request=AiohttpRequest(32))
            )
            sender = KindStampingSender(telegram, composer)
            settings = DeliverySettings(broadcast_rate=30)
            worker = OutboxWorker(database, sender, composer, settings)
            await telegram.start()
            try:
                started = time.perf_counter()
                await poll(client, database, figures, SystemClock(), date(2022, 4, 1))
                await worker.run_until_idle()
            finally:
                await telegram.stop()
        finally:
            await client.aclose()
            await database.dispose()
    got = delivered(api, chats)
    api.ask("flood", False)
    spans = {
        kind: (min(stamps), max(stamps), len(stamps)) for kind, stamps in sender.stamps.items()
    }
    post_first, post_last, posts = spans[DeliveryKind.DAILY]
    alerts = [
        stamp
        for kind in (DeliveryKind.RECORD, DeliveryKind.MILESTONE)
        for stamp in sender.stamps.get(kind, [])
    ]
    target = REACH_CHATS / 30 * 1.05
    print(
        f"reach, {REACH_CHATS:,} private chats, report of {REACH_DAY} (record and milestone), "
        f"BROADCAST_RATE 30, flood limits on: the daily post reached the first subscriber "
        f"{post_first - started:.1f} s after the poll began and the last one "
        f"{post_last - post_first:.1f} s after the first ({posts:,} posts, "
        f"{(posts - 1) / (post_last - post_first):.1f}/s; target <= {target:.0f} s: "
        f"{'met' if post_last - post_first <= target else 'MISSED'}); alerts "
        f"{len(alerts):,} from {min(alerts) - post_first:.1f} s to {max(alerts) - post_first:.1f} "
        f"s after the first post, a span of {max(alerts) - min(alerts):.1f} s (records "
        f"{_span(spans, DeliveryKind.RECORD)}, milestones {_span(spans, DeliveryKind.MILESTONE)});"
        f" every post before "
        f"any alert: {post_last < min(alerts)}; {got.flood_429s} 429s, {got.chats:,} chats "
        f"reached, at most {got.most_per_chat} messages a chat"
    )


def _span(spans: dict[DeliveryKind, tuple[float, float, int]], kind: DeliveryKind) -> str:
    if kind not in spans:
        return "none"
    first, last, count = spans[kind]
    return f"{count:,} in {last - first:.1f} s"


async def paced(url: str, api: BotApiProcess, day: date) -> None:
    chats = range(200_000_001, 200_000_001 + PACED_CHATS)
    api.ask("flood", True)
    settings = DeliverySettings(broadcast_rate=30)
    result = await broadcast(url, api, chats, day, settings, lambda: AiohttpRequest(32))
    got = delivered(api, chats)
    api.ask("flood", False)
    print(
        f"paced, {PACED_CHATS:,} private chats at BROADCAST_RATE 30 with flood limits on: "
        f"{result.sustained:.2f} messages/s sustained (target >= 28), "
        f"{got.flood_429s} 429s (target 0), {got.chats:,} chats reached, at most "
        f"{got.most_per_chat} message per chat, {result.seconds:.1f} s; at most "
        f"{result.most_unconfirmed} messages unconfirmed at once (the kill -9 window)"
    )


async def ceiling(url: str, api: BotApiProcess, day: date) -> None:
    print(f"ceiling, {CEILING_CHATS:,} private chats, every limit off:")
    unlimited = DeliverySettings(broadcast_rate=None, per_chat_interval=0, group_limit=0)
    for run, (layer, concurrency) in enumerate(CEILING_SETTINGS):
        chats = range(300_000_001 + run * CEILING_CHATS, 300_000_001 + (run + 1) * CEILING_CHATS)
        settings = replace(unlimited, concurrency=concurrency, connection_pool=concurrency)

        def request(layer: str = layer, pool: int = concurrency) -> BaseRequest:
            if layer == "aiohttp":
                return AiohttpRequest(pool)
            return HTTPXRequest(connection_pool_size=pool, pool_timeout=30.0)

        result = await broadcast(url, api, chats, day, settings, request)
        got = delivered(api, chats)
        print(
            f"  PTB on {layer:7}, concurrency = pool = {concurrency:3}: "
            f"{result.sustained:7.0f} messages/s; {got.chats:,} chats reached, "
            f"at most {got.most_per_chat} each; at most {result.most_unconfirmed} unconfirmed"
        )


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def memory(url: str, api: BotApiProcess, day: date) -> None:
    """The worker's Python heap while it sends the first 20,000 of 100,000 pending deliveries
    (tracemalloc slows everything down), then the process's RSS while it sends the rest."""
    chats = range(400_000_001, 400_000_001 + MEMORY_CHATS)
    unlimited = DeliverySettings(broadcast_rate=None, per_chat_interval=0, group_limit=0)
    traced, rss = [0.0], [0.0, 0.0]

    async def drain(worker: OutboxWorker) -> None:
        gc.collect()
        tracemalloc.start()
        stop = asyncio.Event()
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(worker.run(stop))
            while worker.stats.sent < MEMORY_TRACED:  # noqa: ASYNC110 - counters have no event
                await asyncio.sleep(0.1)
            stop.set()
        traced[0] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        gc.collect()
        rss[0] = rss[1] = _rss_mib()
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                rss[1] = max(rss[1], _rss_mib())
                await asyncio.sleep(0.05)

        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(sample())
            try:
                await worker.run_until_idle()
            finally:
                done.set()

    await broadcast(url, api, chats, day, unlimited, lambda: AiohttpRequest(32), drain)
    got = delivered(api, chats)
    print(
        f"memory, {MEMORY_CHATS:,} pending deliveries: peak Python heap allocated by the worker "
        f"while it sent the first {MEMORY_TRACED:,} {traced[0]:.1f} MiB (tracemalloc); process "
        f"RSS {rss[0]:.0f} MiB then (the whole history, the bench's own data), peak "
        f"{rss[1]:.0f} MiB while it sent the rest (+{rss[1] - rss[0]:.0f} MiB); "
        f"{got.chats:,} chats reached, at most {got.most_per_chat} each"
    )


async def main(parts: list[str]) -> None:
    api = BotApiProcess()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url, day = await stored_history(Path(folder))
            for part in parts:
                if part == "reach":
                    await reach(Path(folder), api)
                    continue
                await {"paced": paced, "ceiling": ceiling, "memory": memory}[part](url, api, day)
    finally:
        api.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:] or ["reach", "paced", "ceiling", "memory"]))
