"""Every button press is answered, even one that no button handler can take.

PTB hands a callback query without data (or with empty data) to every CallbackQueryHandler, and
the bot's buttons all act on the message they sit under and its chat. So before the button
handlers, in the throttle's group (which takes only commands), a press without data, or without
a message the bot can see (a button under an inline message, or a message too old to reach), is
answered "this button has expired" and goes no further; it is logged as a warning, never raised.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.render import text
from bot.services.chats import language_of
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.throttle import THROTTLE_GROUP

log = logging.getLogger(__name__)


def unusable(update: Update) -> bool:
    """A press that no button of this bot can act on."""
    query = update.callback_query
    if query is None or query.game_short_name:
        return False
    return not query.data or not isinstance(query.message, Message)


async def answer_unusable_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None or not unusable(update):
        return
    log.warning(
        "button press without %s answered as expired (update %s)",
        "data" if not query.data else "a message",
        update.update_id,
    )
    await query.answer(text(language_of(query.from_user.language_code), "chats-button-expired"))
    raise ApplicationHandlerStop


def register(application: BotApplication) -> None:
    """After the throttle's command handler, in its group: before every button handler."""
    application.add_handler(TypeHandler(Update, answer_unusable_button), group=THROTTLE_GROUP)
