"""Errors and floods end to end: an apology, one alert to the admins, one polite "slow down"."""

from __future__ import annotations

import logging

import pytest

from bot.render import text
from bot.render.chart_texts import help_text
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.support.fixtures_app import RunningBot

FIRST_USER_ID = 100_000_001
"""The fake Bot API numbers users from here: the first user a test makes is the admin."""


@pytest.fixture
def bot_settings_overrides() -> dict[str, str]:
    # A burst of 3 that refills only after 1,000 s: the test's timing cannot change the count.
    return {"BOT_ADMINS": str(FIRST_USER_ID), "THROTTLE_BURST": "3", "THROTTLE_RATE": "0.001"}


def new_admin(api: FakeBotApi) -> FakeChat:
    admin = api.new_user("Admin", language_code="en")
    assert admin.id == FIRST_USER_ID
    return api.private_chat(admin)


def english_chat(api: FakeBotApi) -> tuple[FakeChat, FakeUser]:
    user = api.new_user(language_code="en")
    return api.private_chat(user), user


async def failing_answer(lang: str) -> str:
    raise RuntimeError("the figures are broken")


async def test_an_error_in_a_handler_gets_the_user_a_short_apology(
    running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = running_bot.bot_api
    new_admin(api)
    chat, _ = english_chat(api)
    monkeypatch.setattr(running_bot.services.answers, "today", failing_answer)

    api.send_command(chat, None, "/today")
    reply = await api.wait_for(lambda call: call.chat_id == chat.id)

    assert reply.text == text("en", "error-apology")


async def test_errors_reach_the_admins_once_a_minute_at_most(
    running_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = running_bot.bot_api
    admin = new_admin(api)
    chat, _ = english_chat(api)
    monkeypatch.setattr(running_bot.services.answers, "today", failing_answer)

    for _ in range(2):
        api.send_command(chat, None, "/today")
    await api.wait_until(lambda: len(api.sent_to(chat)) == 2)  # two apologies

    alerts = api.sent_to(admin)
    assert len(alerts) == 1
    assert "RuntimeError: the figures are broken" in (alerts[0].text or "")
    assert "/today" in (alerts[0].text or "")


async def test_an_error_is_logged_with_the_update_and_without_the_token(
    running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    api = running_bot.bot_api
    chat, _ = english_chat(api)
    api.fail_next(chat)  # the reply is refused with a 500

    with caplog.at_level(logging.ERROR, logger="bot.telegram.errors"):
        api.send_command(chat, None, "/records")
        await api.wait_for(lambda call: call.chat_id == chat.id)

    (record,) = [r for r in caplog.records if r.name == "bot.telegram.errors"]
    assert "/records" in record.getMessage()
    assert record.exc_info is not None
    assert api.token not in caplog.text


async def test_a_flood_of_commands_gets_one_polite_reply_and_the_bot_goes_on(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat, _ = english_chat(api)
    other_chat, _ = english_chat(api)

    for _ in range(8):
        api.send_command(chat, None, "/help")
    api.send_command(other_chat, None, "/help")
    await api.wait_until(lambda: len(api.sent_to(chat)) >= 4 and len(api.sent_to(other_chat)) == 1)

    replies = [call.text for call in api.sent_to(chat)]
    assert replies == [help_text("en")] * 3 + [text("en", "throttle-slow-down")]


async def test_commands_for_another_bot_do_not_count_against_the_user(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, user = api.supergroup(), api.new_user(language_code="en")
    for _ in range(5):
        api.send_command(group, user, "/help@OtherBot")

    api.send_command(group, user, "/help", addressed=True)
    reply = await api.wait_for(lambda call: call.chat_id == group.id)

    assert reply.text == help_text("en")


async def test_a_group_gets_as_many_replies_as_telegram_allows_it_and_no_more(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group = api.supergroup()
    for _ in range(21):  # one command each from 21 users: no user is throttled, the group is
        api.send_command(group, api.new_user(language_code="en"), "/help", addressed=True)
    await api.wait_until(lambda: len(api.sent_to(group)) >= 20)
    chat, _ = english_chat(api)

    api.send_command(chat, None, "/help")
    await api.wait_for(lambda call: call.chat_id == chat.id)

    assert len(api.sent_to(group)) == 20
