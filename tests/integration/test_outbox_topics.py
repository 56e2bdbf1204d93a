"""The outbox and forum topics, against the fake Bot API: each subscribed topic gets its delivery
in its own thread, within its chat's flood limits; a topic that is gone or closed unsubscribes
itself alone, a 403 the chat with every topic; an edit reaches the post in its thread."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.delivery import OutboxWorker, TelegramSender
from bot.domain.chats import Chat, ChatKind
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.services.compose import OutgoingMessage
from bot.store import ChatRepository, Database
from bot.store.deliveries import DeliveryRepository
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_flood import FloodLimits
from tests.fakes.bot_api_forums import FakeTopic
from tests.fakes.bot_api_objects import FakeChat
from tests.support.outbox import DAY, UNLIMITED, stored_deliveries

DAILY = DeliveryKind.DAILY


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x20" + bytes(13)


class NamingComposer:
    """A text naming the delivery's topic and the report's revision (a digest: then a chart);
    nothing for the unsubscribed."""

    def __init__(self) -> None:
        self.revision = 1

    async def compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        if not chat.subscribed:
            return None
        words = f"{delivery.kind.value} for {chat.thread_id} v{self.revision}"
        if delivery.kind.is_digest:
            return OutgoingMessage(words, follow_up=OutgoingMessage("chart", PNG))
        return OutgoingMessage(words)


@pytest.fixture
async def sender(bot_api: FakeBotApi) -> AsyncIterator[TelegramSender]:
    async with TelegramSender.create(bot_api.token, bot_api.root_url, pool_size=8) as sender:
        yield sender


async def owe(
    database: Database, forum: FakeChat, *topics: FakeTopic | None, kind: DeliveryKind = DAILY
) -> None:
    """Subscribes the forum's `topics` (None: its General topic, the group's own) and owes each
    the daily post (or a delivery of `kind`)."""
    threads = [None if topic is None else topic.thread_id for topic in topics]
    async with database.transaction() as session:
        chats, outbox = ChatRepository(session), DeliveryRepository(session)
        for thread in threads:
            await chats.upsert(forum.id, ChatKind.SUPERGROUP, forum.title, "en", thread)
            await chats.set_subscribed(forum.id, True, thread_id=thread)
        await outbox.add_many(NewDelivery(forum.id, DAY, kind, thread) for thread in threads)


async def subscribed_threads(database: Database, forum: FakeChat) -> set[int | None]:
    async with database.session() as session:
        subscribed = await ChatRepository(session).subscribed()
    return {chat.thread_id for chat in subscribed if chat.chat_id == forum.id}


def texts_in(bot_api: FakeBotApi, topic: FakeTopic) -> list[str | None]:
    return [call.text for call in bot_api.sent_to_topic(topic)]


async def test_each_subscribed_topic_gets_its_delivery_in_its_own_thread(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender
) -> None:
    forum = bot_api.forum()
    news, talk = bot_api.open_topic(forum, "News"), bot_api.open_topic(forum, "Talk")
    await owe(database, forum, None, news, talk)

    await OutboxWorker(database, sender, NamingComposer(), UNLIMITED).run_until_idle()

    assert texts_in(bot_api, news) == [f"daily for {news.thread_id} v1"]
    assert texts_in(bot_api, talk) == [f"daily for {talk.thread_id} v1"]
    assert [call.text for call in bot_api.sent_to_general(forum)] == ["daily for None v1"]
    sent = {(d.thread_id, d.status) for d in await stored_deliveries(database)}
    assert sent == {
        (thread, DeliveryStatus.SENT) for thread in (None, news.thread_id, talk.thread_id)
    }


async def test_a_digests_text_and_its_chart_both_go_into_the_topic(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender
) -> None:
    forum = bot_api.forum()
    news = bot_api.open_topic(forum, "News")
    await owe(database, forum, news, kind=DeliveryKind.WEEKLY)

    await OutboxWorker(database, sender, NamingComposer(), UNLIMITED).run_until_idle()

    sent = [(call.method, call.text) for call in bot_api.sent_to_topic(news)]
    assert sent == [("sendMessage", f"weekly for {news.thread_id} v1"), ("sendPhoto", "chart")]
    assert bot_api.sent_to_general(forum) == []


async def test_a_revised_post_is_edited_where_it_is_in_its_thread(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender
) -> None:
    forum = bot_api.forum()
    news = bot_api.open_topic(forum, "News")
    await owe(database, forum, news)
    composer = NamingComposer()
    await OutboxWorker(database, sender, composer, UNLIMITED).run_until_idle()
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_needs_edit(DAY)

    composer.revision = 2
    await OutboxWorker(database, sender, composer, UNLIMITED).run_until_idle()

    (post,) = [call for call in bot_api.sent_to_topic(news) if call.method == "sendMessage"]
    assert post.message_id is not None
    edited = bot_api.message(forum, post.message_id)
    assert (edited["text"], edited["message_thread_id"]) == (
        f"daily for {news.thread_id} v2",
        news.thread_id,
    )


@pytest.mark.parametrize("gone", ["deleted", "closed"])
async def test_a_topic_deleted_or_closed_unsubscribes_itself_and_no_other(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender, gone: str
) -> None:
    forum = bot_api.forum()
    news, talk = bot_api.open_topic(forum, "News"), bot_api.open_topic(forum, "Talk")
    await owe(database, forum, None, news, talk)
    if gone == "deleted":
        bot_api.delete_topic(news)
    else:
        bot_api.close_topic(news)

    await OutboxWorker(database, sender, NamingComposer(), UNLIMITED).run_until_idle()

    assert await subscribed_threads(database, forum) == {None, talk.thread_id}
    assert texts_in(bot_api, talk) == [f"daily for {talk.thread_id} v1"]
    statuses = {d.thread_id: d.status for d in await stored_deliveries(database)}
    assert statuses == {
        None: DeliveryStatus.SENT,
        news.thread_id: DeliveryStatus.FAILED,
        talk.thread_id: DeliveryStatus.SENT,
    }


async def test_a_forum_that_removed_the_bot_is_unsubscribed_with_all_its_topics(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender
) -> None:
    forum = bot_api.forum()
    news, talk = bot_api.open_topic(forum, "News"), bot_api.open_topic(forum, "Talk")
    await owe(database, forum, None, news, talk)
    bot_api.kick(forum)

    await OutboxWorker(database, sender, NamingComposer(), UNLIMITED).run_until_idle()

    assert await subscribed_threads(database, forum) == set()
    statuses = sorted(d.status for d in await stored_deliveries(database))
    assert statuses == [DeliveryStatus.FAILED, DeliveryStatus.SKIPPED, DeliveryStatus.SKIPPED]
    assert bot_api.sent_to(forum) == []


async def test_the_topics_of_a_forum_share_its_messages_a_minute(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender
) -> None:
    """Telegram counts a group's messages per chat, whatever the topic: the sender holds the one
    beyond the window instead of earning a 429 (a window of 5 here, Telegram's is 20)."""
    bot_api.enable_flood_limits(
        FloodLimits(per_chat_per_second=1000, chat_burst=1000, per_group_per_minute=5)
    )
    forum = bot_api.forum()
    topics = [bot_api.open_topic(forum, f"Topic {n}") for n in range(6)]
    await owe(database, forum, *topics)
    settings = dataclasses.replace(UNLIMITED, group_limit=5, group_period=60.0)
    worker = OutboxWorker(database, sender, NamingComposer(), settings)
    stop = asyncio.Event()

    running = asyncio.create_task(worker.run(stop))
    await bot_api.wait_until(lambda: len(bot_api.sent) == 5)
    await asyncio.sleep(0.3)  # the sixth would have gone by now, were topics counted apart
    stop.set()
    await running

    assert len(bot_api.sent) == 5
    assert bot_api.flood_429s == 0
