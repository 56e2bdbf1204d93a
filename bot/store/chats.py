"""ChatRepository: the chats the bot knows of, their subscription and settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.chats import Chat, ChatKind, ChatSettings, Language
from bot.store.models import ChatRow


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


def _chat(row: ChatRow | Row[Any]) -> Chat:
    """The domain chat of an ORM row or of a plain row of the chats table (same attributes)."""
    settings = ChatSettings(
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
    return Chat(row.chat_id, ChatKind(row.kind), row.title, row.subscribed, settings, row.added_by)


class ChatRepository:
    """Chats in and out as domain `Chat`s. Never commits: the caller owns the transaction.

    Methods that change a chat return it as it now is, or None when the chat is unknown.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, chat_id: int) -> Chat | None:
        row = await self._session.get(ChatRow, chat_id)
        return None if row is None else _chat(row)

    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, Chat]:
        """The known chats among `chat_ids`, by id, in one query (the outbox reads by batch)."""
        ids = set(chat_ids)
        if not ids:
            return {}
        rows = await self._session.scalars(select(ChatRow).where(ChatRow.chat_id.in_(ids)))
        return {row.chat_id: _chat(row) for row in rows}

    async def upsert(
        self, chat_id: int, kind: ChatKind, title: str | None, language: Language
    ) -> Chat:
        """Updates a known chat's kind and title, or adds it unsubscribed with default settings.

        Two replicas meeting a new chat at once (webhook mode) both insert: the second insert
        waits for the first and then changes nothing, instead of failing on the key.
        """
        row = await self._session.get(ChatRow, chat_id)
        if row is None:
            dialect = sqlite if self._session.get_bind().dialect.name == "sqlite" else postgresql
            values = {
                "chat_id": chat_id,
                "kind": kind.value,
                "title": title,
                "subscribed": False,
                **_settings_columns(ChatSettings(language=language)),
            }
            await self._session.execute(
                dialect.insert(ChatRow).values(values).on_conflict_do_nothing()
            )
            row = await self._session.get(ChatRow, chat_id, populate_existing=True)
            assert row is not None  # inserted, by this transaction or the one it waited for
        row.kind, row.title = kind.value, title
        await self._session.flush()
        return _chat(row)

    async def set_subscribed(
        self, chat_id: int, subscribed: bool, *, by_choice: bool = False
    ) -> Chat | None:
        """Subscribes or unsubscribes the chat. Unsubscribed `by_choice=False` (the chat blocked
        the bot, or refused a delivery), a subscribed chat is resumed by its next /start."""
        row = await self._session.get(ChatRow, chat_id)
        if row is None:
            return None
        if subscribed or by_choice:
            row.resume_on_start = False
        elif row.subscribed:
            row.resume_on_start = True
        row.subscribed = subscribed
        await self._session.flush()
        return _chat(row)

    async def resume(self, chat_id: int) -> Chat | None:
        """Subscribes the chat again if blocking the bot had ended its subscription; the chat."""
        row = await self._session.get(ChatRow, chat_id)
        if row is None:
            return None
        if row.resume_on_start:
            row.subscribed, row.resume_on_start = True, False
            await self._session.flush()
        return _chat(row)

    async def update_settings(self, chat_id: int, settings: ChatSettings) -> Chat | None:
        row = await self._session.get(ChatRow, chat_id)
        if row is None:
            return None
        for column, value in _settings_columns(settings).items():
            setattr(row, column, value)
        await self._session.flush()
        return _chat(row)

    async def subscribed(self) -> list[Chat]:
        """Every subscribed chat, by id."""
        # Plain rows, not ORM objects: a poll reads every subscriber (100,000 in the benchmark),
        # and the identity map would more than double the time (bench/subscribers.py).
        table = ChatRow.__table__
        rows = await self._session.execute(
            select(table).where(table.c.subscribed).order_by(table.c.chat_id)
        )
        return [_chat(row) for row in rows]

    async def migrate(self, old_id: int, new_id: int) -> Chat | None:
        """Moves a group's subscription and settings to the supergroup it became (`new_id`).

        The old id stays known, unsubscribed. A chat already stored under `new_id` keeps its kind
        and title and takes the old chat's subscription and settings.
        """
        old = await self._session.get(ChatRow, old_id)
        if old is None:
            return None
        moved = _chat(old)
        new = await self._session.get(ChatRow, new_id)
        if new is None:
            new = ChatRow(chat_id=new_id, kind=ChatKind.SUPERGROUP.value, title=old.title)
            self._session.add(new)
        new.subscribed = moved.subscribed
        for column, value in _settings_columns(moved.settings).items():
            setattr(new, column, value)
        old.subscribed = False
        await self._session.flush()
        return _chat(new)

    async def set_added_by(self, chat_id: int, user_id: int) -> Chat | None:
        """Remembers who let the bot post in a channel."""
        row = await self._session.get(ChatRow, chat_id)
        if row is None:
            return None
        row.added_by = user_id
        await self._session.flush()
        return _chat(row)

    async def added_by(self, user_id: int) -> list[Chat]:
        """The chats `user_id` added the bot to (their channels), by title."""
        rows = await self._session.scalars(
            select(ChatRow).where(ChatRow.added_by == user_id).order_by(ChatRow.title)
        )
        return [_chat(row) for row in rows]

    async def count_by_kind(self, *, subscribed_only: bool = True) -> dict[ChatKind, int]:
        """How many chats of each kind there are (subscribed ones only, by default)."""
        query = select(ChatRow.kind, func.count()).group_by(ChatRow.kind)
        if subscribed_only:
            query = query.where(ChatRow.subscribed)
        counts = dict.fromkeys(ChatKind, 0)
        for kind, count in await self._session.execute(query):
            counts[ChatKind(kind)] = count
        return counts
