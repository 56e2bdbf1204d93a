"""The chat store, on SQLite and PostgreSQL: chats, subscriptions, settings, group migrations."""

from __future__ import annotations

from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.store import ChatRepository, Database

GROUP_ID = -4_012_345_678
SUPERGROUP_ID = -1_001_234_567_890  # beyond 32 bits, like every supergroup id
USER_ID = 7_123_456_789

CUSTOM = ChatSettings(
    daily_post=False,
    record_alerts=True,
    milestone_alerts=False,
    category_records=frozenset({"tanks", "uav_systems", "laser_systems"}),
    silent=True,
    picture_card=True,
    weekly_digest=True,
    monthly_digest=False,
    language="en",
)


async def known(database: Database, chat_id: int) -> Chat | None:
    async with database.session() as session:
        return await ChatRepository(session).get(chat_id)


async def add(
    database: Database,
    chat_id: int,
    kind: ChatKind = ChatKind.GROUP,
    *,
    subscribed: bool = True,
) -> None:
    async with database.transaction() as session:
        chats = ChatRepository(session)
        await chats.upsert(chat_id, kind, f"chat {chat_id}", "uk")
        await chats.set_subscribed(chat_id, subscribed)


async def test_a_new_chat_is_unsubscribed_with_default_settings(database: Database) -> None:
    async with database.transaction() as session:
        chat = await ChatRepository(session).upsert(USER_ID, ChatKind.PRIVATE, None, "en")

    expected = Chat(USER_ID, ChatKind.PRIVATE, None, False, ChatSettings(language="en"))
    assert chat == expected
    assert await known(database, USER_ID) == expected


async def test_an_unknown_chat_is_none(database: Database) -> None:
    assert await known(database, USER_ID) is None


async def test_upserting_a_known_chat_changes_only_its_kind_and_title(database: Database) -> None:
    await add(database, SUPERGROUP_ID, ChatKind.GROUP)

    async with database.transaction() as session:
        await ChatRepository(session).upsert(SUPERGROUP_ID, ChatKind.SUPERGROUP, "renamed", "en")

    chat = await known(database, SUPERGROUP_ID)
    assert chat == Chat(
        SUPERGROUP_ID, ChatKind.SUPERGROUP, "renamed", True, ChatSettings(language="uk")
    )


async def test_a_subscribed_chat_is_listed_and_an_unsubscribed_one_is_not(
    database: Database,
) -> None:
    await add(database, USER_ID, ChatKind.PRIVATE)
    await add(database, GROUP_ID, subscribed=False)

    async with database.session() as session:
        subscribed = await ChatRepository(session).subscribed()

    assert [chat.chat_id for chat in subscribed] == [USER_ID]


async def test_settings_round_trip(database: Database) -> None:
    await add(database, GROUP_ID)

    async with database.transaction() as session:
        updated = await ChatRepository(session).update_settings(GROUP_ID, CUSTOM)

    assert updated is not None
    assert updated.settings == CUSTOM
    chat = await known(database, GROUP_ID)
    assert chat is not None
    assert chat.settings == CUSTOM


async def test_changing_an_unknown_chat_changes_nothing(database: Database) -> None:
    async with database.transaction() as session:
        chats = ChatRepository(session)
        assert await chats.set_subscribed(USER_ID, True) is None
        assert await chats.update_settings(USER_ID, CUSTOM) is None
        assert await chats.migrate(GROUP_ID, SUPERGROUP_ID) is None

    assert await known(database, USER_ID) is None
    assert await known(database, SUPERGROUP_ID) is None


async def test_a_migrated_group_moves_its_subscription_and_settings(database: Database) -> None:
    await add(database, GROUP_ID)
    async with database.transaction() as session:
        await ChatRepository(session).update_settings(GROUP_ID, CUSTOM)

    async with database.transaction() as session:
        moved = await ChatRepository(session).migrate(GROUP_ID, SUPERGROUP_ID)

    expected = Chat(SUPERGROUP_ID, ChatKind.SUPERGROUP, f"chat {GROUP_ID}", True, CUSTOM)
    assert moved == expected
    assert await known(database, SUPERGROUP_ID) == expected
    old = await known(database, GROUP_ID)
    assert old is not None
    assert not old.subscribed


async def test_a_migration_onto_a_known_supergroup_keeps_its_title(database: Database) -> None:
    await add(database, GROUP_ID)
    async with database.transaction() as session:
        chats = ChatRepository(session)
        await chats.upsert(SUPERGROUP_ID, ChatKind.SUPERGROUP, "the supergroup", "en")

    async with database.transaction() as session:
        await ChatRepository(session).migrate(GROUP_ID, SUPERGROUP_ID)

    chat = await known(database, SUPERGROUP_ID)
    assert chat == Chat(
        SUPERGROUP_ID, ChatKind.SUPERGROUP, "the supergroup", True, ChatSettings(language="uk")
    )


async def test_subscribed_chats_are_counted_by_kind(database: Database) -> None:
    await add(database, USER_ID, ChatKind.PRIVATE)
    await add(database, USER_ID + 1, ChatKind.PRIVATE)
    await add(database, SUPERGROUP_ID, ChatKind.SUPERGROUP)
    await add(database, GROUP_ID, subscribed=False)

    async with database.session() as session:
        chats = ChatRepository(session)
        subscribed = await chats.count_by_kind()
        every = await chats.count_by_kind(subscribed_only=False)

    assert subscribed == {
        ChatKind.PRIVATE: 2,
        ChatKind.GROUP: 0,
        ChatKind.SUPERGROUP: 1,
        ChatKind.CHANNEL: 0,
    }
    assert every[ChatKind.GROUP] == 1


async def test_a_chat_that_refused_a_delivery_is_resumed_by_its_next_start(
    database: Database,
) -> None:
    await add(database, USER_ID, ChatKind.PRIVATE)
    async with database.transaction() as session:  # as the outbox does after a 403
        await ChatRepository(session).set_subscribed(USER_ID, False)

    async with database.transaction() as session:
        resumed = await ChatRepository(session).resume(USER_ID)

    assert resumed is not None
    assert resumed.subscribed


async def test_a_chat_that_unsubscribed_by_choice_is_not_resumed(database: Database) -> None:
    await add(database, USER_ID, ChatKind.PRIVATE)
    async with database.transaction() as session:
        await ChatRepository(session).set_subscribed(USER_ID, False, by_choice=True)

    async with database.transaction() as session:
        resumed = await ChatRepository(session).resume(USER_ID)

    assert resumed is not None
    assert not resumed.subscribed
