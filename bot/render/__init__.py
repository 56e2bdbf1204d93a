"""Texts the bot sends, in Ukrainian and English: Telegram HTML from domain objects.

Every user-facing string lives in the Fluent catalogs under `locales/`; these functions are pure
(domain objects and a language code in, text out) and escape everything that comes from data.
"""

from bot.domain.chats import DEFAULT_LANGUAGE
from bot.render.alerts import milestone_alert, record_alert
from bot.render.answers import records_answer, since_answer
from bot.render.errors import no_data, query_error
from bot.render.i18n import languages, text
from bot.render.posts import daily_post

__all__ = [
    "DEFAULT_LANGUAGE",
    "daily_post",
    "languages",
    "milestone_alert",
    "no_data",
    "query_error",
    "record_alert",
    "records_answer",
    "since_answer",
    "text",
]
