"""The chat an update comes from, as the store knows it, and the language to answer it in.

Every handler starts here: the chat is added on first contact, with the language of the user's
Telegram client (Ukrainian for `uk`, English otherwise), and later keeps the language it chose.
`known_chat` reads the chat from the store (its subscription as it is now); `chat_language`,
all a query needs, comes from memory once the chat is known.

In a forum supergroup an update from a topic stands for that topic's own subscription (its
settings, its language); one from the General topic (a message without a thread) for the
group's.
"""

from __future__ import annotations

from telegram import Chat as TelegramChat
from telegram import Update

from bot.domain.chats import Chat, ChatKind, Language
from bot.telegram.context import BotContext


def _chat_of(update: Update) -> TelegramChat:
    chat = update.effective_chat
    if chat is None:
        raise ValueError(f"update {update.update_id} has no chat")
    return chat


def topic_of(update: Update) -> int | None:
    """The forum topic an update comes from (its `message_thread_id`); None outside a forum
    topic: in the General topic, outside forums, and in a reply thread of an ordinary group
    (whose `message_thread_id` names no topic; `is_topic_message` tells them apart)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or not chat.is_forum or not message.is_topic_message:
        return None
    return message.message_thread_id


def _client_language(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user else None


async def known_chat(update: Update, context: BotContext) -> Chat:
    """The update's chat (or forum topic) as stored, added (unsubscribed) if the bot meets it
    for the first time."""
    chat = _chat_of(update)
    return await context.chats.ensure(
        chat.id, ChatKind(chat.type), chat.title, _client_language(update), topic_of(update)
    )


async def chat_language(update: Update, context: BotContext) -> Language:
    """The language to answer the update's chat (or forum topic) in."""
    chat = _chat_of(update)
    return await context.chats.language(
        chat.id, ChatKind(chat.type), chat.title, _client_language(update), topic_of(update)
    )
