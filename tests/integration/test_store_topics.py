"""Forum topics in the store, on SQLite and PostgreSQL: each topic a subscription of its own, with
its own settings; campaigns expanded to chats and topics by chat and thread, chunk by chunk;
deliveries unique per (chat, thread, date, kind)."""

from __future__ import annotations

import dataclasses
from datetime import date

from bot.delivery.planner import CampaignPlanner
from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import Campaign, DeliveryKind, NewDelivery
from bot.domain.planning import expand
from bot.store import ChatRepository, Database
from bot.store.campaigns import CampaignRepository
from bot.store.deliveries import DeliveryRepository
from tests.support.outbox import pending_deliveries

FORUM = -1_002_345_678_901
OTHER_FORUM = FORUM + 1  # listed after FORUM
NEWS, TALK = 12, 34
USER = 7_123_456_789
DAY = date(2024, 11, 19)
DAILY, RECORD = DeliveryKind.DAILY, DeliveryKind.RECORD
GROUP_SETTINGS = ChatSettings(silent=True, weekly_digest=True, language="uk")


async def meet(
    database: Database, chat_id: int, thread_id: int | None = None, *, subscribe: bool = False
) -> Chat:
    """The subscription as a command from the chat (or topic) would leave it."""
    async with database.transaction() as session:
        chats = ChatRepository(session)
        chat = await chats.upsert(chat_id, ChatKind.SUPERGROUP, "forum", "en", thread_id)
        if subscribe:
            found = await chats.set_subscribed(chat_id, True, thread_id=thread_id)
            assert found is not None
            chat = found
    return chat


async def stored(database: Database, chat_id: int, thread_id: int | None = None) -> Chat | None:
    async with database.session() as session:
        return await ChatRepository(session).get(chat_id, thread_id)


async def known(database: Database, chat_id: int, thread_id: int | None = None) -> Chat:
    chat = await stored(database, chat_id, thread_id)
    assert chat is not None
    return chat


async def test_a_topic_met_first_is_unsubscribed_with_a_copy_of_its_groups_settings(
    database: Database,
) -> None:
    await meet(database, FORUM, subscribe=True)
    async with database.transaction() as session:
        await ChatRepository(session).update_settings(FORUM, GROUP_SETTINGS)

    topic = await meet(database, FORUM, NEWS)

    assert topic == Chat(FORUM, ChatKind.SUPERGROUP, "forum", False, GROUP_SETTINGS, None, NEWS)
    assert await stored(database, FORUM, NEWS) == topic
    assert await stored(database, FORUM, TALK) is None


async def test_a_topic_met_before_its_group_makes_the_group_known_too(database: Database) -> None:
    await meet(database, FORUM, NEWS)

    group = await stored(database, FORUM)

    assert group == Chat(FORUM, ChatKind.SUPERGROUP, "forum", False, ChatSettings(language="en"))


async def test_a_topics_settings_and_subscription_are_its_own(database: Database) -> None:
    await meet(database, FORUM, subscribe=True)
    await meet(database, FORUM, NEWS, subscribe=True)
    await meet(database, FORUM, TALK, subscribe=True)
    mine = ChatSettings(daily_post=False, category_records=frozenset({"tanks"}), language="uk")

    async with database.transaction() as session:
        chats = ChatRepository(session)
        await chats.update_settings(FORUM, mine, NEWS)
        await chats.set_subscribed(FORUM, False, by_choice=True, thread_id=TALK)

    news, talk, group = (
        await known(database, FORUM, NEWS),
        await known(database, FORUM, TALK),
        await known(database, FORUM),
    )
    assert (news.settings, news.subscribed) == (mine, True)
    assert (talk.settings, talk.subscribed) == (ChatSettings(language="en"), False)
    assert (group.settings, group.subscribed) == (ChatSettings(language="en"), True)


async def test_a_chat_the_bot_left_is_unsubscribed_with_every_topic(database: Database) -> None:
    await meet(database, FORUM, subscribe=True)
    await meet(database, FORUM, NEWS, subscribe=True)
    await meet(database, OTHER_FORUM, NEWS, subscribe=True)

    async with database.transaction() as session:
        own = await ChatRepository(session).unsubscribe_all(FORUM)

    async with database.session() as session:
        subscribed = await ChatRepository(session).subscribed()
    assert own is not None
    assert not own.subscribed
    assert [(chat.chat_id, chat.thread_id) for chat in subscribed] == [(OTHER_FORUM, NEWS)]


