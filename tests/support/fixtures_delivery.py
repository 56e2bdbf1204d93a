"""Delivery end to end: the real bot on a store that ends on a chosen day, its clock moved to a
chosen moment, the fake Bot API enforcing Telegram's flood limits, and helpers that subscribe
chats and count what reached them.

    async def test_post(start_delivery_bot: StartDeliveryBot) -> None:
        async with start_delivery_bot(last_stored=DAY - ONE_DAY, now=kyiv(DAY, 8)) as bot:
            chats = await bot.subscribe_private(3)
            since = bot.mark()
            bot.publish(DAY)                   # the fake figures API advances by a day
            await bot.delivered(chats, 1, since)  # each chat got (at least) one message since

The bot polls every `POLL_INTERVAL` (0.2 s here); its admin (BOT_ADMINS) is `bot.admin`, a
private chat in English. The clock runs on from the chosen moment; `bot.clock.move_to` moves it.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.chats import Chat, ChatSettings
from bot.services.container import Services
from bot.sources.protocol import FiguresSource
from bot.store.deliveries import DeliveryRepository
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_app import RunningBot, bot_settings_for, started_bot

KYIV = ZoneInfo("Europe/Kyiv")
ONE_DAY = timedelta(days=1)
POLL_INTERVAL = "0.2"
WAIT = 10.0
"""Seconds a test waits for what the bot should do (a broadcast of a few chats takes about 1 s:
a chat gets at most one message a second)."""


def kyiv(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of `day` in Kyiv, the bot's time zone."""
    return datetime.combine(day, time(hour, minute), KYIV)


class MovableClock:
    """The bot's clock in a test: real time, moved to a chosen moment, running on from there."""

    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def move_to(self, moment: datetime) -> None:
        self._offset = moment - datetime.now(UTC)


def truncated_store(source: Path, target: Path, last: date, hidden: Iterable[date] = ()) -> str:
    """A copy of the backfilled store without the reports after `last` or on `hidden` dates."""
    shutil.copyfile(source, target)
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("PRAGMA foreign_keys=ON")  # figures and revisions go with their report
        gone = [(day.isoformat(),) for day in hidden]
        for table in ("reports", "observations"):  # as if those dates had never been read
            connection.execute(f"DELETE FROM {table} WHERE report_date > ?", (last.isoformat(),))
            connection.executemany(f"DELETE FROM {table} WHERE report_date = ?", gone)
        connection.commit()
    return f"sqlite+aiosqlite:///{target}"


