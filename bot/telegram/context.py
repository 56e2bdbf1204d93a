"""Typed context for handlers: the services reach them as attributes, never as string keys."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services.chats import ChatService
from bot.services.container import Services


class BotData:
    """`application.bot_data`: the process's services, set in `post_init`."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self._chats: ChatService | None = None
        self.history_loading = False
        """True while the first backfill fills an empty store: queries answer "no data yet"."""

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


# ExtBot[int]: the bot runs behind AIORateLimiter, whose per-call argument is a retry count.
class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job receives."""

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def chats(self) -> ChatService:
        return self.bot_data.chats


BotApplication = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
