"""Every input answered without a traceback: dates beyond the calendar get the ordinary reply,
forged or broken button presses are answered, admin commands work as /cmd@botname, and /start
resumes only a subscription that blocking the bot had ended (see `test_chats.py`)."""

from __future__ import annotations

import logging

import pytest

from bot.render import text
from tests.e2e.test_chats import command, is_unsubscribed, stored, text_of
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeUser
from tests.support.fixtures_app import RunningBot


@pytest.fixture
def admin(bot_api: FakeBotApi) -> FakeUser:
    return bot_api.new_user("Admin", language_code="en")


@pytest.fixture
def bot_settings_overrides(admin: FakeUser) -> dict[str, str]:
    return {"BOT_ADMINS": str(admin.id)}


def apologies(api: FakeBotApi) -> list[str]:
    sorry = {text(lang, "error-apology") for lang in ("en", "uk")}
    return [call.text or "" for call in api.sent if call.text in sorry]


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("/month 0000-01", "Reports start on 25 February 2022"),
        ("/month 01.0000", "Reports start on 25 February 2022"),
        ("/chart 0000-01", "Reports start on 25 February 2022"),
        ("/week 9999-12-31", "There is no report of 27 December 9999 yet"),
        ("/day 2022-02-23", "Reports start on 25 February 2022"),
    ],
)
async def test_a_date_beyond_the_supported_range_gets_the_ordinary_reply(
    running_bot: RunningBot, caplog: pytest.LogCaptureFixture, typed: str, reply: str
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))

    with caplog.at_level(logging.ERROR):
        answer = await command(api, chat, None, typed)

    assert reply in text_of(answer)
    assert apologies(api) == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("data", "on_message"),
    [(None, True), ("", True), ("garbage", True), ("1:sub:on", False)],
    ids=["no-data", "empty-data", "garbled-data", "valid-data-without-a-message"],
)
async def test_a_forged_or_broken_button_press_is_answered(
    running_bot: RunningBot, caplog: pytest.LogCaptureFixture, data: str | None, on_message: bool
) -> None:
    api = running_bot.bot_api
    user = api.new_user(language_code="en")
    chat = api.private_chat(user)
    welcome = await command(api, chat, None, "/start")

    with caplog.at_level(logging.WARNING):
        query_id = api.forge_press(user, data, welcome if on_message else None)
        answer = await api.wait_for(
            lambda call: call.params.get("callback_query_id") == query_id, include_failed=True
        )

    assert answer.method == "answerCallbackQuery"
    assert answer.error is None
    assert apologies(api) == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("typed", "title"),
    [("/stats", "📊 <b>Bot status</b>"), ("/poll", "🔄 <b>Polled the figures API</b>")],
)
async def test_admin_commands_addressed_to_the_bot_by_name_are_answered(
    running_bot: RunningBot, admin: FakeUser, typed: str, title: str
) -> None:
    api = running_bot.bot_api
    group = api.supergroup()
    api.set_member(group, admin, "administrator")

    reply = await command(api, group, admin, typed, addressed=True)

    assert text_of(reply).startswith(title)


async def test_start_does_not_subscribe_a_user_who_had_unsubscribed_before_blocking(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    user = api.new_user()
    chat = api.private_chat(user)
    await command(api, chat, None, "/subscribe")
    await command(api, chat, None, "/unsubscribe")
    api.block_bot(user)
    api.unblock_bot(user)

    await command(api, chat, None, "/start")

    assert await stored(running_bot, chat, is_unsubscribed)
