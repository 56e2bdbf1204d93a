"""The fake Bot API's forums, driven by python-telegram-bot's own Bot: topics as Telegram shows
them to a bot, and its answers to messages into topics that are gone or closed, as PTB raises them
and the outbox classifies them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, RetryAfter

from bot.delivery.outcomes import ChatGone, TopicGone, classify
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_flood import FloodLimits


@pytest.fixture
async def bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(bot_api.token, base_url=bot_api.base_url) as bot:
        yield bot


async def test_a_message_in_a_topic_names_its_thread_and_one_in_general_does_not(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    forum = bot_api.forum()
    user = bot_api.new_user()
    news = bot_api.open_topic(forum, "News", by=user)
    bot_api.send_text(forum, user, "in the topic", topic=news)
    bot_api.send_text(forum, user, "in General")

    opened, in_topic, in_general = (update.message for update in await bot.get_updates())

    assert opened is not None
    assert opened.forum_topic_created is not None
    assert opened.message_thread_id == opened.message_id == news.thread_id
    assert in_topic is not None
    assert in_general is not None
    assert in_topic.chat.is_forum
    assert (in_topic.message_thread_id, in_topic.is_topic_message) == (news.thread_id, True)
    assert in_topic.reply_to_message is not None
    assert in_topic.reply_to_message.forum_topic_created is not None
    assert (in_general.message_thread_id, in_general.is_topic_message) == (None, None)


async def test_a_message_sent_into_a_topic_is_in_that_topic(bot_api: FakeBotApi, bot: Bot) -> None:
    forum = bot_api.forum()
    news = bot_api.open_topic(forum, "News")

    sent = await bot.send_message(forum.id, "daily post", message_thread_id=news.thread_id)

    assert (sent.message_thread_id, sent.is_topic_message) == (news.thread_id, True)
    assert [call.text for call in bot_api.sent_to_topic(news)] == ["daily post"]
    assert bot_api.sent_to_general(forum) == []


async def test_a_reply_to_a_message_in_a_topic_goes_into_the_topic(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    forum = bot_api.forum()
    user = bot_api.new_user()
    news = bot_api.open_topic(forum, "News", by=user)
    bot_api.send_text(forum, user, "hello", topic=news)
    *_, update = await bot.get_updates()
    assert update.message is not None

    reply = await update.message.reply_text("hi")  # PTB passes the message's thread on

    assert reply.message_thread_id == news.thread_id
    assert [call.text for call in bot_api.sent_to_topic(news)] == ["hi"]


async def test_a_message_into_a_deleted_topic_is_refused_and_classified_as_the_topic_gone(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    forum = bot_api.forum()
    news = bot_api.open_topic(forum, "News")
    posted = await bot.send_message(forum.id, "before", message_thread_id=news.thread_id)
    bot_api.delete_topic(news)

    with pytest.raises(BadRequest) as refused:
        await bot.send_message(forum.id, "after", message_thread_id=news.thread_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("edited", chat_id=forum.id, message_id=posted.message_id)

    assert refused.value.message == "Message thread not found"
    assert classify(refused.value) == TopicGone("Message thread not found")
    assert await bot.send_message(forum.id, "General still works")


async def test_a_message_into_a_closed_topic_is_refused_until_it_is_reopened(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    forum = bot_api.forum()
    news = bot_api.open_topic(forum, "News")
    bot_api.close_topic(news)

    with pytest.raises(BadRequest) as refused:
        await bot.send_message(forum.id, "closed", message_thread_id=news.thread_id)
    bot_api.reopen_topic(news)
    reopened = await bot.send_message(forum.id, "open", message_thread_id=news.thread_id)

    assert refused.value.message == "Topic_closed"  # PTB's spelling of "TOPIC_CLOSED"
    assert isinstance(classify(refused.value), TopicGone)
    assert reopened.message_thread_id == news.thread_id


@pytest.mark.parametrize("thread_id", [1, 999])
async def test_a_thread_no_topic_of_the_forum_has_is_not_found(
    bot_api: FakeBotApi, bot: Bot, thread_id: int
) -> None:
    forum = bot_api.forum()

    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum.id, "nowhere", message_thread_id=thread_id)


async def test_a_thread_in_a_chat_without_topics_is_not_found(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    group = bot_api.supergroup()

    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(group.id, "nowhere", message_thread_id=5)


async def test_chat_not_found_is_the_chat_gone_not_a_topic(bot_api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(-100123, "nobody", message_thread_id=5)

    assert classify(refused.value) == ChatGone("Chat not found")


async def test_the_topics_of_a_forum_share_its_twenty_messages_a_minute(
    bot_api: FakeBotApi, bot: Bot
) -> None:
    bot_api.enable_flood_limits(FloodLimits(per_chat_per_second=1000, chat_burst=1000))
    forum = bot_api.forum()
    topics = [bot_api.open_topic(forum, f"Topic {n}") for n in range(4)]

    for n in range(20):
        await bot.send_message(forum.id, f"{n}", message_thread_id=topics[n % 4].thread_id)
    with pytest.raises(RetryAfter):
        await bot.send_message(forum.id, "one too many", message_thread_id=topics[0].thread_id)

    assert bot_api.flood_429s == 1