@dataclass(frozen=True)
class DeliveryBot:
    running: RunningBot
    clock: MovableClock
    admin: FakeChat
    """The private chat of the one admin (BOT_ADMINS), in English."""

    @property
    def api(self) -> FakeBotApi:
        return self.running.bot_api

    @property
    def figures_api(self) -> FakeFiguresApi:
        return self.running.figures_api

    @property
    def services(self) -> Services:
        return self.running.services

    def publish(self, last: date) -> None:
        """The fake figures API serves the reports up to `last`."""
        self.figures_api.publish_until(last)

    def messages_to(self, chat: FakeChat, since: int = 0) -> list[SentCall]:
        """The messages sent (not edits) to `chat` from the `since`-th message on."""
        return [
            call
            for call in self.api.sent[since:]
            if call.method in ("sendMessage", "sendPhoto") and call.chat_id == chat.id
        ]

    def edits_in(self, chat: FakeChat, since: int = 0) -> list[SentCall]:
        return [
            call
            for call in self.api.sent[since:]
            if call.method == "editMessageText" and call.chat_id == chat.id
        ]

    def mark(self) -> int:
        """Where the fake's list of messages ends now (for `since`)."""
        return len(self.api.sent)

    async def command(self, chat: FakeChat, user: FakeUser | None, text: str) -> SentCall:
        """Sends a command and returns the bot's reply."""
        before = len(self.messages_to(chat))
        self.api.send_command(chat, user, text, addressed=chat.type != "private")
        await self.api.wait_until(lambda: len(self.messages_to(chat)) > before, WAIT)
        return self.messages_to(chat)[before]

    async def subscribe_private(self, count: int, language_code: str = "en") -> list[FakeChat]:
        """`count` private chats, each subscribed with /subscribe."""
        users = [self.api.new_user(language_code=language_code) for _ in range(count)]
        chats = [self.api.private_chat(user) for user in users]
        for chat in chats:
            self.api.send_command(chat, None, "/subscribe")
        await self.stored(chats, lambda chat: chat is not None and chat.subscribed)
        return chats

    async def subscribe_group(self) -> FakeChat:
        """A basic group subscribed by its admin."""
        group, admin = self.api.group(), self.api.new_user(language_code="en")
        self.api.set_member(group, admin, "administrator")
        self.api.send_command(group, admin, "/subscribe", addressed=True)
        await self.stored([group], lambda chat: chat is not None and chat.subscribed)
        return group

    async def subscribe_channel(self) -> FakeChat:
        """A channel that made the bot an admin allowed to post (which subscribes it)."""
        channel = self.api.channel()
        self.api.add_bot(channel, self.api.new_user(language_code="en"), "administrator")
        await self.stored([channel], lambda chat: chat is not None and chat.subscribed)
        return channel

    async def choose(self, chat: FakeChat, settings: ChatSettings) -> None:
        """Stores the chat's settings (as the /settings keyboard would)."""
        await self.running.chats.update_settings(chat.id, settings)

    async def stored(
        self, chats: Sequence[FakeChat], until: Callable[[Chat | None], bool]
    ) -> list[Chat | None]:
        """The chats as stored, once `until` holds for each (nothing is sent to wait for)."""
        async with asyncio.timeout(WAIT):
            while True:
                found = [await self.running.chats.get(chat.id) for chat in chats]
                if all(until(chat) for chat in found):
                    return found
                await asyncio.sleep(0.01)

    async def delivered(self, chats: Sequence[FakeChat], count: int, since: int) -> None:
        """Waits until each chat has received at least `count` messages since `since` (a
        `mark()` taken before the figures advanced: replies to /subscribe came before it)."""
        await self.api.wait_until(
            lambda: all(len(self.messages_to(chat, since)) >= count for chat in chats), WAIT
        )

    async def settled(self) -> None:
        """Waits until the outbox has nothing pending and nothing to edit (read from the store)."""
        database = self.services.database
        async with asyncio.timeout(WAIT):
            while True:
                async with database.session() as session:
                    outbox = DeliveryRepository(session)
                    if await outbox.backlog() == 0 and not await outbox.needing_edit(1):
                        return
                await asyncio.sleep(0.02)

    async def polls(self, count: int) -> None:
        """Waits until the bot has asked upstream for the latest report `count` more times."""
        requests = self.figures_api.requests

        def latest_requests() -> int:
            return sum(path.startswith("/statistics/latest") for path in requests)

        wanted = latest_requests() + count
        async with asyncio.timeout(WAIT):
            while latest_requests() < wanted:  # noqa: ASYNC110 - the fake has no event for it
                await asyncio.sleep(0.01)


StartDeliveryBot = Callable[..., AbstractAsyncContextManager[DeliveryBot]]


@pytest.fixture
def start_delivery_bot(
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    backfilled_sqlite: Path,
    tmp_path: Path,
) -> StartDeliveryBot:
    """`start(last_stored=, now=, hidden=(), overrides={}, figures_client=None)`: the bot on a
    store (and a figures API) ending on `last_stored`, without the `hidden` dates, at the moment
    `now`; `figures_client` replaces its client of the figures API."""
    clock = MovableClock()

    @asynccontextmanager
    async def start(
        *,
        last_stored: date,
        now: datetime,
        hidden: Iterable[date] = (),
        overrides: Mapping[str, str] | None = None,
        figures_client: FiguresSource | None = None,
    ) -> AsyncIterator[DeliveryBot]:
        hidden = tuple(hidden)
        clock.move_to(now)
        admin = bot_api.new_user("Admin", language_code="en")
        url = truncated_store(backfilled_sqlite, tmp_path / "delivery.sqlite3", last_stored, hidden)
        figures_api.publish_until(last_stored)
        figures_api.hide(*hidden)
        bot_api.enable_flood_limits()
        values = {"BOT_ADMINS": str(admin.id), "POLL_INTERVAL": POLL_INTERVAL, **(overrides or {})}
        settings = bot_settings_for(bot_api, figures_api, url, values)
        async with started_bot(
            settings, bot_api, figures_api, clock=clock, figures_client=figures_client
        ) as running:
            yield DeliveryBot(running, clock, bot_api.private_chat(admin))

    return start
