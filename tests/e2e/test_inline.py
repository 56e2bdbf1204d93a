"""Inline mode end to end: `@botname today` typed in any chat answers with one article.

The article's message is the command's own text (`Answers`), in the language of the user's
Telegram client; anything the bot cannot answer yet gets a hint with examples.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.support.fixtures_app import RunningBot


async def ask_inline(api: FakeBotApi, query: str, language_code: str = "en") -> SentCall:
    """Type `@botname query` as a new user; the bot's answerInlineQuery."""
    query_id = api.inline_query(api.new_user(language_code=language_code), query)
    return await api.wait_for(
        lambda call: (
            call.method == "answerInlineQuery" and call.params.get("inline_query_id") == query_id
        ),
        include_failed=True,
    )


def only_article(answer: SentCall) -> dict[str, Any]:
    assert answer.ok
    (article,) = answer.params["results"]
    assert article["type"] == "article"
    result: dict[str, Any] = article
    return result


def message_of(article: dict[str, Any]) -> str:
    content = article["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["link_preview_options"] == {"is_disabled": True}
    message: str = content["message_text"]
    return message


@pytest.mark.parametrize(("lang", "query"), [("en", "today"), ("uk", "сьогодні")])
async def test_today_answers_with_the_latest_report(
    running_bot: RunningBot, lang: str, query: str
) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, query, lang))

    assert message_of(article) == await running_bot.services.answers.today(lang)
    assert article["title"] == ("The latest report" if lang == "en" else "Останнє зведення")
    assert article["description"] == (
        "Russian losses · 8 August 2026" if lang == "en" else "Втрати ворога · 8 серпня 2026"
    )


async def test_since_answers_the_change_of_each_total_from_a_date(running_bot: RunningBot) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, "since 2024-10-20"))

    assert message_of(article) == await running_bot.services.answers.since("2024-10-20", "en")
    assert article["title"] == "Change since 20 October 2024"


async def test_since_in_ukrainian_takes_a_date_written_day_first(running_bot: RunningBot) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, "з 20.10.2024", "uk"))

    assert message_of(article) == await running_bot.services.answers.since("20.10.2024", "uk")
    assert article["title"] == "Зміни з 20 жовтня 2024"


async def test_day_answers_one_report(running_bot: RunningBot) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, "day 2023-11-12"))

    assert message_of(article) == await running_bot.services.answers.day("2023-11-12", "en")


async def test_records_answers_each_categorys_record(running_bot: RunningBot) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, "records"))

    assert message_of(article) == await running_bot.services.answers.records("en")


async def test_answers_are_personal_and_cached_briefly(running_bot: RunningBot) -> None:
    answer = await ask_inline(running_bot.bot_api, "today")

    assert answer.params["is_personal"] is True
    assert answer.params["cache_time"] == 60


async def test_a_date_before_the_first_report_says_so_in_the_description(
    running_bot: RunningBot,
) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, "since 2022-01-01"))

    assert article["description"].startswith("Reports start on 25 February 2022")


@pytest.mark.parametrize("query", ["", "weather", "since", "since 2024-1", "day 30.02.2024"])
async def test_an_empty_unknown_or_unfinished_query_gets_a_hint(
    running_bot: RunningBot, query: str
) -> None:
    article = only_article(await ask_inline(running_bot.bot_api, query))

    assert article["title"] == "Type what to show"
    assert "<code>@LossesTestBot since 2024-10-20</code>" in message_of(article)
