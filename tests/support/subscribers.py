"""Many subscribed chats at once, written straight into the store (benchmarks, replicas' tests).

The repositories add chats one at a time, as people arrive; a test or benchmark that needs
100,000 subscribers inserts them in bulk instead: each chat with its own subscription (thread 0),
subscribed, default settings but for its language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import NO_THREAD, ChatRow, SubscriptionRow


async def insert_subscribed_chats(
    session: AsyncSession,
    chat_ids: Iterable[int],
    language: Callable[[int], str] = lambda _: "uk",
) -> None:
    """Adds subscribed private chats with these ids, each in `language(chat_id)`."""
    ids = list(chat_ids)
    if not ids:
        return
    await session.execute(
        sa.insert(ChatRow),
        [{"chat_id": chat_id, "kind": "private", "title": None} for chat_id in ids],
    )
    await session.execute(
        sa.insert(SubscriptionRow),
        [
            {"chat_id": chat_id, "thread_id": NO_THREAD, "language": language(chat_id)}
            | {"subscribed": True, "category_records": []}
            for chat_id in ids
        ],
    )
