"""Typed context for handlers: the services reach them as attributes, never as string keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services.chats import ChatService
from bot.services.container import Services


class BotData:
    """`application.bot_data`: the process's services, attached by the runtime before start."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.exit_status = 0
        """The process's exit status once it stops (1: it stopped itself, deaf)."""
        self.stop_requested: Callable[[], None] = lambda: None
        """Stops the process (set by the runtime)."""

    def attach(self, services: Services) -> None:
        self._services = services

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are attached by the runtime before the bot starts")
        return self._services

    @property
    def chats(self) -> ChatService:
        return self.services.chats

    def stop_process(self, exit_status: int) -> None:
        """Ends the process with `exit_status`, so that its supervisor starts it again."""
        self.exit_status = exit_status
        self.stop_requested()

    @property
    def history_loading(self) -> bool:
        """True while the first backfill fills an empty store: queries answer "no data yet"."""
        return self._services is not None and self._services.polling.backfilling


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
