"""The message sender seam: `MessageSender`, and `TelegramSender` on a python-telegram-bot `Bot`.

The broadcast has a `Bot` of its own rather than the Application's: the Application's
rate limiter would retry a 429 by itself (hiding it from the worker, which must hold every
send) and would add its own group limiter on top of ours, and `rate_limit_args` only passes
arguments to that limiter, it cannot bypass it. Its own `Bot` also has its own connection pool
(sized for the broadcast, on aiohttp: see `transport.py`), so a broadcast never starves the
replies to commands of connections, nor they it. The texts are Telegram HTML, without link
previews; a silent chat gets its messages without a notification sound.

A message with a photo (the daily card) is sent with sendPhoto, its text as the caption. A card
goes to every chat of a language as the same bytes object: it is uploaded once, and later chats
get it by the file id Telegram gave the first upload. Editing such a post replaces its caption
only; the picture stays as it was sent. A message's buttons (`OutgoingMessage.buttons`) go along as
its inline keyboard, on an edit too. A message to a forum topic goes into its thread
(`message_thread_id`); an edit needs no thread (a message id is unique in its chat).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Protocol

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError

from bot.delivery.outcomes import Delivered, Outcome, classify
from bot.delivery.transport import AiohttpRequest
from bot.services.compose import Buttons, OutgoingMessage

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_KNOWN_PHOTOS = 16
"""File ids kept: a broadcast sends one card per language."""


class MessageSender(Protocol):
    async def send(
        self, chat_id: int, message: OutgoingMessage, *, silent: bool, thread_id: int | None = None
    ) -> Outcome:
        """Sends `message` (Telegram HTML, or a photo with it as caption) to the chat, into the
        forum topic `thread_id` if one is given."""
        ...

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> Outcome:
        """Replaces the text (or a photo's caption) of a message the bot sent."""
        ...


class _FileIds:
    """The file ids of the newest photos sent, by the identity of their bytes object (kept here,
    so that its id cannot be reused by another object while it is remembered)."""

    def __init__(self, size: int = _KNOWN_PHOTOS) -> None:
        self._size = size
        self._known: OrderedDict[int, tuple[bytes, str]] = OrderedDict()
        self.uploading = asyncio.Lock()
        """Held during a first upload, so that chats sent to meanwhile wait for its file id."""

    def get(self, photo: bytes) -> str | None:
        found = self._known.get(id(photo))
        return found[1] if found is not None and found[0] is photo else None

    def remember(self, photo: bytes, sent: Message) -> None:
        if sent.photo:
            self._known[id(photo)] = (photo, sent.photo[-1].file_id)
            while len(self._known) > self._size:
                self._known.popitem(last=False)


def markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    """The inline keyboard of a message's buttons (None: no keyboard)."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    button.text,
                    callback_data=button.callback_data,
                    switch_inline_query=button.switch_inline_query,
                )
                for button in row
            ]
            for row in buttons
        ]
    )


class TelegramSender:
    """Sends through the Bot API; use `async with` (or `start`/`stop`) around the sending."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._file_ids = _FileIds()

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

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, silent: bool, thread_id: int | None = None
    ) -> Outcome:
        try:
            if message.photo is None:
                sent = await self._bot.send_message(
                    chat_id,
                    message.text,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=_NO_PREVIEW,
                    disable_notification=silent,
                    reply_markup=markup(message.buttons),
                    message_thread_id=thread_id,
                )
            else:
                sent = await self._send_photo(chat_id, message, silent, thread_id)
        except TelegramError as error:
            return classify(error)
        return Delivered(sent.message_id)

    async def _send_photo(
        self, chat_id: int, message: OutgoingMessage, silent: bool, thread_id: int | None
    ) -> Message:
        """Sends by file id when the photo was sent before, else uploads it (once at a time)."""
        photo = message.photo
        assert photo is not None
        file_id = self._file_ids.get(photo)
        if file_id is None:
            async with self._file_ids.uploading:
                file_id = self._file_ids.get(photo)  # the upload waited for may have given one
                if file_id is None:
                    sent = await self._photo_message(chat_id, photo, message, silent, thread_id)
                    self._file_ids.remember(photo, sent)
                    return sent
        return await self._photo_message(chat_id, file_id, message, silent, thread_id)

    async def _photo_message(
        self,
        chat_id: int,
        photo: bytes | str,
        message: OutgoingMessage,
        silent: bool,
        thread_id: int | None,
    ) -> Message:
        return await self._bot.send_photo(
            chat_id,
            photo,
            caption=message.text,
            parse_mode=ParseMode.HTML,
            disable_notification=silent,
            reply_markup=markup(message.buttons),
            message_thread_id=thread_id,
        )

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> Outcome:
        try:
            if message.photo is None:
                await self._bot.edit_message_text(
                    message.text,
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=_NO_PREVIEW,
                    reply_markup=markup(message.buttons),
                )
            else:
                await self._bot.edit_message_caption(
                    chat_id=chat_id,
                    message_id=message_id,
                    caption=message.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup(message.buttons),
                )
        except TelegramError as error:
            return classify(error)
        return Delivered(message_id)
