"""Inline mode: `@botname today`, `@botname since 2024-10-20` typed in any chat.

The query names a question in English or Ukrainian (`today`/`сьогодні`, `since`/`з`/`від`,
`day`/`день`, `records`/`рекорди`); the answer is one article whose message is the same text as
the command's (`Answers`), in the language of the user's Telegram client (inline queries come
from no chat). A query that is empty, unknown or still being typed (a date not finished) gets a
short hint instead. Answers are personal (they depend on the language) and cached for a minute.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from telegram import (
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import InlineQueryHandler

from bot.domain.dates import parse_date
from bot.domain.errors import QueryError
from bot.domain.inputs import NO_WORDS, Vocabulary
from bot.render import no_data, text
from bot.render.formatting import long_date
from bot.render.vocabulary import vocabulary
from bot.services.answers import Answers
from bot.services.chats import language_of
from bot.telegram.context import BotApplication, BotContext

CACHE_SECONDS = 60
"""How long Telegram may show the same answers again without asking (the figures change daily)."""
MAX_DESCRIPTION = 120

_TAG = re.compile(r"<[^>]*>")


class Question(StrEnum):
    TODAY = "today"
    SINCE = "since"
    DAY = "day"
    RECORDS = "records"


_WORDS = {
    "today": Question.TODAY,
    "сьогодні": Question.TODAY,
    "since": Question.SINCE,
    "з": Question.SINCE,
    "від": Question.SINCE,
    "day": Question.DAY,
    "день": Question.DAY,
    "records": Question.RECORDS,
    "рекорди": Question.RECORDS,
}
_DATED = frozenset({Question.SINCE, Question.DAY})


@dataclass(frozen=True, slots=True)
class InlineQuestion:
    question: Question
    day: date | None = None
    raw_date: str = ""


def parse_inline(
    raw: str, words: Vocabulary = NO_WORDS, today: date | None = None
) -> InlineQuestion | None:
    """The question typed after the bot's name, or None (empty, unknown, or a date unfinished)."""
    word, _, rest = raw.strip().partition(" ")
    question = _WORDS.get(word.casefold().lstrip("/"))
    if question is None:
        return None
    if question not in _DATED:
        return InlineQuestion(question)
    try:
        return InlineQuestion(question, parse_date(rest, words, today), rest.strip())
    except QueryError:
        return None


async def _answer(asked: InlineQuestion, answers: Answers, lang: str) -> str:
    match asked.question:
        case Question.TODAY:
            return await answers.today(lang)
        case Question.SINCE:
            return await answers.since(asked.raw_date, lang)
        case Question.DAY:
            return await answers.day(asked.raw_date, lang)
        case Question.RECORDS:
            return await answers.records(lang)


def _title(asked: InlineQuestion, lang: str) -> str:
    if asked.day is None:
        return text(lang, f"inline-{asked.question}-title")
    return text(lang, f"inline-{asked.question}-title", date=long_date(asked.day, lang))


def _first_line(answer: str) -> str:
    line = html.unescape(_TAG.sub("", answer)).strip().split("\n", 1)[0]
    return line if len(line) <= MAX_DESCRIPTION else line[: MAX_DESCRIPTION - 1] + "…"


def _article(
    result_id: str, title: str, message: str, description: str
) -> InlineQueryResultArticle:
    content = InputTextMessageContent(
        message,
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    return InlineQueryResultArticle(result_id, title, content, description=description)


def hint(lang: str, bot_username: str) -> InlineQueryResultArticle:
    """What to type, as a result; chosen, it posts the same hint with examples."""
    message = text(lang, "inline-hint-text", bot=html.escape(bot_username))
    return _article(
        "hint", text(lang, "inline-hint-title"), message, text(lang, "inline-hint-description")
    )


async def _result(query: InlineQuery, context: BotContext, lang: str) -> InlineQueryResultArticle:
    asked = parse_inline(query.query, vocabulary(), context.services.today())
    if asked is None:
        return hint(lang, context.bot.username)
    if context.bot_data.history_loading:
        answer = no_data(lang)
    else:
        answer = await _answer(asked, context.services.answers, lang)
    result_id = asked.question if asked.day is None else f"{asked.question}:{asked.day}"
    return _article(result_id, _title(asked, lang), answer, _first_line(answer))


async def on_inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        raise ValueError(f"update {update.update_id} carries no inline query")
    lang = language_of(query.from_user.language_code)
    result = await _result(query, context, lang)
    await query.answer([result], cache_time=CACHE_SECONDS, is_personal=True)


def register(application: BotApplication) -> None:
    application.add_handler(InlineQueryHandler(on_inline_query))
