"""The buttons under the posts the outbox sends, and what pressing them does, weeks later too.

Under a daily post: 📈 the chart of that day (its picture card) and ↗️ share, which opens inline
mode with `day YYYY-MM-DD` so that the same report can be posted into any chat. Under a record
alert: the records table as it stands now. Everything a press needs is in its callback data (the
report's date) and the store, never in memory, so a post sent a week ago, before a restart, still
answers.

In a private chat the answer comes right there. In a group or channel it would reach everyone, so
the press opens the private chat with the bot instead (`t.me/<bot>?start=chart-YYYY-MM-DD`, the
one kind of link Telegram lets a button's answer open), where `/start` with that payload answers.
"""

from __future__ import annotations

import re
from datetime import date

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.domain.deliveries import DeliveryKind
from bot.render import records_answer, text
from bot.services.compose import Button, Buttons
from bot.services.sharing import card_answer
from bot.telegram.callback_data import (
    DayChart,
    PostButton,
    RecordsTable,
    button_pattern,
    decode,
    encode,
)
from bot.telegram.chat_language import chat_language
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES

CHART_LINK = re.compile(r"chart-([0-9]{4}-[0-9]{2}-[0-9]{2})")
RECORDS_LINK = "records"


def post_buttons(kind: DeliveryKind, day: date, lang: str) -> Buttons:
    """The buttons under a delivery (the composer's `ButtonsOf`)."""
    match kind:
        case DeliveryKind.DAILY:
            chart = Button(text(lang, "post-button-chart"), encode(DayChart(day)))
            share = Button(
                text(lang, "post-button-share"), switch_inline_query=f"day {day.isoformat()}"
            )
            return ((chart, share),)
        case DeliveryKind.RECORD:
            return ((Button(text(lang, "post-button-records"), encode(RecordsTable())),),)
    return ()


def _query(update: Update) -> CallbackQuery:
    if update.callback_query is None:
        raise ValueError(f"update {update.update_id} carries no callback query")
    return update.callback_query


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


async def on_post_button(update: Update, context: BotContext) -> None:
    """📈 or the records: answered here in a private chat, else in the private chat."""
    query = _query(update)
    pressed = decode(query.data)
    if not isinstance(pressed, DayChart | RecordsTable):  # the handler's pattern checked it
        raise ValueError(f"callback data {query.data!r} is not a post's button")
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        payload = RECORDS_LINK if isinstance(pressed, RecordsTable) else f"chart-{pressed.day}"
        await query.answer(url=f"https://t.me/{context.bot.username}?start={payload}")
        return
    await query.answer()
    await _answer(update, context, pressed)


async def start_with_link(update: Update, context: BotContext) -> None:
    """`/start chart-2024-12-20` or `/start records`: what a post's button asked for."""
    payload = (context.args or [""])[0]
    if match := CHART_LINK.fullmatch(payload):
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            day = date.min
        await _answer(update, context, DayChart(day))
    else:
        await _answer(update, context, RecordsTable())


async def _answer(update: Update, context: BotContext, pressed: PostButton) -> None:
    lang = await chat_language(update, context)
    figures = await context.services.figures.figures()
    chat_id = _message(update).chat_id
    match pressed:
        case RecordsTable():
            await context.bot.send_message(chat_id, records_answer(figures.records, lang))
        case DayChart(day=day):
            today = context.services.today()
            found = await card_answer(figures, day.isoformat(), lang, today)
            if isinstance(found, str):
                await context.bot.send_message(chat_id, found)
            else:
                await context.bot.send_photo(chat_id, found.png, caption=found.caption)


def register(application: BotApplication) -> None:
    """The buttons' handler, and `/start` with a payload (before the plain /start)."""
    application.add_handler(
        CallbackQueryHandler(on_post_button, pattern=button_pattern(PostButton))
    )
    links = filters.Regex(rf"^/start(@\w+)? ({CHART_LINK.pattern}|{RECORDS_LINK})$")
    application.add_handler(
        CommandHandler("start", start_with_link, filters=COMMAND_UPDATES & links)
    )
