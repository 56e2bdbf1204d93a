"""A flood is answered once politely and its last command still gets its answer; plain text in a
private chat gets a pointer to the commands."""

from __future__ import annotations

import pytest

from bot.render import text
from bot.render.chart_texts import help_text
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat
from tests.support.fixtures_app import RunningBot


@pytest.fixture
def bot_settings_overrides() -> dict[str, str]:
    # Two commands at once, then one every half second.
    return {"THROTTLE_BURST": "2", "THROTTLE_RATE": "2"}


def english_chat(api: FakeBotApi) -> FakeChat:
    return api.private_chat(api.new_user(language_code="en"))


async def test_the_last_command_of_a_flood_is_answered_once_the_bot_may(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)

    for _ in range(4):
        api.send_command(chat, None, "/help")
    api.send_command(chat, None, "/records")
    await api.wait_until(lambda: len(api.sent_to(chat)) >= 4)

    replies = [call.text or "" for call in api.sent_to(chat)]
    assert replies[:3] == [help_text("en"), help_text("en"), text("en", "throttle-slow-down")]
    assert replies[3].startswith("🏆 <b>One-day records</b>")
    assert len(replies) == 4


async def test_plain_text_in_a_private_chat_points_to_the_commands(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="uk"))

    api.send_text(chat, None, "скільки сьогодні?")
    reply = await api.wait_for(lambda call: call.chat_id == chat.id)

    assert reply.text == (
        "Я відповідаю на команди, а не на повідомлення: "
        "/today — останнє зведення, /help — усі команди."
    )


async def test_plain_text_in_a_group_is_left_alone(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group = api.supergroup()
    api.send_text(group, api.new_user(language_code="en"), "hello everyone")
    chat = english_chat(api)

    api.send_command(chat, None, "/help")
    await api.wait_for(lambda call: call.chat_id == chat.id)

    assert api.sent_to(group) == []
