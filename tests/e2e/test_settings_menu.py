"""The /settings keyboard end to end: each press is stored, shown in the same message, answered.

Settings are read back through the store; the keyboard as the chat sees it through the fake.
"""

from __future__ import annotations

import asyncio

from bot.domain.categories import CATALOGUE, PERSONNEL
from bot.domain.chats import Chat, ChatSettings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser, JsonDict
from tests.support.fixtures_app import RunningBot

MAIN_PAGE_DATA = [
    "1:opt:daily_post",
    "1:opt:picture_card",
    "1:opt:record_alerts",
    "1:opt:milestone_alerts",
    "1:opt:weekly_digest",
    "1:opt:monthly_digest",
    "1:opt:silent",
    "1:page:categories",
    "1:slang:uk",
    "1:slang:en",
    "1:done",
]


async def open_settings(api: FakeBotApi, chat: FakeChat, user: FakeUser | None = None) -> SentCall:
    """Send /settings and return the bot's reply."""
    api.send_command(chat, user, "/settings", addressed=chat.is_group)
    return await api.wait_for(lambda call: call.chat_id == chat.id)


async def press(
    api: FakeBotApi, shown: SentCall, data: str, user: FakeUser | None = None
) -> SentCall:
    """Press a button and return the bot's answer to the press (after any edit)."""
    query_id = api.press_button(shown, data, user)
    return await api.wait_for(
        lambda call: (
            call.method == "answerCallbackQuery"
            and call.params.get("callback_query_id") == query_id
        ),
        include_failed=True,
    )


def press_unknown_button(api: FakeBotApi, shown: SentCall, data: str) -> str:
    """A press whose data the message does not show: a button of an older bot, or garbled data."""
    assert shown.message is not None
    chat = api.state.chats[shown.message["chat"]["id"]]
    assert chat.user is not None
    query_id = api.state.serial()
    api.state.open_queries.add(query_id)
    query = {
        "id": query_id,
        "from": chat.user.json,
        "message": api.message(chat, shown.message["message_id"]),
        "chat_instance": "1",
        "data": data,
    }
    api.updates.push("callback_query", query)
    return query_id


def text_of(call: SentCall) -> str:
    assert call.text is not None, f"{call.method} carries no text"
    return call.text


def keyboard(api: FakeBotApi, chat: FakeChat, shown: SentCall) -> list[str]:
    """The labels of the message's buttons, as the chat shows them now."""
    assert shown.message_id is not None
    markup: JsonDict = api.message(chat, shown.message_id).get("reply_markup", {})
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def data_of(api: FakeBotApi, chat: FakeChat, shown: SentCall) -> list[str]:
    assert shown.message_id is not None
    markup: JsonDict = api.message(chat, shown.message_id).get("reply_markup", {})
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


async def settings_of(bot: RunningBot, chat: FakeChat) -> ChatSettings:
    stored: Chat | None = await bot.chats.get(chat.id)
    assert stored is not None
    return stored.settings


def english_chat(api: FakeBotApi) -> FakeChat:
    return api.private_chat(api.new_user(language_code="en"))


async def test_settings_show_each_switch_with_its_mark(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)

    shown = await open_settings(api, chat)

    assert keyboard(api, chat, shown) == [
        "✅ Daily post",
        "▫️ Daily post as a picture",
        "✅ Personnel records",
        "✅ Milestones",
        "▫️ Weekly digest",
        "▫️ Monthly digest",
        "▫️ Silent delivery",
        "🏆 Records by category: 0 ›",
        "▫️ 🇺🇦 Українська",
        "✅ 🇬🇧 English",
        "Done",
    ]
    assert data_of(api, chat, shown) == MAIN_PAGE_DATA


async def test_settings_speak_the_chats_language(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="uk"))

    shown = await open_settings(api, chat)

    assert "Налаштування цього чату" in text_of(shown)
    assert keyboard(api, chat, shown)[0] == "✅ Щоденне зведення"


async def test_settings_say_whether_the_chat_is_subscribed(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)

    shown = await open_settings(api, chat)

    assert "Not subscribed" in text_of(shown)


