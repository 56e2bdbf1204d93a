"""The query commands end to end: the real Application, the fake Bot API, the real history.

A reply is what the fake Bot API received; each must be the same text the command line shows
(`Answers`), in the chat's language, in HTML, without link previews.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot.render import no_data
from bot.telegram.menu import COMMANDS
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_app import RunningBot, bot_settings_for, started_bot

EXAMPLE_SINCE = "<code>/since 2024-10-20</code> or <code>/since 20.10.2024</code>"
EXAMPLE_DAY = "<code>/day 2024-10-20</code> або <code>/day 20.10.2024</code>"


async def ask(
    api: FakeBotApi, chat: FakeChat, command: str, user: FakeUser | None = None
) -> SentCall:
    """Send `command` to the bot and return its reply to that chat."""
    seen = len(api.sent_to(chat))
    api.send_command(chat, user, command, addressed=chat.type != "private")
    await api.wait_until(lambda: len(api.sent_to(chat)) > seen)
    return api.sent_to(chat)[seen]


class GatedFiguresApi(FakeFiguresApi):
    """The fake figures API holding every history page until `gate` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def _history(self, request: web.Request) -> web.Response:
        await self.gate.wait()
        return await super()._history(request)


def private(api: FakeBotApi, language_code: str) -> FakeChat:
    return api.private_chat(api.new_user(language_code=language_code))


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_today_answers_with_the_latest_report_in_the_users_language(
    running_bot: RunningBot, lang: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, lang), "/today")

    assert reply.text == await running_bot.services.answers.today(lang)
    assert ("8 серпня 2026" if lang == "uk" else "8 August 2026") in (reply.text or "")


async def test_reply_is_html_without_a_link_preview(running_bot: RunningBot) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), "/today")

    assert reply.parse_mode == "HTML"
    assert reply.link_preview_options == {"is_disabled": True}


async def test_the_chats_language_switch_applies_to_the_next_reply(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = private(api, "uk")
    await ask(api, chat, "/today")

    await running_bot.chats.set_language(chat.id, "en")
    reply = await ask(api, chat, "/today")

    assert reply.text == await running_bot.services.answers.today("en")


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_since_answers_the_change_of_each_total_from_a_date(
    running_bot: RunningBot, lang: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, lang), "/since 2024-10-20")

    assert reply.text == await running_bot.services.answers.since("2024-10-20", lang)
    assert ("+778\u00a0090" if lang == "uk" else "+778,090") in (reply.text or "")


async def test_since_takes_a_date_written_day_first(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = private(api, "en")

    dotted = await ask(api, chat, "/since 20.10.2024")
    iso = await ask(api, chat, "/since 2024-10-20")

    assert dotted.text == iso.text


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_day_answers_one_report_with_its_published_changes(
    running_bot: RunningBot, lang: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, lang), "/day 12.11.2023")

    assert reply.text == await running_bot.services.answers.day("2023-11-12", lang)
    assert ("627-й день війни" if lang == "uk" else "Day 627 of the war") in (reply.text or "")


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_records_answers_each_categorys_one_day_record(
    running_bot: RunningBot, lang: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, lang), "/records")

    assert reply.text == await running_bot.services.answers.records(lang)
    assert ("20 грудня 2024" if lang == "uk" else "20 December 2024") in (reply.text or "")


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_help_lists_the_other_commands(running_bot: RunningBot, lang: str) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, lang), "/help")

    listed = [name for name in COMMANDS if f"/{name} " in (reply.text or "")]
    assert listed == [name for name in COMMANDS if name not in ("start", "help")]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/since", "Add a date"),
        ("/since someday", "“someday” is not a date"),
        ("/since 30.02.2024", "There is no such day as “30.02.2024”"),
        ("/since 2022-02-01", "Reports start on 25 February 2022"),
        ("/since 2030-01-01", "There is no report of 1 January 2030 yet"),
        ("/since " + "9" * 5000, "is not a date"),
    ],
    ids=["none", "not-a-date", "30-february", "before-first", "future", "5000-characters"],
)
async def test_bad_date_gets_a_short_reply_with_an_example(
    running_bot: RunningBot, command: str, expected: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), command)

    assert expected in (reply.text or "")
    assert len(reply.text or "") < 300
    assert (
        EXAMPLE_SINCE in (reply.text or "")
        or "<code>/since 2022-02-25</code>" in (reply.text or "")
        or "<code>/since 2026-08-08</code>" in (reply.text or "")
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/day", "Вкажіть дату"),
        ("/day колись", "«колись» — не дата"),
        ("/day 30.02.2024", "Дня «30.02.2024» немає в календарі"),
    ],
    ids=["none", "not-a-date", "30-february"],
)
async def test_bad_date_is_explained_in_ukrainian_too(
    running_bot: RunningBot, command: str, expected: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "uk"), command)

    assert expected in (reply.text or "")
    assert EXAMPLE_DAY in (reply.text or "")


