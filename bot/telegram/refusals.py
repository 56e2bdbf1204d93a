"""The admins are told of each reading the gate refused, once, in their chat's language.

The poll records every refusal as an observation and returns only those no earlier poll had
recorded, so a report refused again by every poll is told once. A poll that another caller joined
(`PollResult.joined`) was told of by that caller.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram.error import TelegramError

from bot.domain.chats import Language
from bot.domain.readings import Reading
from bot.render import DEFAULT_LANGUAGE
from bot.render.refusals import refusal_notice
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)


async def tell_admins_of_refusals(context: BotContext, refused: Sequence[Reading]) -> None:
    """Sends each admin one notice per refused reading."""
    for admin in sorted(context.services.settings.bot_admins) if refused else ():
        chat = await context.chats.get(admin)
        lang = chat.language if chat is not None else Language(DEFAULT_LANGUAGE)
        for reading in refused:
            try:
                await context.bot.send_message(admin, refusal_notice(reading, lang))
            except TelegramError as error:  # one admin who never started the bot stops no one
                log.warning("could not tell admin %s of a refusal: %s", admin, error)