async def test_subscriptions_are_listed_by_chat_its_own_before_its_topics(
    database: Database,
) -> None:
    await meet(database, OTHER_FORUM, TALK, subscribe=True)
    await meet(database, FORUM, TALK, subscribe=True)
    await meet(database, FORUM, NEWS, subscribe=True)
    await meet(database, FORUM, subscribe=True)

    async with database.session() as session:
        subscribed = await ChatRepository(session).subscribed()

    assert [(chat.chat_id, chat.thread_id) for chat in subscribed] == [
        (FORUM, None),
        (FORUM, NEWS),
        (FORUM, TALK),
        (OTHER_FORUM, TALK),
    ]


async def test_a_subscribed_topic_counts_as_a_subscriber_of_its_supergroup(
    database: Database,
) -> None:
    await meet(database, FORUM, NEWS, subscribe=True)
    await meet(database, FORUM, TALK, subscribe=True)

    async with database.session() as session:
        chats = ChatRepository(session)
        subscribers = await chats.count_by_kind()
        known = await chats.count_by_kind(subscribed_only=False)

    assert (subscribers[ChatKind.SUPERGROUP], known[ChatKind.SUPERGROUP]) == (2, 1)


async def test_a_topic_and_its_group_are_owed_a_delivery_each_and_never_two(
    database: Database,
) -> None:
    await meet(database, FORUM, subscribe=True)
    await meet(database, FORUM, NEWS, subscribe=True)
    owed = [NewDelivery(FORUM, DAY, DAILY), NewDelivery(FORUM, DAY, DAILY, NEWS)]

    async with database.transaction() as session:
        first = await DeliveryRepository(session).add_many(owed)
    async with database.transaction() as session:
        again = await DeliveryRepository(session).add_many(owed)

    assert (first, again) == (2, 0)
    assert [d.thread_id for d in await pending_deliveries(database)] == [None, NEWS]


async def test_skipping_a_topics_deliveries_leaves_its_groups(database: Database) -> None:
    await meet(database, FORUM, subscribe=True)
    await meet(database, FORUM, NEWS, subscribe=True)
    async with database.transaction() as session:
        await DeliveryRepository(session).add_many(
            [NewDelivery(FORUM, DAY, DAILY), NewDelivery(FORUM, DAY, DAILY, NEWS)]
        )

    async with database.transaction() as session:
        skipped = await DeliveryRepository(session).skip_pending_for_topic(FORUM, NEWS)

    assert skipped == 1
    assert [d.thread_id for d in await pending_deliveries(database)] == [None]


async def test_campaigns_expand_to_chats_and_topics_by_chat_then_thread_chunk_by_chunk(
    database: Database,
) -> None:
    settings = {
        (FORUM, None): ChatSettings(),
        (FORUM, NEWS): ChatSettings(),
        (FORUM, TALK): ChatSettings(record_alerts=False),
        (USER, None): ChatSettings(
            daily_post=False, record_alerts=False, category_records=frozenset({"mlrs"})
        ),
    }
    subscriptions: list[Chat] = []
    for (chat_id, thread_id), chosen in settings.items():
        chat = await meet(database, chat_id, thread_id, subscribe=True)
        async with database.transaction() as session:
            await ChatRepository(session).update_settings(chat_id, chosen, thread_id)
        subscriptions.append(dataclasses.replace(chat, settings=chosen))
    await meet(database, OTHER_FORUM, NEWS)  # not subscribed
    campaigns = [
        Campaign(DAY, DAILY),
        Campaign(DAY, RECORD, frozenset({"personnel_units", "mlrs"})),
    ]
    async with database.transaction() as session:
        await CampaignRepository(session).add_many(campaigns)
    planner = CampaignPlanner(database, chunk=2)

    await planner.plan_some()  # a chunk ends between two topics of one forum
    after_one_chunk = [(d.chat_id, d.thread_id) for d in await pending_deliveries(database)]
    await planner.plan_all()

    assert after_one_chunk == [(FORUM, None), (FORUM, NEWS)]
    owed = [(d.chat_id, d.thread_id, d.kind) for d in await pending_deliveries(database)]
    assert owed == [(d.chat_id, d.thread_id, d.kind) for d in expand(campaigns, subscriptions)]
    async with database.session() as session:
        assert await CampaignRepository(session).owed(campaigns) == len(owed)
