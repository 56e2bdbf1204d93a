"""The query commands (/help, /today, /since, /day, /records) and the reply to unknown commands.

Handlers only translate: the chat's language, one call to `Answers` (which parses the argument
and words every error with an example), one reply. While the first backfill fills an empty store,
the answer is "no data yet" instead of figures from a history still being written.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.render import no_data, text
from bot.render.chart_texts import help_text
from bot.services.answers import Answers
from bot.telegram.chat_language import chat_language, known_chat
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES, COMMANDS, addressed_command
from bot.telegram.replies import reply

Question = Callable[[Answers, str], Awaitable[str]]
MAX_SHOWN_COMMAND = 32
"""How much of an unknown command the reply repeats."""


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


def _argument(context: BotContext) -> str:
    return " ".join(context.args or ())


async def _answer(update: Update, context: BotContext, question: Question) -> None:
    lang = await chat_language(update, context)
    if context.bot_data.history_loading:
        answer = no_data(lang)
    else:
        answer = await question(context.services.answers, lang)
    await _message(update).reply_text(answer)


async def help_command(update: Update, context: BotContext) -> None:
    lang = await chat_language(update, context)
    await _message(update).reply_text(help_text(lang))


async def today_command(update: Update, context: BotContext) -> None:
    await _answer(update, context, lambda answers, lang: answers.today(lang))


async def since_command(update: Update, context: BotContext) -> None:
    raw = _argument(context)
    await _answer(update, context, lambda answers, lang: answers.since(raw, lang))


async def day_command(update: Update, context: BotContext) -> None:
    raw = _argument(context)
    await _answer(update, context, lambda answers, lang: answers.day(raw, lang))


async def records_command(update: Update, context: BotContext) -> None:
    await _answer(update, context, lambda answers, lang: answers.records(lang))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Any other command addressed to this bot gets a pointer to /help."""
    message = _message(update)
    command = addressed_command(message, context.bot.username)
    if command is None or command in COMMANDS:
        return  # for another bot, or a known command handled in another group
    shown = f"/{command}"
    if len(shown) > MAX_SHOWN_COMMAND:
        shown = shown[: MAX_SHOWN_COMMAND - 1] + "…"
    chat = await known_chat(update, context)
    answer = text(chat.language, "unknown-command", command=html.escape(shown))
    await reply(update, context, chat, answer)  # in a channel, to its admin privately


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("help", help_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("today", today_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("since", since_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("day", day_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("records", records_command, filters=COMMAND_UPDATES))


async def plain_text(update: Update, context: BotContext) -> None:
    """A message that is not a command, in a private chat: a short pointer to the commands."""
    lang = await chat_language(update, context)
    await _message(update).reply_text(text(lang, "plain-text"))


def register_unknown_command(application: BotApplication) -> None:
    """Register after every command handler: in a group, PTB runs only the first that matches."""
    application.add_handler(MessageHandler(filters.COMMAND & COMMAND_UPDATES, unknown_command))
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private_text & filters.UpdateType.MESSAGE, plain_text))
