"""Chats and subscriptions end to end: the real bot and the fake Bot API, read back from the store.

Private chats subscribe themselves (the welcome's button, /subscribe); in groups only admins may;
channels follow the bot's right to post; a user who blocks the bot is unsubscribed; /lang switches
the language of every reply after it. Commands addressed to another bot are left alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.domain.chats import Chat
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser, MemberStatus
from tests.support.fixtures_app import RunningBot

ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
"""The `from` of a message an anonymous group admin writes (its `sender_chat` is the group)."""


async def stored(
    bot: RunningBot, chat: FakeChat, until: Callable[[Chat | None], bool]
) -> Chat | None:
    """The chat as stored once `until` holds (membership changes send nothing to wait for)."""
    async with asyncio.timeout(5):
        while not until(found := await bot.chats.get(chat.id)):  # noqa: ASYNC110 - no event
            await asyncio.sleep(0.01)
    return found


async def stored_now(bot: RunningBot, chat: FakeChat) -> Chat:
    found = await bot.chats.get(chat.id)
    assert found is not None, f"chat {chat.id} is not stored"
    return found


def text_of(call: SentCall) -> str:
    assert call.text is not None, f"{call.method} carries no text"
    return call.text


def is_subscribed(chat: Chat | None) -> bool:
    return chat is not None and chat.subscribed


def is_unsubscribed(chat: Chat | None) -> bool:
    return chat is not None and not chat.subscribed


async def command(
    api: FakeBotApi, chat: FakeChat, user: FakeUser | None, text: str, *, addressed: bool = False
) -> SentCall:
    """Send a command and return the bot's reply to it."""
    sent_before = len(api.sent_to(chat))
    api.send_command(chat, user, text, addressed=addressed)
    await api.wait_until(lambda: len(api.sent_to(chat)) > sent_before)
    return api.sent_to(chat)[sent_before]


async def answer_to(api: FakeBotApi, query_id: str) -> SentCall:
    return await api.wait_for(
        lambda call: (
            call.method == "answerCallbackQuery"
            and call.params.get("callback_query_id") == query_id
        ),
        include_failed=True,
    )


def button_data(message: SentCall) -> list[str]:
    markup = message.reply_markup or {}
    return [button["callback_data"] for row in markup["inline_keyboard"] for button in row]


def group_with(api: FakeBotApi, status: MemberStatus) -> tuple[FakeChat, FakeUser]:
    group, user = api.supergroup(), api.new_user()
    api.set_member(group, user, status)
    return group, user


# Private chats --------------------------------------------------------------------------------


