"""Chat use cases: knowing a chat, its subscriptions and settings. Each call is one transaction.

`thread_id` names a forum topic: each topic of a forum supergroup has its own subscription and
settings (its language included); None is the chat's own (in a forum, its General topic's).

`migrate_chat` is the one way a group that became a supergroup moves to its new id: the
migration's service message (the handler) and a send refused with `migrate_to_chat_id` (the
outbox worker) both run it, in whichever order they come.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.chats import Chat, ChatKind, ChatSettings, Language
from bot.render.i18n import language_of_client
from bot.store.chats import ChatRepository
from bot.store.coordination import Change, notify
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository

log = logging.getLogger(__name__)

REMEMBERED_LANGUAGES = 100_000
"""How many chats' languages (with their topics') are kept in memory."""


def language_of(user_language_code: str | None) -> Language:
    """The language a user's Telegram client picks (`language-client-codes` in the catalogs);
    the default language for every other client."""
    return language_of_client(user_language_code)


async def migrate_chat(session: AsyncSession, old_id: int, new_id: int) -> Chat | None:
    """Moves a group to the supergroup it became (`new_id`), within the caller's transaction:
    its subscriptions and settings, and its pending (and to-be-edited) deliveries; the new chat
    as it now is (None if neither id is known).

    Idempotent: once the old chat is unsubscribed and the new one known, the migration is done
    and only its deliveries (none left, unless some were added since) are moved. Without this,
    the second of the two triggers would copy the old chat's state as the first left it (not
    subscribed) over the new chat.
    """
    chats = ChatRepository(session)
    old, new = await chats.get(old_id), await chats.get(new_id)
    if old is not None and (old.subscribed or new is None):
        new = await chats.migrate(old_id, new_id)
        log.info("chat %s migrated to %s", old_id, new_id)
    await DeliveryRepository(session).move_chat(old_id, new_id)
    return new


class ChatService:
    """Every call reads or writes the store, except `language`: a chat's language changes only
    through this service, so it is kept in memory once known and a command from a known chat
    (or topic) costs no database work. (Subscriptions are not kept: delivery also changes them.)
    Another replica that changes a chat's settings tells this one (NOTIFY), which then
    `forget`s it."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._languages: OrderedDict[int, dict[int | None, Language]] = OrderedDict()
        """By chat id, then topic (None: the chat's own); the least recently met chat first."""

    def _remember(self, chat: Chat | None) -> Chat | None:
        if chat is not None:
            topics = self._languages.get(chat.chat_id)
            if topics is None:
                topics = self._languages[chat.chat_id] = {}
            self._languages.move_to_end(chat.chat_id)
            topics[chat.thread_id] = chat.language
            if len(self._languages) > REMEMBERED_LANGUAGES:
                self._languages.popitem(last=False)
        return chat

    async def language(
        self,
        chat_id: int,
        kind: ChatKind,
        title: str | None,
        user_language_code: str | None,
        thread_id: int | None = None,
    ) -> Language:
        """The language to answer a chat (or its topic) in; it is added (as `ensure`) on first
        contact."""
        language = self._languages.get(chat_id, {}).get(thread_id)
        if language is None:
            chat = await self.ensure(chat_id, kind, title, user_language_code, thread_id)
            language = chat.language
        return language

    async def get(self, chat_id: int, thread_id: int | None = None) -> Chat | None:
        async with self._database.session() as session:
            return await ChatRepository(session).get(chat_id, thread_id)

    async def ensure(
        self,
        chat_id: int,
        kind: ChatKind,
        title: str | None,
        user_language_code: str | None,
        thread_id: int | None = None,
    ) -> Chat:
        """The chat (or its topic) as stored, added on first contact with the language of the
        user's client (a new topic: with a copy of its chat's settings)."""
        async with self._database.transaction() as session:
            chat = await ChatRepository(session).upsert(
                chat_id, kind, title, language_of(user_language_code), thread_id
            )
        self._remember(chat)
        return chat

    async def set_subscribed(
        self,
        chat_id: int,
        subscribed: bool,
        *,
        by_choice: bool = True,
        thread_id: int | None = None,
    ) -> Chat | None:
        """The chat's (or its topic's) subscription as asked (`by_choice`), or as membership
        ended it (then its next /start resumes it: see `resume`)."""
        async with self._database.transaction() as session:
            repository = ChatRepository(session)
            chat = await repository.set_subscribed(
                chat_id, subscribed, by_choice=by_choice, thread_id=thread_id
            )
        where = chat_id if thread_id is None else f"{chat_id} (topic {thread_id})"
        log.info("chat %s %s", where, "subscribed" if subscribed else "unsubscribed")
        return chat

    async def left(self, chat_id: int) -> Chat | None:
        """The bot left the chat or was blocked there: every subscription of it ends, its own
        and its topics' (a later /start or /subscribe brings one back)."""
        async with self._database.transaction() as session:
            chat = await ChatRepository(session).unsubscribe_all(chat_id)
        log.info("chat %s unsubscribed (its forum topics too, if any)", chat_id)
        return chat

    async def resume(self, chat_id: int) -> Chat | None:
        """Subscribes again a chat whose subscription ended when it blocked the bot."""
        async with self._database.transaction() as session:
            chat = await ChatRepository(session).resume(chat_id)
        if chat is not None and chat.subscribed:
            log.info("chat %s resumed its subscription", chat_id)
        return chat

    async def set_added_by(self, chat_id: int, user_id: int) -> Chat | None:
        async with self._database.transaction() as session:
            return await ChatRepository(session).set_added_by(chat_id, user_id)

    async def added_by(self, user_id: int) -> list[Chat]:
        """The channels `user_id` let the bot post in."""
        async with self._database.session() as session:
            return await ChatRepository(session).added_by(user_id)

    def forget(self, chat_id: int | None = None) -> None:
        """Forgets what is remembered of the chat and its topics (of every chat: None)."""
        if chat_id is None:
            self._languages.clear()
        else:
            self._languages.pop(chat_id, None)

    async def update_settings(
        self, chat_id: int, settings: ChatSettings, thread_id: int | None = None
    ) -> Chat | None:
        async with self._database.transaction() as session:
            chat = await ChatRepository(session).update_settings(chat_id, settings, thread_id)
            await notify(session, Change.CHAT, chat_id)
        return self._remember(chat)

    async def set_language(
        self, chat_id: int, language: Language, thread_id: int | None = None
    ) -> Chat | None:
        async with self._database.transaction() as session:
            repository = ChatRepository(session)
            chat = await repository.get(chat_id, thread_id)
            if chat is None:
                return None
            settings = dataclasses.replace(chat.settings, language=language)
            chat = await repository.update_settings(chat_id, settings, thread_id)
            await notify(session, Change.CHAT, chat_id)
        return self._remember(chat)

    async def migrate(self, old_id: int, new_id: int) -> Chat | None:
        """Moves a group's subscriptions, settings and deliveries to the supergroup it became
        (`migrate_chat`); a no-op when that was done already."""
        async with self._database.transaction() as session:
            chat = await migrate_chat(session, old_id, new_id)
        return self._remember(chat)
