"""The message sender seam: `MessageSender`, and `TelegramSender` on a python-telegram-bot `Bot`.

The broadcast has a `Bot` of its own rather than the Application's: the Application's
AIORateLimiter would retry a 429 by itself (hiding it from the worker, which must hold every
send) and would add its own group limiter on top of ours, and `rate_limit_args` only passes
arguments to that limiter, it cannot bypass it. Its own `Bot` also has its own connection pool
(sized for the broadcast, on aiohttp: see `transport.py`), so a broadcast never starves the
replies to commands of connections, nor they it. The texts are Telegram HTML, without link
previews; a silent chat gets its messages without a notification sound.
"""

from __future__ import annotations

from typing import Protocol

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError

from bot.delivery.outcomes import Delivered, Outcome, classify
from bot.delivery.transport import AiohttpRequest

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class MessageSender(Protocol):
    async def send(self, chat_id: int, text: str, *, silent: bool) -> Outcome:
        """Sends `text` (Telegram HTML) to the chat."""
        ...

    async def edit(self, chat_id: int, message_id: int, text: str) -> Outcome:
        """Replaces the text of a message the bot sent."""
        ...


class TelegramSender:
    """Sends through the Bot API; use `async with` (or `start`/`stop`) around the sending."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    @classmethod
    def create(
        cls, token: str, api_url: str, *, pool_size: int = 32, timeout: float = 10.0
    ) -> TelegramSender:
        """A sender to the Bot API server at `api_url` (BOT_API_URL) with its own connections."""
        root = api_url.rstrip("/")
        bot = Bot(
            token,
            base_url=f"{root}/bot",
            base_file_url=f"{root}/file/bot",
            request=AiohttpRequest(pool_size, timeout),
            get_updates_request=AiohttpRequest(1, timeout),  # never used: nothing to pool
        )
        return cls(bot)

    async def start(self) -> None:
        try:
            await self._bot.initialize()
        except InvalidToken:
            # PTB's message would quote the token, and logs must never show it.
            raise InvalidToken("the Bot API rejected the bot token") from None

    async def stop(self) -> None:
        await self._bot.shutdown()

    async def __aenter__(self) -> TelegramSender:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    async def send(self, chat_id: int, text: str, *, silent: bool) -> Outcome:
        try:
            message = await self._bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
                disable_notification=silent,
            )
        except TelegramError as error:
            return classify(error)
        return Delivered(message.message_id)

    async def edit(self, chat_id: int, message_id: int, text: str) -> Outcome:
        try:
            await self._bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                link_preview_options=_NO_PREVIEW,
            )
        except TelegramError as error:
            return classify(error)
        return Delivered(message_id)