async def test_unknown_command_points_to_help(running_bot: RunningBot) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), "/weather")

    assert reply.text == "I don't know /weather. The commands are in /help."


async def test_command_addressed_to_the_bot_in_a_group_is_answered_there(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, user = api.supergroup(), api.new_user(language_code="en")

    reply = await ask(api, group, "/today", user)

    assert reply.text == await running_bot.services.answers.today("en")
    assert reply.message is not None
    assert reply.message["reply_to_message"]["from"]["id"] == user.id


async def test_command_addressed_to_another_bot_is_ignored(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, user = api.supergroup(), api.new_user(language_code="en")
    api.send_command(group, user, "/today@OtherBot")
    api.send_command(group, user, "/weather@OtherBot")

    reply = await ask(api, group, "/help", user)

    assert [call.text for call in api.sent_to(group)] == [reply.text]


async def test_command_posted_in_a_channel_is_answered_in_the_channel(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    channel = api.channel()

    reply = await ask(api, channel, "/records")

    assert reply.text == await running_bot.services.answers.records("en")


async def test_command_menu_is_set_by_default_and_per_language(running_bot: RunningBot) -> None:
    api = running_bot.bot_api

    menus = {lang: api.commands(language_code=lang) for lang in ("", "uk", "en")}

    assert [line.split(" - ")[0] for line in menus[""]] == list(COMMANDS)
    assert menus[""] == menus["en"]
    assert "today - Останнє зведення" in menus["uk"]
    assert "today - The latest report" in menus["en"]


async def test_the_bot_introduces_itself_by_default_and_per_language(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api

    assert api.description("uk").startswith("Щоранку Генштаб ЗСУ публікує втрати")
    assert api.description("en").startswith("Every morning the General Staff of Ukraine")
    assert api.description("") == api.description("en")
    assert api.description("uk", short=True).startswith("Щоденне зведення Генштабу ЗСУ")
    assert 0 < len(api.description("en", short=True)) <= 120


async def test_commands_say_no_data_yet_while_the_first_backfill_runs(
    bot_api: FakeBotApi, empty_database_url: str
) -> None:
    figures_api = GatedFiguresApi()
    async with figures_api:
        settings = bot_settings_for(bot_api, figures_api, empty_database_url)
        async with started_bot(settings, bot_api, figures_api, wait_for_history=False) as bot:
            reply = await ask(bot_api, private(bot_api, "en"), "/today")
            still_loading = bot.history_loading
            figures_api.gate.set()

    assert still_loading
    assert reply.text == no_data("en")


async def test_first_backfill_fills_an_empty_store_then_commands_answer_from_it(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, empty_database_url: str
) -> None:
    settings = bot_settings_for(bot_api, figures_api, empty_database_url)
    async with started_bot(settings, bot_api, figures_api) as bot:
        reply = await ask(bot_api, private(bot_api, "en"), "/today")

        assert reply.text == await bot.services.answers.today("en")
    assert "8 August 2026" in (reply.text or "")
