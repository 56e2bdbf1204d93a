"""The chat an update comes from, as the store knows it, and the language to answer it in.

Every handler starts here: the chat is added on first contact, with the language of the user's
Telegram client (Ukrainian for `uk`, English otherwise), and later keeps the language it chose.
`known_chat` reads the chat from the store (its subscription as it is now); `chat_language`,
all a query needs, comes from memory once the chat is known.
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


def _client_language(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user else None


async def known_chat(update: Update, context: BotContext) -> Chat:
    """The update's chat as stored, added (unsubscribed) if the bot meets it for the first time."""
    chat = _chat_of(update)
    return await context.chats.ensure(
        chat.id, ChatKind(chat.type), chat.title, _client_language(update)
    )


async def chat_language(update: Update, context: BotContext) -> Language:
    """The language to answer the update's chat in."""
    chat = _chat_of(update)
    return await context.chats.language(
        chat.id, ChatKind(chat.type), chat.title, _client_language(update)
    )
