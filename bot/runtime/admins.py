"""The admins (BOT_ADMINS) told, in their own language, of a late report and of its arrival, and of
each reading the gate refused (once: a poll returns only refusals no earlier poll recorded)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date

from telegram import Bot
from telegram.error import TelegramError

from bot.domain.readings import Reading
from bot.render import DEFAULT_LANGUAGE, text
from bot.render.formatting import long_date
from bot.render.refusals import refusal_notice
from bot.services.chats import ChatService
from bot.services.staleness import Notice, Recovered, Stale

log = logging.getLogger(__name__)


class AdminNotifier:
    """Tells every admin through the Application's bot."""

    def __init__(self, bot: Bot, chats: ChatService, admins: Iterable[int]) -> None:
        self._bot = bot
        self._chats = chats
        self._admins = sorted(admins)

    async def __call__(self, notice: Notice) -> None:
        """The staleness warning, or the recovery."""
        level = logging.WARNING if isinstance(notice, Stale) else logging.INFO
        log.log(level, "admins: %s", notice)
        for admin in self._admins:
            await self._send(admin, [notice_text(notice, await self._language(admin))])

    async def refusals(self, refused: Sequence[Reading]) -> None:
        """One notice per reading the gate refused."""
        for admin in self._admins if refused else ():
            lang = await self._language(admin)
            await self._send(admin, [refusal_notice(reading, lang) for reading in refused])

    async def _language(self, admin: int) -> str:
        chat = await self._chats.get(admin)
        return chat.language if chat is not None else DEFAULT_LANGUAGE

    async def _send(self, admin: int, texts: Sequence[str]) -> None:
        for message in texts:
            try:
                await self._bot.send_message(admin, message)
            except TelegramError as error:  # one admin who never started the bot stops no one
                log.warning("could not tell admin %s: %s", admin, error)


def notice_text(notice: Notice, lang: str) -> str:
    """The staleness warning, or the recovery, for the admins (Telegram HTML)."""
    match notice:
        case Stale(day, latest):
            return text(lang, "admin-stale", date=long_date(day, lang), latest=_day(latest, lang))
        case Recovered(latest, before):
            return text(
                lang, "admin-recovered", date=long_date(latest, lang), before=_day(before, lang)
            )


def _day(day: date | None, lang: str) -> str:
    return long_date(day, lang) if day else text(lang, "admin-no-report")
