"""What the fake Telegram knows: users, chats, memberships, messages, forum topics, and how chats
refuse.

A chat can refuse every message (blocked, kicked, not found, migrated) or the next one only
(a 500 or a 429); a forum topic can be gone or closed; with flood limits on, a message beyond
them is refused with 429 (a forum's topics share their chat's limits, as on Telegram). Ids follow
Telegram's conventions: users positive, basic groups negative, supergroups and channels -100….
"""

from __future__ import annotations

import time
from collections import deque
from itertools import count

from tests.fakes.bot_api_errors import ApiError, chat_not_found, too_many_requests
from tests.fakes.bot_api_flood import FloodGate
from tests.fakes.bot_api_forums import Forums
from tests.fakes.bot_api_objects import ChatType, FakeChat, FakeUser, JsonDict, MemberStatus

SUPERGROUP_ID_BASE = -1_000_000_000_000


class BotApiState:
    """The fake's world, shared by the method handlers and the test controls."""

    def __init__(self, token: str, bot_username: str, auto_create_chats: bool) -> None:
        self.token = token
        self.bot = FakeUser(
            id=int(token.split(":", 1)[0]),
            first_name="Test Bot",
            username=bot_username,
            is_bot=True,
        )
        self.users: dict[int, FakeUser] = {self.bot.id: self.bot}
        self.chats: dict[int, FakeChat] = {}
        self.chats_by_username: dict[str, FakeChat] = {}
        self.roles: dict[tuple[int, int], MemberStatus] = {}
        self.messages: dict[tuple[int, int], JsonDict] = {}
        self.refusals: dict[int, ApiError] = {}
        self.next_refusals: dict[int | None, deque[ApiError]] = {}
        self.updates_refusals: deque[ApiError] = deque()
        """The next getUpdates calls fail with these, one each."""
        self.updates_down: ApiError | None = None
        """Every getUpdates call fails with it, until cleared."""
        self.forums = Forums()
        self.flood: FloodGate | None = None
        self.flood_429s = 0
        self.files: dict[str, bytes] = {}
        self.open_queries: set[str] = set()
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.webhook: JsonDict | None = None
        self.auto_create_chats = auto_create_chats
        self._message_ids: dict[int, count[int]] = {}
        self._user_ids = count(100_000_001)
        self._group_ids = count(4_000_000_001)
        self._supergroup_ids = count(1_000_000_001)
        self._serial = count(1)

    def new_user(
        self, first_name: str, username: str | None = None, language_code: str | None = "en"
    ) -> FakeUser:
        user = FakeUser(next(self._user_ids), first_name, username, language_code)
        self.users[user.id] = user
        return user

    def new_chat(
        self,
        chat_type: ChatType,
        title: str | None = None,
        username: str | None = None,
        user: FakeUser | None = None,
        chat_id: int | None = None,
        *,
        is_forum: bool = False,
    ) -> FakeChat:
        if chat_id is None:
            chat_id = self._new_chat_id(chat_type, user)
        chat = FakeChat(chat_id, chat_type, title, username, user, is_forum)
        self.chats[chat.id] = chat
        if username is not None:
            self.chats_by_username[f"@{username.lower()}"] = chat
        return chat

    def _new_chat_id(self, chat_type: ChatType, user: FakeUser | None) -> int:
        if chat_type == "private":
            assert user is not None, "a private chat belongs to a user"
            return user.id
        if chat_type == "group":
            return -next(self._group_ids)
        return SUPERGROUP_ID_BASE - next(self._supergroup_ids)

    def serial(self) -> str:
        """A fresh opaque id (file ids, query ids)."""
        return f"{next(self._serial):x}"

    def chat(self, chat_id: int | str | None) -> FakeChat:
        """The chat a request names; Telegram's 400 if the bot does not know it."""
        if isinstance(chat_id, str):
            chat = self.chats_by_username.get(chat_id.lower())
        else:
            chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            if not self.auto_create_chats or not isinstance(chat_id, int):
                raise chat_not_found()
            chat = self._invent_chat(chat_id)
        return chat

    def _invent_chat(self, chat_id: int) -> FakeChat:
        if chat_id > 0:
            user = self.users.get(chat_id) or FakeUser(chat_id, f"User {chat_id}")
            self.users[chat_id] = user
            return self.new_chat("private", user=user)
        chat_type: ChatType = "supergroup" if chat_id < SUPERGROUP_ID_BASE else "group"
        return self.new_chat(chat_type, chat_id=chat_id)

    def admit(self, chat: FakeChat, is_new_message: bool, thread_id: int | None = None) -> None:
        """Raise the error Telegram would answer for a message to `chat` (into its topic
        `thread_id`) now, if any."""
        refusal = self.refusals.get(chat.id)
        if refusal is not None:
            raise refusal
        self.forums.check(chat, thread_id)
        if self.next_refusals:
            self.raise_next_refusal(chat.id)
        if is_new_message and self.flood is not None:
            retry_after = self.flood.admit(chat.id, chat.is_group)
            if retry_after:
                self.flood_429s += 1
                raise too_many_requests(retry_after)

    def raise_next_refusal(self, chat_id: int | None) -> None:
        queued = self.next_refusals.get(chat_id)
        if queued:
            error = queued.popleft()
            if not queued:
                del self.next_refusals[chat_id]
            raise error

    def member_status(self, chat: FakeChat, user_id: int) -> MemberStatus:
        status = self.roles.get((chat.id, user_id))
        if status is not None:
            return status
        if user_id == self.bot.id and chat.type == "channel":
            return "administrator"
        return "member"

    def new_message(self, chat: FakeChat, sender: FakeUser | None, content: JsonDict) -> JsonDict:
        """A Message in `chat` with the chat's next id; stored so it can be edited or pressed."""
        ids = self._message_ids.get(chat.id)
        if ids is None:
            ids = self._message_ids[chat.id] = count(1)
        message: JsonDict = {"message_id": next(ids), "date": int(time.time()), "chat": chat.json}
        if chat.type == "channel":
            message["sender_chat"] = chat.json
        elif sender is not None:
            message["from"] = sender.json
        message.update(content)
        self.messages[chat.id, message["message_id"]] = message
        return message
