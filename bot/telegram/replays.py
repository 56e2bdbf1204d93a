"""An update seen before is not handled twice (`bot.services.updates` says which were seen).

The check runs before every handler (and before updates are counted): an update whose id was
seen before stops there, with a warning in the log. Telegram's ids are positive; an update the
bot hands itself back (the throttle's held command) has a negative id and is not checked.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.services.updates import SeenUpdates
from bot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

REPLAY_GROUP = -3
"""Before everything else, the counting of updates (-2) included."""


def register(application: BotApplication, seen: SeenUpdates) -> None:
    async def drop_replays(update: Update, _: BotContext) -> None:
        if update.update_id > 0 and not await seen.first_time(update.update_id):
            log.warning("update %s seen before: not handled again", update.update_id)
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, drop_replays), group=REPLAY_GROUP)