async def test_pressing_a_switch_stores_it_and_edits_the_same_message(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    await press(api, shown, "1:opt:silent")

    assert (await settings_of(running_bot, chat)).silent is True
    assert "✅ Silent delivery" in keyboard(api, chat, shown)
    edits = [call for call in api.sent if call.method == "editMessageText"]
    assert [edit.message_id for edit in edits] == [shown.message_id]


async def test_pressing_a_switch_twice_switches_it_back(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    await press(api, shown, "1:opt:daily_post")
    await press(api, shown, "1:opt:daily_post")

    assert (await settings_of(running_bot, chat)).daily_post is True
    assert keyboard(api, chat, shown)[0] == "✅ Daily post"


async def test_every_press_is_answered(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    answer = await press(api, shown, "1:opt:milestone_alerts")

    assert answer.ok


async def test_categories_page_lists_every_category_but_personnel(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    await press(api, shown, "1:page:categories")

    listed = [f"1:cat:{c.key}" for c in CATALOGUE if c.key != PERSONNEL]
    assert data_of(api, chat, shown) == [*listed, "1:page:main"]
    assert keyboard(api, chat, shown)[0] == "▫️ 🛡 Tanks"


async def test_pressing_a_category_stores_its_record_alerts(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)
    await press(api, shown, "1:page:categories")

    await press(api, shown, "1:cat:uav_systems")

    assert (await settings_of(running_bot, chat)).category_records == {"uav_systems"}
    assert "✅ 🛸 UAVs" in keyboard(api, chat, shown)


async def test_back_shows_how_many_categories_are_chosen(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)
    await press(api, shown, "1:page:categories")
    await press(api, shown, "1:cat:tanks")
    await press(api, shown, "1:cat:planes")

    await press(api, shown, "1:page:main")

    assert "🏆 Records by category: 2 ›" in keyboard(api, chat, shown)


async def test_language_row_switches_the_settings_language(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    await press(api, shown, "1:slang:uk")

    assert (await settings_of(running_bot, chat)).language == "uk"
    assert keyboard(api, chat, shown)[0] == "✅ Щоденне зведення"


async def test_pressing_the_chosen_language_again_changes_nothing(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    answer = await press(api, shown, "1:slang:en")

    assert answer.ok
    assert not [call for call in api.calls if call.method == "editMessageText"]


async def test_done_closes_the_keyboard(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    await press(api, shown, "1:done")

    assert keyboard(api, chat, shown) == []
    assert shown.message_id is not None
    assert api.message(chat, shown.message_id)["text"].startswith("✅ Settings saved.")


async def test_settings_survive_a_new_settings_message(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    await press(api, await open_settings(api, chat), "1:opt:record_alerts")

    api.send_command(chat, None, "/settings")
    again = await api.wait_for(
        lambda call: call.method == "sendMessage" and call is not api.sent[0]
    )

    assert "▫️ Personnel records" in keyboard(api, chat, again)


async def test_two_admins_pressing_at_once_both_get_their_change(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, first, second = api.supergroup(), api.new_user(), api.new_user()
    api.set_member(group, first, "administrator")
    api.set_member(group, second, "creator")
    shown = await open_settings(api, group, first)

    await asyncio.gather(
        press(api, shown, "1:opt:silent", first), press(api, shown, "1:opt:daily_post", second)
    )

    settings = await settings_of(running_bot, group)
    assert (settings.silent, settings.daily_post) == (True, False)
    labels = keyboard(api, group, shown)
    assert labels[0] == "▫️ Щоденне зведення"
    assert "✅ Без звуку" in labels


async def test_group_member_cannot_open_the_settings(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, member = api.supergroup(), api.new_user(language_code="en")
    api.set_member(group, member, "member")

    reply = await open_settings(api, group, member)

    assert reply.text == "Only the chat's administrators can change this."
    assert reply.reply_markup is None


async def test_group_member_pressing_a_switch_is_refused(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, admin, member = api.supergroup(), api.new_user(), api.new_user()
    api.set_member(group, admin, "administrator")
    api.set_member(group, member, "member")
    shown = await open_settings(api, group, admin)

    answer = await press(api, shown, "1:opt:silent", member)

    assert answer.params["show_alert"] is True
    assert answer.params["text"] == "Змінювати це можуть лише адміністратори чату."
    assert (await settings_of(running_bot, group)).silent is False


async def test_an_admins_approval_is_remembered_between_presses(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    group, admin = api.supergroup(), api.new_user()
    api.set_member(group, admin, "administrator")
    shown = await open_settings(api, group, admin)

    await press(api, shown, "1:opt:silent", admin)
    await press(api, shown, "1:opt:silent", admin)

    assert [call.method for call in api.calls].count("getChatMember") == 1


async def test_a_member_promoted_after_a_refusal_is_let_in_at_once(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    group, admin, member = api.supergroup(), api.new_user(), api.new_user()
    api.set_member(group, admin, "administrator")
    api.set_member(group, member, "member")
    shown = await open_settings(api, group, admin)
    await press(api, shown, "1:opt:silent", member)

    api.set_member(group, member, "administrator")
    await press(api, shown, "1:opt:silent", member)

    assert (await settings_of(running_bot, group)).silent is True


async def test_a_button_of_an_older_bot_gets_a_polite_answer(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    query_id = press_unknown_button(api, shown, "0:toggle:silent")
    answer = await api.wait_for(
        lambda call: call.params.get("callback_query_id") == query_id, include_failed=True
    )

    assert (answer.method, answer.ok) == ("answerCallbackQuery", True)
    assert answer.params["text"] == "This button no longer works. Please send the command again."
    assert (await settings_of(running_bot, chat)).silent is False


async def test_garbled_button_data_gets_a_polite_answer(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)

    query_id = press_unknown_button(api, shown, "1:cat:\x00<script>")
    answer = await api.wait_for(
        lambda call: call.params.get("callback_query_id") == query_id, include_failed=True
    )

    assert answer.ok
    assert "no longer works" in answer.params["text"]


async def test_choosing_the_picture_card_while_the_daily_post_is_off_says_what_will_happen(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = english_chat(api)
    shown = await open_settings(api, chat)
    await press(api, shown, "1:opt:daily_post")

    answer = await press(api, shown, "1:opt:picture_card")

    note = (
        "🖼 The picture card shapes the daily post, which is off: nothing is sent until the "
        "daily post is switched on again."
    )
    assert answer.params.get("text") == note
    assert api.message(chat, shown.message_id or 0)["text"].endswith(note)
    assert (await settings_of(running_bot, chat)).picture_card
