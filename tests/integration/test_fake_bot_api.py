"""The fake Bot API, driven by python-telegram-bot's own Bot and Application.

Each test checks that PTB parses what the fake answers, or maps its errors to the exception
Telegram's reply would raise, so that end-to-end tests of the bot can trust the fake.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_flood import FloodLimits
from tests.fakes.bot_api_objects import MemberStatus

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
PNG_16_BY_32 = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x20" + bytes(13)


@pytest.fixture
async def bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """PTB's Bot, pointed at the fake."""
    async with Bot(
        bot_api.token, base_url=bot_api.base_url, base_file_url=bot_api.base_file_url
    ) as bot:
        yield bot


class FrozenClock:
    """A clock for the flood limits that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns that it will become a timedelta
        retry_after = error.retry_after
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


async def test_get_me_is_parsed_as_the_bot_user(bot: Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.username, me.is_bot) == (123456, "LossesTestBot", True)


async def test_sent_message_is_parsed_and_recorded(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("English", callback_data="lang:en")]])

    message = await bot.send_message(
        chat.id,
        "<b>Day 1000</b> of the war",
        parse_mode="HTML",
        reply_markup=keyboard,
        disable_notification=True,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )

    assert (message.chat.id, message.text, message.reply_markup) == (
        chat.id,
        "Day 1000 of the war",
        keyboard,
    )
    call = bot_api.sent[0]
    assert (call.method, call.chat_id, call.text, call.parse_mode) == (
        "sendMessage",
        chat.id,
        "<b>Day 1000</b> of the war",
        "HTML",
    )
    assert call.reply_markup == keyboard.to_dict()
    assert call.disable_notification
    assert call.link_preview_options == {"is_disabled": True}


async def test_html_markup_becomes_entities(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()

    message = await bot.send_message(chat.id, "🇺🇦 <b>+1 610</b> &amp; <i>more</i>", "HTML")

    assert message.text == "🇺🇦 +1 610 & more"
    assert [(e.type, message.parse_entity(e)) for e in message.entities] == [
        ("bold", "+1 610"),
        ("italic", "more"),
    ]


async def test_broken_html_is_refused_as_telegram_does(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()

    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(chat.id, "<b>unclosed", parse_mode="HTML")


async def test_message_ids_count_per_chat(bot_api: FakeBotApi, bot: Bot) -> None:
    first, second = bot_api.private_chat(), bot_api.private_chat()

    ids = [(await bot.send_message(chat.id, "hi")).message_id for chat in (first, first, second)]

    assert ids == [1, 2, 1]


async def test_uploaded_photo_is_parsed_and_its_bytes_recorded(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    channel = bot_api.channel("Losses", username="losses")

    message = await bot.send_photo("@losses", PNG_16_BY_32, caption="Chart")

    assert (message.chat.id, message.caption) == (channel.id, "Chart")
    assert (message.photo[-1].width, message.photo[-1].height) == (16, 32)
    assert bot_api.sent[0].photo == PNG_16_BY_32
    downloaded = await (await message.photo[-1].get_file()).download_as_bytearray()
    assert bytes(downloaded) == PNG_16_BY_32


async def test_edited_text_replaces_the_message(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    sent = await bot.send_message(chat.id, "Language: uk")

    edited = await bot.edit_message_text("Language: en", chat.id, sent.message_id)

    assert isinstance(edited, type(sent))
    assert (edited.message_id, edited.text) == (sent.message_id, "Language: en")
    assert bot_api.message(chat, sent.message_id)["text"] == "Language: en"


async def test_editing_to_the_same_text_is_refused_as_not_modified(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    chat = bot_api.private_chat()
    sent = await bot.send_message(chat.id, "Settings")

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Settings", chat.id, sent.message_id)


async def test_edited_caption_is_parsed(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    sent = await bot.send_photo(chat.id, PNG_16_BY_32, caption="Draft")

    edited = await bot.edit_message_caption(chat.id, sent.message_id, caption="Final")

    assert not isinstance(edited, bool)
    assert edited.caption == "Final"


@pytest.mark.parametrize(
    ("status", "member_type"),
    [
        ("creator", ChatMemberOwner),
        ("administrator", ChatMemberAdministrator),
        ("member", ChatMemberMember),
        ("left", ChatMemberLeft),
        ("kicked", ChatMemberBanned),
    ],
)
async def test_chat_member_is_parsed_as_its_status(
    bot_api: FakeBotApi, bot: Bot, status: MemberStatus, member_type: type
) -> None:
    group, user = bot_api.supergroup(), bot_api.new_user()
    bot_api.set_member(group, user, status)

    member = await bot.get_chat_member(group.id, user.id)

    assert type(member) is member_type
    assert member.user.id == user.id


async def test_bot_is_an_administrator_of_a_channel_by_default(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    channel = bot_api.channel()

    member = await bot.get_chat_member(channel.id, bot.id)

    assert isinstance(member, ChatMemberAdministrator)
    assert member.can_post_messages


async def test_command_menus_are_kept_per_scope_and_language(bot_api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("today", "Today's figures")], language_code="en")
    await bot.set_my_commands([BotCommand("today", "Дані за сьогодні")], language_code="uk")
    groups = BotCommandScopeAllGroupChats()
    await bot.set_my_commands([BotCommand("subscribe", "Subscribe")], scope=groups)

    english = await bot.get_my_commands(language_code="en")

    assert english == (BotCommand("today", "Today's figures"),)
    assert bot_api.commands(language_code="uk") == ["today - Дані за сьогодні"]
    assert bot_api.commands({"type": "all_group_chats"}) == ["subscribe - Subscribe"]
    assert bot_api.commands() == []


async def test_deleted_command_menu_is_empty(bot_api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("today", "Today")], language_code="en")

    await bot.delete_my_commands(language_code="en")

    assert await bot.get_my_commands(language_code="en") == ()


async def test_invalid_command_name_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Today", "Today")])


async def test_descriptions_are_kept_per_language(bot_api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_description("Daily figures", language_code="en")
    await bot.set_my_short_description("Щоденні дані", language_code="uk")

    assert (await bot.get_my_description("en")).description == "Daily figures"
    assert bot_api.description("uk", short=True) == "Щоденні дані"


async def test_chat_is_parsed_as_full_info(bot_api: FakeBotApi, bot: Bot) -> None:
    group = bot_api.group("Volunteers")

    chat = await bot.get_chat(group.id)

    assert (chat.id, chat.type, chat.title) == (group.id, "group", "Volunteers")


async def test_blocked_user_raises_forbidden(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    bot_api.block(chat)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat.id, "hi")


async def test_kicked_group_raises_forbidden(bot_api: FakeBotApi, bot: Bot) -> None:
    group = bot_api.group()
    bot_api.kick(group)

    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(group.id, "hi")


async def test_unknown_chat_raises_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hi")


async def test_migrated_group_raises_chat_migrated_with_the_new_id(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    group = bot_api.group()
    supergroup = bot_api.migrate(group)

    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(group.id, "hi")

    assert migrated.value.new_chat_id == supergroup.id
    assert (await bot.send_message(supergroup.id, "hi")).chat.type == "supergroup"


async def test_one_shot_server_error_fails_once(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    bot_api.fail_next(chat)

    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(chat.id, "hi")
    assert (await bot.send_message(chat.id, "hi")).text == "hi"


async def test_one_shot_429_raises_retry_after(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    bot_api.fail_next(chat, retry_after=7)

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(chat.id, "hi")

    assert retry_after_seconds(refused.value) == 7
    assert bot_api.calls[-1].error_code == 429
    assert (await bot.send_message(chat.id, "hi")).text == "hi"


async def test_unknown_method_answers_not_found(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy")


async def test_wrong_token_raises_invalid_token(bot_api: FakeBotApi) -> None:
    with pytest.raises(InvalidToken, match="rejected"):
        async with Bot("654321:WRONG", base_url=bot_api.base_url):
            pass


async def test_errors_have_telegrams_exact_shape(bot_api: FakeBotApi) -> None:
    chat = bot_api.private_chat()
    bot_api.block(chat)
    url = f"{bot_api.base_url}{bot_api.token}/sendMessage"

    async with httpx.AsyncClient() as client:
        reply = await client.post(url, json={"chat_id": chat.id, "text": "hi"})

    assert reply.status_code == 403
    assert reply.json() == {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }


async def test_json_requests_are_accepted_as_telegram_does(bot_api: FakeBotApi) -> None:
    chat = bot_api.private_chat()
    url = f"{bot_api.base_url}{bot_api.token}/sendMessage"
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}

    async with httpx.AsyncClient() as client:
        reply = await client.post(
            url, json={"chat_id": chat.id, "text": "hi", "reply_markup": markup}
        )

    assert reply.json()["ok"] is True
    assert bot_api.sent[0].reply_markup == markup


async def test_webhook_is_recorded_and_stops_polling_until_deleted(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    await bot.set_webhook("https://example.org/hook")
    assert bot_api.webhook is not None
    assert bot_api.webhook["url"] == "https://example.org/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()

    await bot.delete_webhook()

    assert await bot.get_updates() == ()


async def test_newer_poll_ends_a_waiting_one_with_conflict(bot_api: FakeBotApi, bot: Bot) -> None:
    older = asyncio.ensure_future(bot.get_updates(timeout=5))
    await bot_api.wait_until(lambda: bot_api.updates.waiting > 0)

    async with httpx.AsyncClient() as second_instance:
        await second_instance.post(f"{bot_api.base_url}{bot_api.token}/getUpdates")

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await older


async def test_long_poll_returns_an_update_that_arrives_while_waiting(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    chat = bot_api.private_chat()
    poll = asyncio.ensure_future(bot.get_updates(timeout=5))
    await bot_api.wait_until(lambda: bot_api.updates.waiting > 0)

    bot_api.send_text(chat, None, "hello")

    updates = await poll
    assert [update.message.text for update in updates if update.message] == ["hello"]


async def test_long_poll_without_updates_answers_empty_after_its_timeout(bot: Bot) -> None:
    assert await bot.get_updates(timeout=0) == ()


async def test_confirmed_updates_are_not_returned_again(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    first = bot_api.send_text(chat, None, "one")
    bot_api.send_text(chat, None, "two")
    assert first is not None

    updates = await bot.get_updates(offset=first + 1)

    assert [update.message.text for update in updates if update.message] == ["two"]


async def test_updates_outside_allowed_updates_are_dropped(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    await bot.get_updates(allowed_updates=[Update.CALLBACK_QUERY])

    dropped = bot_api.send_text(chat, None, "ignored")

    assert dropped is None
    assert await bot.get_updates() == ()


async def test_command_update_carries_a_bot_command_entity(bot_api: FakeBotApi, bot: Bot) -> None:
    group, user = bot_api.group(), bot_api.new_user()
    bot_api.send_command(group, user, "/since 2024-10-20", addressed=True)

    (update,) = await bot.get_updates()

    assert update.message is not None
    assert update.message.text == "/since@LossesTestBot 2024-10-20"
    assert update.message.parse_entities(["bot_command"]) == {
        update.message.entities[0]: "/since@LossesTestBot"
    }


async def test_pressed_button_is_a_callback_query_the_bot_can_answer_once(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    chat = bot_api.private_chat()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Subscribe", callback_data="sub")]])
    await bot.send_message(chat.id, "Settings", reply_markup=keyboard)

    bot_api.press_button(bot_api.sent[0], "sub")
    (update,) = await bot.get_updates()

    query = update.callback_query
    assert query is not None
    assert query.message is not None
    assert (query.data, query.from_user.id, query.message.message_id) == ("sub", chat.id, 1)
    assert await query.answer("Subscribed")
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("again")


async def test_inline_query_is_parsed_and_answered(bot_api: FakeBotApi, bot: Bot) -> None:
    user = bot_api.new_user()
    bot_api.inline_query(user, "tanks")
    (update,) = await bot.get_updates()
    assert update.inline_query is not None
    article = InlineQueryResultArticle("1", "Tanks", InputTextMessageContent("Tanks: 9,382"))

    assert await update.inline_query.answer([article])

    assert bot_api.calls[-1].params["results"][0]["title"] == "Tanks"


async def test_bot_added_to_a_channel_is_a_my_chat_member_update(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    channel, admin = bot_api.channel(), bot_api.new_user()
    bot_api.add_bot(channel, admin)

    (update,) = await bot.get_updates()

    change = update.my_chat_member
    assert change is not None
    assert (change.chat.id, change.from_user.id) == (channel.id, admin.id)
    assert (change.old_chat_member.status, change.new_chat_member.status) == (
        "left",
        "administrator",
    )


async def test_user_who_blocked_the_bot_is_an_update_then_forbidden(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    user = bot_api.new_user()
    bot_api.block_bot(user)

    (update,) = await bot.get_updates()

    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(user.id, "hi")


async def today_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"Figures for {' '.join(context.args or [])}")


async def run_application(bot_api: FakeBotApi) -> AnyApplication:
    application = (
        Application.builder()
        .token(bot_api.token)
        .base_url(bot_api.base_url)
        .base_file_url(bot_api.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("today", today_command))
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_polling(timeout=1)
    await application.start()
    return application


async def stop_application(application: AnyApplication) -> None:
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_command_reaches_the_handler_and_its_reply_is_recorded(
    bot_api: FakeBotApi,
) -> None:
    chat = bot_api.private_chat()
    application = await run_application(bot_api)
    try:
        bot_api.send_command(chat, None, "/today 2024-10-20")

        reply = await bot_api.wait_for(lambda call: call.chat_id == chat.id)
    finally:
        await stop_application(application)

    assert (reply.method, reply.text) == ("sendMessage", "Figures for 2024-10-20")


async def test_command_addressed_to_the_bot_in_a_group_reaches_the_handler(
    bot_api: FakeBotApi,
) -> None:
    group, user = bot_api.supergroup(), bot_api.new_user()
    application = await run_application(bot_api)
    try:
        bot_api.send_command(group, user, "/today", addressed=True)

        reply = await bot_api.wait_for(lambda call: call.chat_id == group.id)
    finally:
        await stop_application(application)

    assert reply.message is not None
    assert reply.message["reply_to_message"]["from"]["id"] == user.id


async def test_wait_for_a_count_returns_the_first_messages(bot_api: FakeBotApi, bot: Bot) -> None:
    chat = bot_api.private_chat()
    for text in ("one", "two", "three"):
        await bot.send_message(chat.id, text)

    sent = await bot_api.wait_for(2)

    assert [call.text for call in sent] == ["one", "two"]


async def test_flood_limit_answers_429_beyond_the_burst_to_one_chat(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    chat = bot_api.private_chat()
    bot_api.enable_flood_limits(FloodLimits(chat_burst=3, clock=FrozenClock()))
    for _ in range(3):
        await bot.send_message(chat.id, "figures")

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(chat.id, "figures")

    assert retry_after_seconds(refused.value) == 1
    assert bot_api.flood_429s == 1


async def test_flood_limit_lets_one_message_a_second_through(bot_api: FakeBotApi, bot: Bot) -> None:
    chat, clock = bot_api.private_chat(), FrozenClock()
    bot_api.enable_flood_limits(FloodLimits(chat_burst=1, clock=clock))

    for _ in range(5):
        await bot.send_message(chat.id, "figures")
        clock.now += 1.0

    assert bot_api.flood_429s == 0


async def test_flood_limit_answers_429_beyond_30_messages_a_second(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    chats = [bot_api.private_chat() for _ in range(31)]
    bot_api.enable_flood_limits(FloodLimits(clock=FrozenClock()))
    for chat in chats[:30]:
        await bot.send_message(chat.id, "figures")

    with pytest.raises(RetryAfter):
        await bot.send_message(chats[30].id, "figures")

    assert bot_api.flood_429s == 1


async def test_flood_limit_answers_429_beyond_20_messages_a_minute_to_a_group(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    group, clock = bot_api.group(), FrozenClock()
    bot_api.enable_flood_limits(FloodLimits(clock=clock))
    for _ in range(20):
        await bot.send_message(group.id, "figures")
        clock.now += 1.0

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group.id, "figures")

    assert retry_after_seconds(refused.value) == 40


async def test_descriptions_longer_than_telegram_allows_are_refused(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    with pytest.raises(BadRequest):
        await bot.set_my_description("x" * 513)
    with pytest.raises(BadRequest):
        await bot.set_my_short_description("x" * 121, language_code="uk")
    with pytest.raises(BadRequest):
        await bot.set_my_description("x", language_code="ukr")

    assert await bot.set_my_short_description("x" * 120, language_code="uk")
    assert bot_api.description("uk", short=True) == "x" * 120
