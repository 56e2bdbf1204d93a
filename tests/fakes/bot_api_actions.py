"""What people do in Telegram, turned into the updates Telegram would give the bot.

Users write commands and texts (in a forum, in a topic if one is given), press inline buttons,
type inline queries; admins add or remove the bot; a private user blocks it; a group becomes a
supergroup. Forums and their topics are made in `bot_api_topics`. Membership changes also change
how the chat answers the bot afterwards (a blocked bot gets 403), as on Telegram.
"""

from __future__ import annotations

import time
from typing import Any

from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_errors import group_migrated, kicked_from
from tests.fakes.bot_api_forums import FakeTopic
from tests.fakes.bot_api_objects import FakeChat, FakeUser, JsonDict, MemberStatus
from tests.fakes.bot_api_objects import chat_member as member_shape
from tests.fakes.bot_api_state import BotApiState
from tests.fakes.bot_api_updates import UpdateQueue


class ChatActions:
    """Test controls that create users and chats and inject their updates."""

    def __init__(self, state: BotApiState, updates: UpdateQueue) -> None:
        self.state = state
        self.updates = updates

    @property
    def users(self) -> dict[int, FakeUser]:
        """Every user the fake knows, the bot included, by id."""
        return self.state.users

    def new_user(
        self, first_name: str = "Olena", *, username: str | None = None, language_code: str = "uk"
    ) -> FakeUser:
        return self.state.new_user(first_name, username, language_code)

    def private_chat(self, user: FakeUser | None = None) -> FakeChat:
        """The private chat with `user` (a new user if none is given)."""
        user = user or self.new_user()
        return self.state.chats.get(user.id) or self.state.new_chat("private", user=user)

    def group(self, title: str = "Test group") -> FakeChat:
        return self.state.new_chat("group", title)

    def supergroup(self, title: str = "Test supergroup", username: str | None = None) -> FakeChat:
        return self.state.new_chat("supergroup", title, username)

    def channel(self, title: str = "Test channel", username: str | None = None) -> FakeChat:
        return self.state.new_chat("channel", title, username)

    def set_member(self, chat: FakeChat, user: FakeUser, status: MemberStatus) -> None:
        """What getChatMember answers for `user` in `chat`."""
        self.state.roles[chat.id, user.id] = status

    def send_text(
        self, chat: FakeChat, user: FakeUser | None, text: str, *, topic: FakeTopic | None = None
    ) -> int | None:
        """A user's message (a post in a channel; in `topic` of a forum if given); the update
        id, or None if not allowed."""
        return self._post(chat, user, {"text": text}, topic)

    def send_command(
        self,
        chat: FakeChat,
        user: FakeUser | None,
        text: str,
        *,
        addressed: bool = False,
        topic: FakeTopic | None = None,
    ) -> int | None:
        """A command such as "/today 2024-10-20"; `addressed` writes it "/today@botname …";
        sent in `topic` of a forum if given (else in its General topic)."""
        assert text.startswith("/"), "a command starts with /"
        command, _, rest = text.partition(" ")
        if addressed and "@" not in command:
            command = f"{command}@{self.state.bot.username}"
            text = f"{command} {rest}" if rest else command
        length = len(command.encode("utf-16-le")) // 2
        entity = {"type": "bot_command", "offset": 0, "length": length}
        return self._post(chat, user, {"text": text, "entities": [entity]}, topic)

    def press_button(
        self, message: SentCall | JsonDict, data: str, user: FakeUser | None = None
    ) -> str:
        """A press on an inline button of a message the bot sent; the callback query's id."""
        sent = message.message if isinstance(message, SentCall) else message
        assert sent is not None, "only a message the bot sent has buttons"
        chat = self.state.chats[sent["chat"]["id"]]
        current = self.state.messages[chat.id, sent["message_id"]]
        buttons = [
            button.get("callback_data")
            for row in current.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]
        if data not in buttons:
            raise ValueError(f"no button with callback data {data!r} in {buttons}")
        presser = user or chat.user
        assert presser is not None, "say which user presses a button outside a private chat"
        query_id = self.state.serial()
        self.state.open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": presser.json,
            "message": current,
            "chat_instance": str(abs(chat.id) * 7919),
            "data": data,
        }
        self.updates.push("callback_query", query)
        return query_id

    def forge_press(
        self,
        user: FakeUser,
        data: str | None,
        message: SentCall | JsonDict | None = None,
    ) -> str:
        """A callback query as a hostile or broken client can send one: any data (or none), on
        a message the bot sent or on none (an inline message's button); the query's id."""
        query_id = self.state.serial()
        self.state.open_queries.add(query_id)
        query: JsonDict = {"id": query_id, "from": user.json, "chat_instance": "1"}
        if data is not None:
            query["data"] = data
        sent = message.message if isinstance(message, SentCall) else message
        if sent is None:
            query["inline_message_id"] = f"inline-{query_id}"
        else:
            query["message"] = self.state.messages[sent["chat"]["id"], sent["message_id"]]
        self.updates.push("callback_query", query)
        return query_id

    def inline_query(self, user: FakeUser, query: str, offset: str = "") -> str:
        """A user typing "@botname query"; the inline query's id."""
        query_id = self.state.serial()
        self.state.open_queries.add(query_id)
        payload = {"id": query_id, "from": user.json, "query": query, "offset": offset}
        self.updates.push("inline_query", payload)
        return query_id

    def add_bot(
        self, chat: FakeChat, by: FakeUser, status: MemberStatus = "administrator"
    ) -> int | None:
        """An admin adds the bot to a group or channel (or a user starts a private chat)."""
        outside: MemberStatus = "kicked" if chat.type == "private" else "left"
        old = self.state.roles.get((chat.id, self.state.bot.id), outside)
        if chat.type == "channel" and self.state.roles.get((chat.id, by.id)) != "creator":
            # Only a channel's admins can add a member to it, let alone an administrator.
            self.state.roles[chat.id, by.id] = "administrator"
        self.state.refusals.pop(chat.id, None)
        update_id = self._bot_membership(chat, by, old, status)
        if chat.is_group:
            self._post(chat, by, {"new_chat_members": [self.state.bot.json]})
        return update_id

    def remove_bot(
        self, chat: FakeChat, by: FakeUser, status: MemberStatus = "kicked"
    ) -> int | None:
        """An admin removes the bot from a group or channel; sending there then answers 403."""
        old = self.state.member_status(chat, self.state.bot.id)
        self.state.refusals[chat.id] = kicked_from(chat.type)
        return self._bot_membership(chat, by, old, status)

    def block_bot(self, user: FakeUser) -> int | None:
        """A user blocks the bot in private; sending to them then answers 403."""
        return self.remove_bot(self.private_chat(user), user, "kicked")

    def unblock_bot(self, user: FakeUser) -> int | None:
        return self.add_bot(self.private_chat(user), user, "member")

    def migrate(self, group: FakeChat, by: FakeUser | None = None) -> FakeChat:
        """The group becomes a supergroup: the service messages, and 400s to the old id."""
        supergroup = self.state.new_chat("supergroup", group.title)
        bot_id = self.state.bot.id
        self.state.roles[supergroup.id, bot_id] = self.state.member_status(group, bot_id)
        self.state.refusals[group.id] = group_migrated(supergroup.id)
        self._post(group, by, {"migrate_to_chat_id": supergroup.id})
        self._post(supergroup, by, {"migrate_from_chat_id": group.id})
        return supergroup

    def _bot_membership(
        self, chat: FakeChat, by: FakeUser, old: MemberStatus, new: MemberStatus
    ) -> int | None:
        bot = self.state.bot
        self.state.roles[chat.id, bot.id] = new
        change = {
            "chat": chat.json,
            "from": by.json,
            "date": int(time.time()),
            "old_chat_member": member_shape(old, bot, chat.type),
            "new_chat_member": member_shape(new, bot, chat.type),
        }
        return self.updates.push("my_chat_member", change)

    def _post(
        self,
        chat: FakeChat,
        user: FakeUser | None,
        content: dict[str, Any],
        topic: FakeTopic | None = None,
    ) -> int | None:
        if user is None and chat.user is not None:
            user = chat.user
        if topic is not None:
            assert topic.chat == chat, "a topic of another chat"
            assert self.state.forums.exists(topic), "nobody can write in a deleted topic"
            content = {**self.state.forums.parts(chat, topic.thread_id), **content}
        message = self.state.new_message(chat, user, content)
        kind = "channel_post" if chat.type == "channel" else "message"
        return self.updates.push(kind, message)
