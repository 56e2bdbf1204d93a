"""/chart, /week, /month and /digest: a chart of daily figures as a photo, a week's or month's
figures, and the latest weekly or monthly digest on demand.

Handlers only translate: the chat's language, one call to `bot.services.sharing` (which parses the
arguments and words every error with an example), one reply. A chart goes as a photo with its
caption; it is drawn off the event loop (the first time) and cached until the figures change.
While the first backfill fills an empty store, the answer is "no data yet".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from telegram import Message, Update
from telegram.ext import CommandHandler

from bot.domain.chats import Language
from bot.render import no_data
from bot.services.figures import Figures
from bot.services.sharing import chart_answer, latest_digest, month_answer, week_answer
from bot.telegram.chat_language import chat_language
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES

PeriodQuestion = Callable[[Figures, str, str, date], str]


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


async def _loaded(update: Update, context: BotContext) -> tuple[Language, Message, Figures | None]:
    """The chat's language, the command's message and the figures; None (and "no data yet"
    answered) while the first backfill fills an empty store."""
    lang, message = await chat_language(update, context), _message(update)
    if context.bot_data.history_loading:
        await message.reply_text(no_data(lang))
        return lang, message, None
    return lang, message, await context.services.figures.figures()


async def chart_command(update: Update, context: BotContext) -> None:
    lang, message, figures = await _loaded(update, context)
    if figures is None:
        return
    answer = await chart_answer(figures, context.args or (), lang)
    if isinstance(answer, str):
        await message.reply_text(answer)
    else:
        await message.reply_photo(answer.png, caption=answer.caption)


async def _period(update: Update, context: BotContext, question: PeriodQuestion) -> None:
    lang = await chat_language(update, context)
    if context.bot_data.history_loading:
        answer = no_data(lang)
    else:
        figures = await context.services.figures.figures()
        today = context.services.today()
        answer = question(figures, " ".join(context.args or ()), lang, today)
    await _message(update).reply_text(answer)


async def digest_command(update: Update, context: BotContext) -> None:
    """`/digest [week|month]`: the latest digest, its text then its chart, to anyone."""
    lang, message, figures = await _loaded(update, context)
    if figures is None:
        return
    found = await latest_digest(figures, " ".join(context.args or ()), lang)
    if isinstance(found, str):
        await message.reply_text(found)
        return
    await message.reply_text(found.text)
    if found.picture is not None:
        await message.reply_photo(found.picture.png, caption=found.picture.caption)


async def week_command(update: Update, context: BotContext) -> None:
    await _period(update, context, week_answer)


async def month_command(update: Update, context: BotContext) -> None:
    await _period(update, context, month_answer)


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("chart", chart_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("week", week_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("month", month_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("digest", digest_command, filters=COMMAND_UPDATES))
