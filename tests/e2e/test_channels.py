"""Channels end to end: nothing about their settings is posted in the channel; the admin who let
the bot post is told privately, with the channel's settings, and changes them from that private
chat; nobody else can.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.domain.chats import Chat
from bot.telegram.callback_data import Option, ToggleOption, encode
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.support.fixtures_app import RunningBot


async def stored(bot: RunningBot, chat: FakeChat, until: Callable[[Chat | None], bool]) -> Chat:
    async with asyncio.timeout(5):
        while not until(found := await bot.chats.get(chat.id)):  # noqa: ASYNC110 - no event
            await asyncio.sleep(0.01)
    assert found is not None
    return found


async def started(api: FakeBotApi, user: FakeUser) -> FakeChat:
    """The user's private chat with the bot, after /start (the bot may write to them now)."""
    private = api.private_chat(user)
    api.send_command(private, None, "/start")
    await api.wait_for(lambda call: call.chat_id == private.id)
    return private


async def added_channel(bot: RunningBot, admin: FakeUser) -> tuple[FakeChat, SentCall]:
    """A channel the admin lets the bot post in, and the confirmation the admin got privately."""
    api = bot.bot_api
    channel = api.channel("Losses daily")
    api.add_bot(channel, admin, "administrator")
    confirmation = await api.wait_for(
        lambda call: call.chat_id == admin.id and "Losses daily" in (call.text or "")
    )
    await stored(bot, channel, lambda chat: chat is not None and chat.subscribed)
    return channel, confirmation


def labels(call: SentCall, api: FakeBotApi) -> list[str]:
    """The labels of the buttons under the message as it reads now (after any edit)."""
    message = call.message
    assert message is not None
    current = api.message(api.state.chats[message["chat"]["id"]], int(message["message_id"]))
    rows = current.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


async def test_adding_the_bot_to_a_channel_is_confirmed_privately_to_the_admin(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    admin = api.new_user(language_code="en")
    private = await started(api, admin)

    channel, confirmation = await added_channel(running_bot, admin)

    assert confirmation.chat_id == private.id
    assert (confirmation.text or "").startswith(
        "✅ I will post the daily report in “Losses daily” every morning."
    )
    assert "⚙️ <b>Settings of “Losses daily”</b>" in (confirmation.text or "")
    assert "▫️ Silent delivery" in labels(confirmation, api)
    assert api.sent_to(channel) == []
    assert (await stored(running_bot, channel, bool)).added_by == admin.id


async def test_a_channels_settings_are_changed_from_a_private_chat(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    admin = api.new_user(language_code="en")
    await started(api, admin)
    channel, confirmation = await added_channel(running_bot, admin)

    query = api.press_button(confirmation, encode(ToggleOption(Option.SILENT, channel.id)))

    silent = await stored(
        running_bot, channel, lambda chat: chat is not None and chat.settings.silent
    )
    assert silent.subscribed
    await api.wait_for(
        lambda call: (
            call.method == "answerCallbackQuery" and call.params.get("callback_query_id") == query
        ),
        include_failed=True,
    )
    assert "✅ Silent delivery" in labels(confirmation, api)
    assert api.sent_to(channel) == []


async def test_someone_who_does_not_administer_the_channel_cannot_change_it(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    admin, stranger = api.new_user(language_code="en"), api.new_user(language_code="en")
    await started(api, admin)
    channel, confirmation = await added_channel(running_bot, admin)
    stranger_chat = await started(api, stranger)
    forged = api.state.new_message(
        stranger_chat, api.state.bot, {"text": "x", "reply_markup": confirmation.reply_markup}
    )

    query = api.press_button(forged, encode(ToggleOption(Option.SILENT, channel.id)), stranger)

    refusal = await api.wait_for(
        lambda call: call.params.get("callback_query_id") == query, include_failed=True
    )
    assert refusal.params.get("show_alert")
    assert not (await stored(running_bot, channel, bool)).settings.silent


async def test_settings_posted_in_a_channel_go_to_its_admin_and_private_settings_list_it(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    admin = api.new_user(language_code="en")
    private = await started(api, admin)
    channel, _ = await added_channel(running_bot, admin)
    mark = len(api.sent)

    api.send_command(channel, None, "/settings")
    sent = await api.wait_for(
        lambda call: call.chat_id == private.id and "Settings of" in (call.text or "")
    )
    api.send_command(private, None, "/settings")
    own = await api.wait_for(
        lambda call: call.chat_id == private.id and "Settings of this chat" in (call.text or "")
    )

    assert sent.chat_id == private.id
    assert [call for call in api.sent[mark:] if call.chat_id == channel.id] == []
    assert "📢 Losses daily ›" in labels(own, api)
