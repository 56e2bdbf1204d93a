"""Forum topics end to end: the real bot and a forum supergroup of the fake Bot API, whose topics
subscribe, each with its own settings and language, and get the daily post in their own thread.

What reached each topic is read at the fake Bot API (by `message_thread_id`), subscriptions from
the store.
"""

from __future__ import annotations

import asyncio
from datetime import date

from bot.domain.chats import Chat
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_forums import FakeTopic
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.support.fixtures_app import RunningBot
from tests.support.fixtures_delivery import ONE_DAY, WAIT, DeliveryBot, StartDeliveryBot, kyiv

QUIET_DAY = date(2024, 6, 10)
"""A report with no record and no milestone: each subscriber gets the daily post alone."""


def forum_with_admin(api: FakeBotApi) -> tuple[FakeChat, FakeUser]:
    """A forum and one of its administrators, whose Telegram speaks English."""
    forum, admin = api.forum("Losses forum"), api.new_user(language_code="en")
    api.set_member(forum, admin, "administrator")
    return forum, admin


async def in_topic(bot: DeliveryBot, topic: FakeTopic, user: FakeUser, command: str) -> SentCall:
    """Sends a command in the topic and returns the bot's reply there."""
    before = len(bot.api.sent_to_topic(topic))
    bot.api.send_command(topic.chat, user, command, addressed=True, topic=topic)
    await bot.api.wait_until(lambda: len(bot.api.sent_to_topic(topic)) > before, WAIT)
    return bot.api.sent_to_topic(topic)[before]


def posts_in(bot: DeliveryBot, topic: FakeTopic, since: int) -> list[SentCall]:
    """The messages sent (not edits) into the topic from the `since`-th message on."""
    sent = bot.api.sent_to_topic(topic)
    return [call for call in sent if call.method == "sendMessage" and call in bot.api.sent[since:]]


async def stored(bot: DeliveryBot, forum: FakeChat, topic: FakeTopic | None) -> Chat:
    chat = await bot.running.chats.get(forum.id, None if topic is None else topic.thread_id)
    assert chat is not None
    return chat


async def test_a_topic_subscribes_and_receives_the_daily_post_in_its_thread(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        forum, admin = forum_with_admin(bot.api)
        news = bot.api.open_topic(forum, "News", by=admin)
        answer = await in_topic(bot, news, admin, "/subscribe")
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.api.wait_until(lambda: len(posts_in(bot, news, since)) == 1, WAIT)
        await bot.settled()

        (post,) = posts_in(bot, news, since)
        assert post.params["message_thread_id"] == news.thread_id
        assert post.message is not None
        assert post.message["is_topic_message"]
        assert (post.text or "").startswith("<b>Russian losses · 10 June 2024</b>")
        assert (answer.text or "").startswith("✅ Subscribed: the daily post comes to this topic")
        assert bot.api.sent_to_general(forum) == []
        assert (await stored(bot, forum, news)).subscribed
        assert not (await stored(bot, forum, None)).subscribed


async def test_two_topics_of_one_group_keep_their_own_settings_and_languages(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        forum, admin = forum_with_admin(bot.api)
        news = bot.api.open_topic(forum, "News", by=admin)
        novyny = bot.api.open_topic(forum, "Новини", by=admin)
        await in_topic(bot, news, admin, "/subscribe")
        await in_topic(bot, novyny, admin, "/subscribe")
        set_in_ukrainian = await in_topic(bot, novyny, admin, "/lang uk")
        settings = await in_topic(bot, news, admin, "/settings")
        bot.api.press_button(settings, "1:opt:silent", admin)
        await bot.api.wait_until(
            lambda: "✅ Silent" in str(bot.api.message(forum, settings.message_id or 0)), WAIT
        )
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.api.wait_until(
            lambda: all(len(posts_in(bot, topic, since)) == 1 for topic in (news, novyny)), WAIT
        )
        await bot.settled()

        (english,), (ukrainian,) = posts_in(bot, news, since), posts_in(bot, novyny, since)
        assert (settings.text or "").startswith("⚙️ <b>Settings of this topic</b>")
        assert "Готово" in (set_in_ukrainian.text or "")
        assert (english.text or "").startswith("<b>Russian losses")
        assert english.disable_notification
        assert (ukrainian.text or "").startswith("<b>Втрати ворога")
        assert not ukrainian.disable_notification
        group = await stored(bot, forum, None)
        assert (group.language, group.settings.silent, group.subscribed) == ("en", False, False)


async def test_a_deleted_topic_unsubscribes_itself_and_no_other(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        forum, admin = forum_with_admin(bot.api)
        gone, kept = (bot.api.open_topic(forum, name, by=admin) for name in ("Gone", "Kept"))
        await in_topic(bot, gone, admin, "/subscribe")
        await in_topic(bot, kept, admin, "/subscribe")
        bot.api.delete_topic(gone)
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.api.wait_until(lambda: len(posts_in(bot, kept, since)) == 1, WAIT)
        await bot.settled()

        assert not (await stored(bot, forum, gone)).subscribed
        assert (await stored(bot, forum, kept)).subscribed
        refused = [call for call in bot.api.calls if call.error_code == 400]
        assert [(call.params.get("message_thread_id"), call.error_code) for call in refused] == [
            (gone.thread_id, 400)
        ]


async def test_a_forum_that_removes_the_bot_unsubscribes_every_topic(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    forum, admin = forum_with_admin(api)
    news = api.open_topic(forum, "News", by=admin)
    api.send_command(forum, admin, "/subscribe", addressed=True, topic=news)
    api.send_command(forum, admin, "/subscribe", addressed=True)
    await api.wait_until(lambda: len(api.sent_to(forum)) == 2)

    api.remove_bot(forum, admin)

    chats = running_bot.chats
    async with asyncio.timeout(WAIT):  # nothing is sent: read the store until it shows
        while True:
            found = [await chats.get(forum.id), await chats.get(forum.id, news.thread_id)]
            if all(chat is not None and not chat.subscribed for chat in found):
                break
            await asyncio.sleep(0.01)
