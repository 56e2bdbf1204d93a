"""The admins (BOT_ADMINS) told, in their own language, of a late report and of its arrival, of a
source failing all morning, and of each reading refused or held and each disagreement between the
sources (once: a poll returns only what no earlier poll recorded)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, tzinfo

from telegram import Bot
from telegram.error import TelegramError

from bot.render import DEFAULT_LANGUAGE, text
from bot.render.formatting import long_date
from bot.render.refusals import refusal_notice
from bot.render.sources import disagreement_notice, failing_notice, held_notice
from bot.services.chats import ChatService
from bot.services.poll import PollResult
from bot.services.source_health import FailingAllMorning
from bot.services.staleness import Notice, Recovered, Stale

log = logging.getLogger(__name__)


class AdminNotifier:
    """Tells every admin through the Application's bot."""

    def __init__(
        self, bot: Bot, chats: ChatService, admins: Iterable[int], timezone: tzinfo
    ) -> None:
        self._bot = bot
        self._chats = chats
        self._admins = sorted(admins)
        self._timezone = timezone

    async def __call__(self, notice: Notice | FailingAllMorning) -> None:
        """The staleness warning or the recovery, or a source failing all morning."""
        level = logging.INFO if isinstance(notice, Recovered) else logging.WARNING
        log.log(level, "admins: %s", notice)
        for admin in self._admins:
            lang = await self._language(admin)
            await self._send(admin, [self._notice_text(notice, lang)])

    async def poll_news(self, result: PollResult) -> None:
        """What a poll found for the first time: refusals, held readings, disagreements."""
        if not (result.refused or result.held or result.disagreements):
            return
        for found in result.disagreements:
            log.warning("admins: the sources disagree: %s", found)
        for admin in self._admins:
            lang = await self._language(admin)
            texts = [refusal_notice(reading, lang) for reading in result.refused]
            texts += [held_notice(reading, lang) for reading in result.held]
            texts += [disagreement_notice(found, lang) for found in result.disagreements]
            await self._send(admin, texts)

    def _notice_text(self, notice: Notice | FailingAllMorning, lang: str) -> str:
        if isinstance(notice, FailingAllMorning):
            return failing_notice(
                notice.source, notice.reason, notice.last_success, lang, self._timezone
            )
        return notice_text(notice, lang)

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