async def test_start_in_a_private_chat_welcomes_with_a_subscribe_button(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat()

    welcome = await command(api, chat, None, "/start")

    assert "/today" in text_of(welcome)
    assert button_data(welcome) == ["1:sub:on"]


async def test_pressing_the_welcome_button_subscribes_the_private_chat(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat()
    welcome = await command(api, chat, None, "/start")

    api.press_button(welcome, "1:sub:on")
    edited = await api.wait_for(lambda call: call.method == "editMessageText")

    assert is_subscribed(await running_bot.chats.get(chat.id))
    assert (edited.message_id, button_data(edited)) == (welcome.message_id, ["1:sub:off"])


async def test_the_welcome_button_is_answered_with_what_it_did(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    welcome = await command(api, chat, None, "/start")

    answer = await answer_to(api, api.press_button(welcome, "1:sub:on"))

    assert answer.params["text"] == "✅ Subscribed"


async def test_welcome_of_a_subscribed_chat_offers_to_unsubscribe(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat()
    await command(api, chat, None, "/subscribe")

    welcome = await command(api, chat, None, "/start")

    assert button_data(welcome) == ["1:sub:off"]


async def test_subscribe_command_subscribes_a_private_chat(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))

    reply = await command(api, chat, None, "/subscribe")

    assert text_of(reply).startswith("✅ Subscribed")
    assert is_subscribed(await running_bot.chats.get(chat.id))


async def test_subscribing_twice_says_the_chat_is_already_subscribed(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    await command(api, chat, None, "/subscribe")

    reply = await command(api, chat, None, "/subscribe")

    assert "already subscribed" in text_of(reply)
    assert is_subscribed(await running_bot.chats.get(chat.id))


async def test_unsubscribe_command_unsubscribes_a_private_chat(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    await command(api, chat, None, "/subscribe")

    reply = await command(api, chat, None, "/unsubscribe")

    assert text_of(reply).startswith("🔕 Unsubscribed")
    assert is_unsubscribed(await running_bot.chats.get(chat.id))


async def test_unsubscribing_a_chat_that_is_not_subscribed_says_so(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))

    reply = await command(api, chat, None, "/unsubscribe")

    assert "not subscribed" in text_of(reply)


async def test_user_who_blocks_the_bot_is_unsubscribed(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    user = api.new_user()
    await command(api, api.private_chat(user), None, "/subscribe")

    api.block_bot(user)

    assert await stored(running_bot, api.private_chat(user), is_unsubscribed)


async def test_user_who_unblocks_the_bot_stays_unsubscribed_until_start_resumes_it(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    user = api.new_user()
    chat = api.private_chat(user)
    await command(api, chat, None, "/subscribe")
    api.block_bot(user)
    await stored(running_bot, chat, is_unsubscribed)

    api.unblock_bot(user)
    await asyncio.sleep(0.2)  # the unblocking update is handled, and changes nothing
    assert is_unsubscribed(await running_bot.chats.get(chat.id))
    welcome = await command(api, chat, None, "/start")

    assert button_data(welcome) == ["1:sub:off"]
    assert is_subscribed(await running_bot.chats.get(chat.id))


# Groups ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["administrator", "creator"])
async def test_group_admin_subscribes_the_group(
    running_bot: RunningBot, status: MemberStatus
) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, status)

    await command(api, group, admin, "/subscribe", addressed=True)

    asked = [call for call in api.calls if call.method == "getChatMember"]
    assert [(c.params["chat_id"], c.params["user_id"]) for c in asked] == [(group.id, admin.id)]
    assert is_subscribed(await running_bot.chats.get(group.id))


async def test_group_member_is_refused_politely(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, member = api.supergroup(), api.new_user(language_code="en")
    api.set_member(group, member, "member")

    reply = await command(api, group, member, "/subscribe", addressed=True)

    assert reply.text == "Only the chat's administrators can change this."
    assert is_unsubscribed(await running_bot.chats.get(group.id))


async def test_group_member_cannot_unsubscribe_the_group(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, "administrator")
    member = api.new_user()
    api.set_member(group, member, "member")
    await command(api, group, admin, "/subscribe", addressed=True)

    await command(api, group, member, "/unsubscribe", addressed=True)

    assert is_subscribed(await running_bot.chats.get(group.id))


async def test_member_pressing_the_welcome_button_in_a_group_is_refused(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, member = group_with(api, "member")
    welcome = await command(api, group, member, "/start", addressed=True)

    answer = await answer_to(api, api.press_button(welcome, "1:sub:on", member))

    assert answer.params["show_alert"] is True
    assert "administrators" in answer.params["text"] or "адміністратори" in answer.params["text"]
    assert is_unsubscribed(await running_bot.chats.get(group.id))


async def test_admin_pressing_the_welcome_button_in_a_group_subscribes_it(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, "administrator")
    welcome = await command(api, group, admin, "/start", addressed=True)

    api.press_button(welcome, "1:sub:on", admin)
    await api.wait_for(lambda call: call.method == "editMessageText")

    assert is_subscribed(await running_bot.chats.get(group.id))


async def test_anonymous_group_admin_subscribes_the_group(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group = api.supergroup()
    text = "/subscribe@LossesTestBot"
    entity = {"type": "bot_command", "offset": 0, "length": len(text)}
    message = api.state.new_message(group, None, {"text": text, "entities": [entity]})
    message.update({"from": ANONYMOUS_ADMIN, "sender_chat": group.json})

    api.updates.push("message", message)
    await api.wait_until(lambda: len(api.sent_to(group)) == 1)

    assert is_subscribed(await running_bot.chats.get(group.id))
    assert not [call for call in api.calls if call.method == "getChatMember"]


async def test_subscribe_addressed_to_another_bot_is_ignored(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, "administrator")

    api.send_command(group, admin, "/subscribe@OtherBot")
    welcome = await command(api, group, admin, "/start", addressed=True)

    assert api.sent_to(group) == [welcome]
    assert not [call for call in api.calls if call.method == "getChatMember"]
    assert button_data(welcome) == ["1:sub:on"]


async def test_group_that_adds_the_bot_is_greeted_but_not_subscribed(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, "administrator")

    api.add_bot(group, admin, "member")
    welcome = await api.wait_for(lambda call: call.chat_id == group.id)

    assert button_data(welcome) == ["1:sub:on"]
    assert is_unsubscribed(await running_bot.chats.get(group.id))


async def test_group_that_removes_the_bot_is_unsubscribed(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, admin = group_with(api, "administrator")
    await command(api, group, admin, "/subscribe", addressed=True)

    api.remove_bot(group, admin)

    assert await stored(running_bot, group, is_unsubscribed)


async def test_group_that_becomes_a_supergroup_keeps_its_subscription(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, admin = api.group(), api.new_user()
    api.set_member(group, admin, "administrator")
    await command(api, group, admin, "/subscribe", addressed=True)

    supergroup = api.migrate(group, admin)

    assert await stored(running_bot, supergroup, is_subscribed)
    assert is_unsubscribed(await running_bot.chats.get(group.id))


# Channels -------------------------------------------------------------------------------------


async def test_channel_that_lets_the_bot_post_is_subscribed(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    channel = api.channel("Losses daily")

    api.add_bot(channel, api.new_user(language_code="en"), "administrator")

    subscribed = await stored(running_bot, channel, is_subscribed)
    assert subscribed is not None
    assert (subscribed.kind, subscribed.title, subscribed.language) == (
        "channel",
        "Losses daily",
        "en",
    )


async def test_channel_that_removes_the_bot_is_unsubscribed(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    channel, admin = api.channel(), api.new_user()
    api.add_bot(channel, admin, "administrator")
    await stored(running_bot, channel, is_subscribed)

    api.remove_bot(channel, admin, "left")

    assert await stored(running_bot, channel, is_unsubscribed)


async def test_unsubscribe_posted_in_a_channel_is_answered_privately(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    channel, admin = api.channel(), api.new_user(language_code="en")
    private = api.private_chat(admin)
    await command(api, private, None, "/start")
    api.add_bot(channel, admin, "administrator")
    await stored(running_bot, channel, is_subscribed)
    in_channel = len(api.sent_to(channel))

    api.send_command(channel, None, "/unsubscribe")

    answer = await api.wait_for(
        lambda call: call.chat_id == private.id and (call.text or "").startswith("🔕 Unsubscribed")
    )
    assert answer.ok
    assert is_unsubscribed(await running_bot.chats.get(channel.id))
    assert len(api.sent_to(channel)) == in_channel


# Language -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language_code", "expected"), [("uk", "Підписатися"), ("en", "Subscribe"), ("de", "Subscribe")]
)
async def test_first_reply_speaks_the_language_of_the_users_client(
    running_bot: RunningBot, language_code: str, expected: str
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code=language_code))

    welcome = await command(api, chat, None, "/start")

    assert welcome.reply_markup is not None
    assert expected in welcome.reply_markup["inline_keyboard"][0][0]["text"]


async def test_lang_command_switches_the_next_reply_to_english(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="uk"))

    confirmation = await command(api, chat, None, "/lang en")
    welcome = await command(api, chat, None, "/start")

    assert confirmation.text == "🇬🇧 Done: I speak English in this chat now."
    assert "Russian losses" in text_of(welcome)
    assert (await stored_now(running_bot, chat)).language == "en"


async def test_lang_without_argument_offers_both_languages(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat()

    choice = await command(api, chat, None, "/lang")

    assert button_data(choice) == ["1:lang:uk", "1:lang:en"]


async def test_pressing_a_language_switches_to_it(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    choice = await command(api, chat, None, "/lang")

    api.press_button(choice, "1:lang:uk")
    edited = await api.wait_for(lambda call: call.method == "editMessageText")

    assert edited.text == "🇺🇦 Готово: тепер я говорю в цьому чаті українською."
    welcome = await command(api, chat, None, "/start")
    assert "Втрати росії" in text_of(welcome)


@pytest.mark.parametrize("argument", ["de", "x" * 5000, "<b>"])
async def test_unknown_language_is_refused_with_an_example(
    running_bot: RunningBot, argument: str
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))

    reply = await command(api, chat, None, f"/lang {argument}")

    assert "<code>/lang en</code>" in text_of(reply)
    assert len(text_of(reply)) < 300


async def test_group_member_cannot_switch_the_groups_language(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, member = group_with(api, "member")

    reply = await command(api, group, member, "/lang en", addressed=True)

    assert reply.text == "Змінювати це можуть лише адміністратори чату."
    assert (await stored_now(running_bot, group)).language == "uk"
