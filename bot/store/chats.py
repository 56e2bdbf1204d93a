"""ChatRepository: the chats the bot knows of, their subscriptions and settings.

A chat has its own subscription (its General topic's, in a forum) and, in a forum supergroup, one
per topic the bot has met; each is read and written as a domain `Chat` whose `thread_id` names
the topic (None: the chat itself). A topic met for the first time starts unsubscribed, with a
copy of its chat's own settings (its language included).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.chats import Chat, ChatKind, ChatSettings, Language
from bot.store.models import (
    NO_THREAD,
    ChatRow,
    SubscriptionRow,
    thread_key,
    thread_of,
)

Address = tuple[int, int | None]
"""(chat id, topic): where a subscription's messages go; None: the chat itself."""


def _settings_columns(settings: ChatSettings) -> dict[str, Any]:
    return {
        "daily_post": settings.daily_post,
        "record_alerts": settings.record_alerts,
        "milestone_alerts": settings.milestone_alerts,
        "category_records": sorted(settings.category_records),
        "silent": settings.silent,
        "picture_card": settings.picture_card,
        "weekly_digest": settings.weekly_digest,
        "monthly_digest": settings.monthly_digest,
        "language": settings.language,
    }


def _settings(row: SubscriptionRow | Row[Any]) -> ChatSettings:
    return ChatSettings(
        daily_post=row.daily_post,
        record_alerts=row.record_alerts,
        milestone_alerts=row.milestone_alerts,
        category_records=frozenset(row.category_records),
        silent=row.silent,
        picture_card=row.picture_card,
        weekly_digest=row.weekly_digest,
        monthly_digest=row.monthly_digest,
        language=row.language,
    )


def _chat(chat: ChatRow | Row[Any], subscription: SubscriptionRow | Row[Any]) -> Chat:
    """The domain subscription of a chat's row and one of its subscriptions' rows (ORM rows, or
    plain rows with the same attributes)."""
    return Chat(
        chat.chat_id,
        ChatKind(chat.kind),
        chat.title,
        subscription.subscribed,
        _settings(subscription),
        chat.added_by,
        thread_of(subscription.thread_id),
    )


def _dialect(session: AsyncSession) -> Any:
    return sqlite if session.get_bind().dialect.name == "sqlite" else postgresql


