"""Where the bot's answers to a chat's admins go: into the chat, or, for a channel, privately;
and how an answer about "here" is worded in a forum topic.

An answer to a message in a forum topic goes into that topic (python-telegram-bot's `reply_text`
keeps the message's thread), and one that speaks of "this chat" says "this topic" there instead
(`worded`): each topic has its own subscription and settings.

A channel's readers should never see the bot talk to the channel's admins (settings, "subscribed",
"unknown command"): such an answer goes to the private chat of the admin who let the bot post in
the channel (`Chat.added_by`). The bot can write to a user only once they have started it; when it
cannot (the user never did, or blocked it, or nobody is known), the answer is logged and dropped,
and nothing is posted in the channel.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError

from bot.domain.chats import Chat, ChatKind
from bot.render import text as catalog_text
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)


def key_for(chat: Chat, key: str) -> str:
    """The catalogs' `key` for an answer about `chat`; for a forum topic, its topic variant, which
    speaks of "this topic" (`chats-subscribed` → `chats-topic-subscribed`)."""
    if not chat.is_topic:
        return key
    area, _, rest = key.partition("-")
    return f"{area}-topic-{rest}"


def worded(chat: Chat, key: str, **args: object) -> str:
    """`key_for(chat, key)` in the chat's language."""
    return catalog_text(chat.language, key_for(chat, key), **args)


async def reply(
    update: Update,
    context: BotContext,
    chat: Chat,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Answers `update` in `chat`, or in a channel privately to whoever added the bot."""
    if chat.kind is ChatKind.CHANNEL:
        await tell_channel_admin(context, chat, text, reply_markup)
        return
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    await message.reply_text(text, reply_markup=reply_markup)


async def tell_channel_admin(
    context: BotContext, chat: Chat, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> bool:
    """Sends `text` to the private chat of the admin who added the bot to `chat`; whether it
    reached them."""
    if chat.added_by is None:
        log.info("channel %s: nobody known to tell privately; nothing sent", chat.chat_id)
        return False
    try:
        await context.bot.send_message(chat.added_by, text, reply_markup=reply_markup)
    except Forbidden as refused:  # never started the bot, or blocked it
        log.info(
            "channel %s: its admin %s cannot be told (%s)", chat.chat_id, chat.added_by, refused
        )
        return False
    except TelegramError as error:
        log.warning("channel %s: telling its admin failed: %s", chat.chat_id, error)
        return False
    return True
