"""The whole bot for end-to-end tests: the real runtime, the fake Bot API, the fake figures API.

`running_bot` opens and starts the runtime (`bot.runtime.Runtime`) exactly as `python -m bot`
does, pointed at `bot_api` and `figures_api` on 127.0.0.1 and a database of its own, with a clock
of the test's choosing, and returns once the real history is stored. The SQLite database of each
test is a copy of one backfilled once per session from the fake figures API (a backfill per test
would cost half a second each); a test that needs the first backfill itself starts from
`empty_database_url`. A test module can change the settings by overriding
`bot_settings_overrides` (e.g. `{"BOT_ADMINS": "100000001"}`), or run on both databases by
overriding `bot_database_url` to return `database_url` (an empty database: the bot backfills it on
start, as in production):

    async def test_today_answers(running_bot: RunningBot) -> None:
        chat = running_bot.bot_api.private_chat()
        running_bot.bot_api.send_command(chat, None, "/today")
        reply = await running_bot.bot_api.wait_for(lambda call: call.chat_id == chat.id)
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.services.chats import ChatService
from bot.services.clock import Clock
from bot.services.container import Services
from bot.settings import Settings
from bot.sources.protocol import FiguresSource
from bot.telegram.context import BotApplication
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi

HISTORY_TIMEOUT = 30.0
"""Seconds the first backfill may take before a test fails (it takes well under one)."""


@dataclass(frozen=True, slots=True)
class RunningBot:
    """A started bot and the fakes around it."""

    runtime: Runtime
    bot_api: FakeBotApi
    figures_api: FakeFiguresApi
    settings: Settings

    @property
    def application(self) -> BotApplication:
        return self.runtime.application

    @property
    def services(self) -> Services:
        return self.runtime.services

    @property
    def chats(self) -> ChatService:
        """The chats as stored (read them back through it)."""
        return self.services.chats

    @property
    def history_loading(self) -> bool:
        return self.application.bot_data.history_loading


def bot_settings_for(
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    database_url: str,
    overrides: Mapping[str, str] | None = None,
) -> Settings:
    """Settings pointing at the fakes; neither the environment nor config/ is read."""
    values = {
        "BOT_TOKEN": bot_api.token,
        "BOT_API_URL": bot_api.root_url,
        "LOSSES_API_URL": figures_api.url,
        "LOSSES_CHANNEL_URL": "",  # the channel is read only where a test starts its fake
        "DATABASE_URL": database_url,
        **(overrides or {}),
    }
    return Settings.model_validate(values)


async def history_loaded(application: BotApplication, seconds: float = HISTORY_TIMEOUT) -> None:
    """Return once the first backfill (if one was started) has finished; fail after `seconds`."""
    async with asyncio.timeout(seconds):
        # The bot keeps a plain flag (no event to wait on); checking it every 10 ms is cheap.
        while application.bot_data.history_loading:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def acting(runtime: Runtime, seconds: float = HISTORY_TIMEOUT) -> None:
    """Returns once the runtime acts as the active replica (at once on SQLite)."""
    async with asyncio.timeout(seconds):
        while not runtime.active:  # noqa: ASYNC110 - the runtime has no event for it
            await asyncio.sleep(0.01)


@asynccontextmanager
async def started_bot(
    settings: Settings,
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    *,
    wait_for_history: bool = True,
    clock: Clock | None = None,
    figures_client: FiguresSource | None = None,
) -> AsyncIterator[RunningBot]:
    """The runtime started as `python -m bot` starts it (long polling, 1 s long polls), stopped
    and closed after; `figures_client` replaces the figures API's client."""
    async with Runtime.running(
        settings, clock=clock, figures_api=figures_client, poll_timeout=timedelta(seconds=1)
    ) as runtime:
        await acting(runtime)
        if wait_for_history:
            await history_loaded(runtime.application)
        yield RunningBot(runtime, bot_api, figures_api, settings)


def _sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def _backfill_into(path: Path) -> None:
    async with FakeFiguresApi() as figures_api:
        settings = Settings.model_validate(
            {
                "LOSSES_API_URL": figures_api.url,
                "LOSSES_CHANNEL_URL": "",
                "DATABASE_URL": _sqlite_url(path),
            }
        )
        services = await Services.open(settings)
        try:
            await services.poller.poll()
        finally:
            await services.close()  # disposing the engine checkpoints SQLite's WAL into the file


@pytest.fixture(scope="session")
def backfilled_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the whole real history, made once per session."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    loop = asyncio.new_event_loop()  # a loop of its own: the tests' loop is per function
    try:
        loop.run_until_complete(_backfill_into(path))
    finally:
        loop.close()
    return path


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """A fresh SQLite file: the bot migrates it and runs the first backfill on start."""
    return _sqlite_url(tmp_path / "empty.sqlite3")


@pytest.fixture
def bot_database_url(tmp_path: Path, backfilled_sqlite: Path) -> str:
    """A copy of the backfilled SQLite file (e2e tests run on SQLite; the store is tested on both
    databases elsewhere)."""
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(backfilled_sqlite, path)
    return _sqlite_url(path)


@pytest.fixture
def bot_settings_overrides() -> dict[str, str]:
    """Extra settings for the bot, by their environment names; override in a test module."""
    return {}


@pytest.fixture
def bot_settings(
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    bot_database_url: str,
    bot_settings_overrides: dict[str, str],
) -> Settings:
    return bot_settings_for(bot_api, figures_api, bot_database_url, bot_settings_overrides)


@pytest.fixture
async def running_bot(
    bot_settings: Settings, bot_api: FakeBotApi, figures_api: FakeFiguresApi
) -> AsyncIterator[RunningBot]:
    """The real bot, polling the fake Bot API, with the whole real history stored."""
    async with started_bot(bot_settings, bot_api, figures_api) as bot:
        yield bot
