"""Typed context for handlers: the services reach them as attributes, never as string keys."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.delivery import OutboxWorker, TelegramSender
from bot.services.chats import ChatService
from bot.services.container import Services
from bot.services.poll import PollResult
from bot.services.staleness import StalenessWatch


@dataclass(slots=True)
class Broadcast:
    """The broadcast's running parts, started in post_init and stopped in post_shutdown
    (`bot.telegram.delivery`): its own sender, the outbox worker, and how to stop it."""

    sender: TelegramSender
    worker: OutboxWorker
    stop: asyncio.Event
    task: asyncio.Task[None]


@dataclass(frozen=True, slots=True)
class LastPoll:
    """When the latest poll ran, and what it did (for /stats)."""

    at: datetime
    result: PollResult


class BotData:
    """`application.bot_data`: the process's services, set in `post_init`."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self._chats: ChatService | None = None
        self.history_loading = False
        """True while the first backfill fills an empty store: queries answer "no data yet"."""
        self.broadcast: Broadcast | None = None
        """The outbox worker and its sender, while the Application runs."""
        self.last_poll: LastPoll | None = None
        self.staleness: StalenessWatch | None = None
        """Whether the admins were told that the day's report is late (set in post_init)."""
        self.poll_job_ran: float | None = None
        """When the poll job last ran (monotonic seconds), for the health check."""
        self.exit_status = 0
        """The process's exit status once the Application stops (1: it stopped itself, deaf)."""

    def attach(self, services: Services) -> None:
        self._services = services
        self._chats = ChatService(services.database)

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are attached in post_init")
        return self._services

    @property
    def chats(self) -> ChatService:
        if self._chats is None:
            raise RuntimeError("services are attached in post_init")
        return self._chats


# ExtBot[int]: the bot runs behind ChatRateLimiter, whose per-call argument is a retry count.
class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job receives."""

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def chats(self) -> ChatService:
        return self.bot_data.chats


BotApplication = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
