"""The error handler: log every unexpected error first, apologise, tell the admins once a minute.

Logging comes first and carries the update, so that nothing is lost if the messages below fail.
The token never appears: logs pass through `RedactSecrets`, and the admins' alert is redacted here
too because exception texts may quote a request URL. Admin alerts are worded in English, the
bot's default language; errors between two alerts are counted and the next alert says how many.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.logs import RedactSecrets
from bot.render import DEFAULT_LANGUAGE, text
from bot.services.chats import language_of
from bot.telegram.chat_language import topic_of
from bot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

ALERT_INTERVAL = 60.0
"""Seconds between two alerts to the admins."""
MAX_SHOWN = 300
"""How much of an error's text, or of the message that caused it, an alert repeats."""


class AlertWindow:
    """At most one alert per `interval` seconds; counts the errors that were only logged."""

    def __init__(
        self, interval: float = ALERT_INTERVAL, clock: Callable[[], float] = time.monotonic
    ):
        self._interval = interval
        self._clock = clock
        self._last: float | None = None
        self._skipped = 0

    def claim(self) -> int | None:
        """None if an alert went out too recently; else how many errors it skipped meanwhile."""
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            self._skipped += 1
            return None
        skipped, self._last, self._skipped = self._skipped, now, 0
        return skipped


def _shortened(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def admin_alert(error: BaseException, update: object, skipped: int, token: str) -> str:
    """The alert's text (Telegram HTML), with the token redacted."""
    lang = DEFAULT_LANGUAGE
    redact = RedactSecrets(token).redact
    problem = html.escape(_shortened(redact(f"{type(error).__name__}: {error}")))
    if isinstance(update, Update) and update.effective_chat is not None:
        message = update.effective_message
        what = (message.text if message and message.text else None) or f"update {update.update_id}"
        where = text(
            lang,
            "admin-error-update",
            what=html.escape(_shortened(redact(what))),
            chat=update.effective_chat.id,
        )
    else:
        where = text(lang, "admin-error-background")
    alert = text(lang, "admin-error", error=problem, where=where)
    if skipped:
        alert += "\n" + text(lang, "admin-error-suppressed", count=skipped)
    return alert


class ErrorReporter:
    """PTB's error handler for the whole Application."""

    def __init__(self, admins: frozenset[int], window: AlertWindow | None = None) -> None:
        self._admins = admins
        self._window = window or AlertWindow()

    async def __call__(self, update: object, context: BotContext) -> None:
        error = context.error
        if error is None:
            return
        if update is None and isinstance(error, NetworkError):
            # The polling loop lost the Bot API server for a moment; PTB retries on its own.
            log.warning("Bot API unreachable while polling, retrying: %s", error)
            return
        context_text = update.to_dict() if isinstance(update, Update) else repr(update)
        log.error("unexpected error; update: %s", context_text, exc_info=error)
        if isinstance(update, Update):
            await self._apologise(update, error, context)
        skipped = self._window.claim() if self._admins else None
        if skipped is not None:
            alert = admin_alert(error, update, skipped, context.bot.token)
            for admin in sorted(self._admins):
                await self._send(context, admin, alert)

    async def _apologise(self, update: Update, error: Exception, context: BotContext) -> None:
        chat = update.effective_chat
        if chat is None or update.effective_message is None or isinstance(error, Forbidden):
            return  # nobody asked anything, or the chat refuses the bot's messages
        user = update.effective_user
        lang = language_of(user.language_code if user else None)
        await self._send(context, chat.id, text(lang, "error-apology"), topic_of(update))

    @staticmethod
    async def _send(
        context: BotContext, chat_id: int, message: str, thread_id: int | None = None
    ) -> None:
        """Sends `message` to the chat (into its forum topic `thread_id`, if given)."""
        try:
            await context.bot.send_message(chat_id, message, message_thread_id=thread_id)
        except TelegramError as failure:  # the error handler must not raise in turn
            log.warning("could not tell chat %s about an error: %s", chat_id, failure)


def register(application: BotApplication, admins: frozenset[int]) -> None:
    application.add_error_handler(ErrorReporter(admins))