class ChatRepository:
    """Chats and their subscriptions in and out as domain `Chat`s. Never commits: the caller
    owns the transaction. `thread_id` names a forum topic's subscription; None, the chat's own.

    Methods that change a subscription return it as it now is, or None when it is unknown.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _rows(
        self, chat_id: int, thread_id: int | None
    ) -> tuple[ChatRow, SubscriptionRow] | None:
        chat = await self._session.get(ChatRow, chat_id)
        if chat is None:
            return None
        subscription = await self._session.get(SubscriptionRow, (chat_id, thread_key(thread_id)))
        return None if subscription is None else (chat, subscription)

    async def get(self, chat_id: int, thread_id: int | None = None) -> Chat | None:
        rows = await self._rows(chat_id, thread_id)
        return None if rows is None else _chat(*rows)

    async def get_many(self, addresses: Iterable[Address]) -> dict[Address, Chat]:
        """The known subscriptions among `addresses`, in one query (the outbox reads by batch)."""
        wanted = set(addresses)
        if not wanted:
            return {}
        chat_ids = {chat_id for chat_id, _ in wanted}
        rows = await self._session.execute(
            select(ChatRow, SubscriptionRow)
            .join(SubscriptionRow, SubscriptionRow.chat_id == ChatRow.chat_id)
            .where(ChatRow.chat_id.in_(chat_ids))
        )
        found = (_chat(chat, subscription) for chat, subscription in rows)
        return {
            (chat.chat_id, chat.thread_id): chat
            for chat in found
            if (chat.chat_id, chat.thread_id) in wanted
        }

    async def upsert(
        self,
        chat_id: int,
        kind: ChatKind,
        title: str | None,
        language: Language,
        thread_id: int | None = None,
    ) -> Chat:
        """Updates a known chat's kind and title, or adds it with its own subscription
        (unsubscribed, default settings in `language`); the subscription of `thread_id`, added
        as a copy of the chat's own settings (unsubscribed) when the topic is new.

        Two replicas meeting a new chat at once (webhook mode) both insert: the second insert
        waits for the first and then changes nothing, instead of failing on the key.
        """
        chat = await self._session.get(ChatRow, chat_id)
        if chat is None:
            values = {"chat_id": chat_id, "kind": kind.value, "title": title}
            await self._session.execute(
                _dialect(self._session).insert(ChatRow).values(values).on_conflict_do_nothing()
            )
            chat = await self._session.get(ChatRow, chat_id, populate_existing=True)
            assert chat is not None  # inserted, by this transaction or the one it waited for
        chat.kind, chat.title = kind.value, title
        own = await self._subscription(chat_id, NO_THREAD, ChatSettings(language=language))
        subscription = own
        if thread_id is not None:
            subscription = await self._subscription(chat_id, thread_id, _settings(own))
        await self._session.flush()
        return _chat(chat, subscription)

    async def _subscription(
        self, chat_id: int, thread: int, settings: ChatSettings
    ) -> SubscriptionRow:
        """The stored subscription, added unsubscribed with `settings` if there is none."""
        row = await self._session.get(SubscriptionRow, (chat_id, thread))
        if row is not None:
            return row
        values = {
            "chat_id": chat_id,
            "thread_id": thread,
            "subscribed": False,
            **_settings_columns(settings),
        }
        await self._session.execute(
            _dialect(self._session).insert(SubscriptionRow).values(values).on_conflict_do_nothing()
        )
        row = await self._session.get(SubscriptionRow, (chat_id, thread), populate_existing=True)
        assert row is not None
        return row

    async def set_subscribed(
        self,
        chat_id: int,
        subscribed: bool,
        *,
        by_choice: bool = False,
        thread_id: int | None = None,
    ) -> Chat | None:
        """Subscribes or unsubscribes the chat (or its topic). Unsubscribed `by_choice=False`
        (the chat blocked the bot, or refused a delivery), a subscribed chat is resumed by its
        next /start."""
        rows = await self._rows(chat_id, thread_id)
        if rows is None:
            return None
        _switch(rows[1], subscribed, by_choice=by_choice)
        await self._session.flush()
        return _chat(*rows)

    async def unsubscribe_all(self, chat_id: int) -> Chat | None:
        """Ends every subscription of the chat, its own and its topics' (the bot was removed or
        blocked, or the chat is gone), as `set_subscribed(by_choice=False)` does; the chat's own
        subscription as it now is."""
        chat = await self._session.get(ChatRow, chat_id)
        if chat is None:
            return None
        own: SubscriptionRow | None = None
        for row in await self._session.scalars(
            select(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id)
        ):
            _switch(row, False, by_choice=False)
            own = row if row.thread_id == NO_THREAD else own
        await self._session.flush()
        return None if own is None else _chat(chat, own)

    async def resume(self, chat_id: int) -> Chat | None:
        """Subscribes the chat again if blocking the bot had ended its subscription; the chat."""
        rows = await self._rows(chat_id, None)
        if rows is None:
            return None
        subscription = rows[1]
        if subscription.resume_on_start:
            subscription.subscribed, subscription.resume_on_start = True, False
            await self._session.flush()
        return _chat(*rows)

    async def update_settings(
        self, chat_id: int, settings: ChatSettings, thread_id: int | None = None
    ) -> Chat | None:
        rows = await self._rows(chat_id, thread_id)
        if rows is None:
            return None
        for column, value in _settings_columns(settings).items():
            setattr(rows[1], column, value)
        await self._session.flush()
        return _chat(*rows)

    async def subscribed(self) -> list[Chat]:
        """Every subscribed chat and topic, by chat id, a chat's own before its topics."""
        # Plain rows, not ORM objects: the identity map would more than double the time of a read
        # of every subscriber (bench/subscribers.py).
        chats, subscriptions = ChatRow.__table__, SubscriptionRow.__table__
        rows = await self._session.execute(
            select(chats, subscriptions.c.thread_id, *_SETTINGS_COLUMNS)
            .join(subscriptions, subscriptions.c.chat_id == chats.c.chat_id)
            .where(subscriptions.c.subscribed)
            .order_by(chats.c.chat_id, subscriptions.c.thread_id)
        )
        return [_chat(row, row) for row in rows]

    async def migrate(self, old_id: int, new_id: int) -> Chat | None:
        """Moves a group's subscriptions and settings to the supergroup it became (`new_id`).

        The old id stays known, unsubscribed. A chat already stored under `new_id` keeps its kind
        and title and takes the old chat's subscriptions and settings.
        """
        old = await self._session.get(ChatRow, old_id)
        if old is None:
            return None
        new = await self._session.get(ChatRow, new_id)
        if new is None:
            new = ChatRow(chat_id=new_id, kind=ChatKind.SUPERGROUP.value, title=old.title)
            self._session.add(new)
            await self._session.flush()
        moved = list(
            await self._session.scalars(
                select(SubscriptionRow).where(SubscriptionRow.chat_id == old_id)
            )
        )
        for row in moved:
            target = await self._subscription(new_id, row.thread_id, _settings(row))
            target.subscribed = row.subscribed
            for column, value in _settings_columns(_settings(row)).items():
                setattr(target, column, value)
            row.subscribed = False
        await self._session.flush()
        return await self.get(new_id)

    async def set_added_by(self, chat_id: int, user_id: int) -> Chat | None:
        """Remembers who let the bot post in a channel."""
        rows = await self._rows(chat_id, None)
        if rows is None:
            return None
        rows[0].added_by = user_id
        await self._session.flush()
        return _chat(*rows)

    async def added_by(self, user_id: int) -> list[Chat]:
        """The chats `user_id` added the bot to (their channels), by title."""
        rows = await self._session.execute(
            select(ChatRow, SubscriptionRow)
            .join(SubscriptionRow, SubscriptionRow.chat_id == ChatRow.chat_id)
            .where(ChatRow.added_by == user_id, SubscriptionRow.thread_id == NO_THREAD)
            .order_by(ChatRow.title)
        )
        return [_chat(chat, subscription) for chat, subscription in rows]

    async def count_by_kind(self, *, subscribed_only: bool = True) -> dict[ChatKind, int]:
        """How many subscriptions there are by the kind of their chat (a subscribed topic counts
        as one of its supergroup's); with `subscribed_only=False`, how many chats of each kind
        the bot knows."""
        if subscribed_only:
            query = (
                select(ChatRow.kind, func.count())
                .join(SubscriptionRow, SubscriptionRow.chat_id == ChatRow.chat_id)
                .where(SubscriptionRow.subscribed)
                .group_by(ChatRow.kind)
            )
        else:
            query = select(ChatRow.kind, func.count()).group_by(ChatRow.kind)
        counts = dict.fromkeys(ChatKind, 0)
        for kind, count in await self._session.execute(query):
            counts[ChatKind(kind)] = count
        return counts


_SETTINGS_COLUMNS = tuple(
    SubscriptionRow.__table__.c[name] for name in ("subscribed", *_settings_columns(ChatSettings()))
)


def _switch(row: SubscriptionRow, subscribed: bool, *, by_choice: bool) -> None:
    if subscribed or by_choice:
        row.resume_on_start = False
    elif row.subscribed:
        row.resume_on_start = True
    row.subscribed = subscribed
