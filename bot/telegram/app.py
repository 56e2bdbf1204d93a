"""The Telegram Application: built around the services, with one `register` per feature module.

`build_application(settings, services, metrics)` wires the Bot API server from `BOT_API_URL`, HTML
and no link previews by default, the rate limiter, the typed context (the services attached to
`bot_data`) and the handlers. It neither opens nor runs anything: `bot.runtime` builds the
services, this Application and the sender once, and starts and stops them together.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
)

from bot.ops.metrics import Metrics
from bot.services.container import Services
from bot.settings import Settings
from bot.telegram import (
    admin,
    buttons,
    charts,
    chats,
    errors,
    inline,
    listening,
    operations,
    post_buttons,
    queries,
    replays,
    settings_menu,
    throttle,
)
from bot.telegram.context import BotApplication, BotContext, BotData
from bot.telegram.listening import UpdatesWatch
from bot.telegram.operations import CountingRequest
from bot.telegram.rate_limits import ChatRateLimiter

log = logging.getLogger(__name__)

CONNECTIONS = 16
"""Updates handled at once, and connections to the Bot API server.

Enough to overlap the waits on the Bot API (16 replies in flight at 50 ms a round trip is over
300 a second), and few on purpose: httpx scans its whole pool, and every request queued in it,
each time a request starts or ends, so a large pool costs CPU for nothing (bench/commands.py:
PTB's default of 256 answered 5-10% fewer commands a second than 16).
"""
LONG_POLL = 10
"""Seconds a getUpdates waits for an update at most (PTB's default)."""
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.CHANNEL_POST,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.INLINE_QUERY,
]
"""The updates the bot asks Telegram for: commands, posts in channels, buttons, membership."""


def rate_limiter() -> ChatRateLimiter:
    """Telegram's per-group limit on the bot's requests, and retries after a 429 that hold the
    chat concerned only (`rate_limits.py`), up to 3 times.

    No overall limit: it would apply to every request, replies to commands included, capping the
    bot at 30 answers a second. Replies go one per command, to the chat that asked, and the
    per-user throttle bounds them; broadcasts to subscribers, the heavy traffic the overall limit
    is about, are paced by the delivery sender (BROADCAST_RATE). The group limit (20 per minute)
    stays: Telegram enforces it on replies too (the throttle drops a group's commands beyond it,
    so replies seldom wait here).
    """
    return ChatRateLimiter(group_max_rate=20, group_time_period=60, max_retries=3)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Updates of one chat are handled one after another, in order; different chats at once.

    Handlers wait on I/O (the store, the Bot API), so chats are served concurrently; within a
    chat, order keeps replies in the order of the commands, and a chat met for the first time is
    added once rather than by two updates racing each other. An update waits for its chat's turn
    before it takes one of the `running` places, so that a busy chat (a group whose replies wait
    for Telegram's per-group limit) holds one place, not all of them. (PTB's own limit, taken
    first, only bounds how many updates may wait.)
    """

    def __init__(self, running: int, waiting: int = 4096) -> None:
        super().__init__(waiting)
        self._running = asyncio.Semaphore(running)
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._running:
                await coroutine
            return
        turn, queued = self._turns.get(chat.id) or (asyncio.Lock(), 0)
        self._turns[chat.id] = (turn, queued + 1)
        try:
            async with turn, self._running:
                await coroutine
        finally:
            turn, queued = self._turns[chat.id]
            if queued == 1:
                del self._turns[chat.id]
            else:
                self._turns[chat.id] = (turn, queued - 1)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""


def build_application(
    settings: Settings, services: Services, metrics: Metrics, updates: UpdatesWatch | None = None
) -> BotApplication:
    """The Application on the services; `updates`, the watch of its update loop (long polling),
    sees every getUpdates it makes."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is required to run the bot")
    root = settings.bot_api_url.rstrip("/")
    builder = ApplicationBuilder()
    if updates is not None:
        builder = builder.get_updates_request(listening.UpdatesRequest(updates))
    application: BotApplication = (
        builder.token(settings.bot_token.get_secret_value())
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,  # a group may delete the command first
            )
        )
        .rate_limiter(rate_limiter())
        .request(CountingRequest(metrics, connection_pool_size=CONNECTIONS))
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .concurrent_updates(ChatOrderedProcessor(CONNECTIONS))
        .build()
    )
    application.bot_data.attach(services)
    # Order matters: an update seen before is dropped first (group -3); every update is counted
    # (group -2); the throttle (group -1) runs before every other handler and can stop the
    # update, and so does the answer to button presses that no handler can take (also group -1);
    # within group 0 PTB runs only the first matching handler, so the catch-all reply to unknown
    # commands comes after every module's command handlers.
    # group -3: an update seen before goes no further
    replays.register(application, services.updates)
    operations.register(application, metrics)
    throttle.register(
        application, throttle.CommandThrottle(settings.throttle_burst, settings.throttle_rate)
    )
    buttons.register(application)  # in the throttle's group: presses no handler can take
    queries.register(application)
    charts.register(application)
    # /start with a post button's payload, before the plain /start of `chats`.
    post_buttons.register(application)
    chats.register(application)
    settings_menu.register(application)
    admin.register(application)
    inline.register(application)
    queries.register_unknown_command(application)
    errors.register(application, settings.bot_admins)
    return application


def long_poll_timeout(settings: Settings) -> timedelta:
    """How long one getUpdates may wait for an update: well within UPDATES_STALE_AFTER, so that
    an idle bot still counts as fetching updates (whole seconds, as Telegram takes them)."""
    quarter = int(settings.updates_stale_after / 4)
    return timedelta(seconds=max(1, min(LONG_POLL, quarter)))


def webhook_path(webhook_url: str) -> str:
    """The path the webhook server answers on: the public URL's own path (a proxy keeps it)."""
    return urlsplit(webhook_url).path.strip("/")
