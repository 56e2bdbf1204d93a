"""Test controls of the fake Bot API: what the bot asked, and how Telegram answers it.

`sent` and `calls` show what the bot did and `wait_for` waits for it without polling; `block`,
`kick`, `forget`, `fail_next` and the flood limits make chats refuse messages as Telegram does;
`fail_updates` and `stop_updates` make getUpdates fail.
The users' side (commands, buttons, membership changes, forums and topics) comes from
`ChatActions` and `ForumActions`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import overload

from tests.fakes.bot_api_calls import CallLog, SentCall
from tests.fakes.bot_api_config import scope_key
from tests.fakes.bot_api_errors import (
    ApiError,
    blocked_by_user,
    chat_not_found,
    internal_server_error,
    kicked_from,
    too_many_requests,
)
from tests.fakes.bot_api_flood import FloodGate, FloodLimits
from tests.fakes.bot_api_forums import FakeTopic
from tests.fakes.bot_api_objects import FakeChat, JsonDict
from tests.fakes.bot_api_state import BotApiState
from tests.fakes.bot_api_topics import ForumActions
from tests.fakes.bot_api_updates import UpdateQueue


class BotApiControls(ForumActions):
    """What a test asks of the fake, beside acting as Telegram's users."""

    def __init__(self, state: BotApiState, updates: UpdateQueue, log: CallLog) -> None:
        super().__init__(state, updates)
        self.log = log

    @property
    def calls(self) -> list[SentCall]:
        """Every call but getUpdates, in order, refused ones included."""
        return self.log.calls

    @property
    def sent(self) -> list[SentCall]:
        """The messages that reached a chat (sent or edited), in order."""
        return self.log.sent

    def sent_to(self, chat: FakeChat) -> list[SentCall]:
        """The messages that reached `chat`, however the bot named it (id or @username)."""
        return [
            call
            for call in self.log.sent
            if call.message is not None and call.message["chat"]["id"] == chat.id
        ]

    def sent_to_topic(self, topic: FakeTopic) -> list[SentCall]:
        """The messages that reached `topic` of its forum."""
        return [
            call
            for call in self.sent_to(topic.chat)
            if call.message is not None and call.message.get("message_thread_id") == topic.thread_id
        ]

    def sent_to_general(self, forum: FakeChat) -> list[SentCall]:
        """The messages that reached the forum outside its topics (its General topic)."""
        return [
            call
            for call in self.sent_to(forum)
            if call.message is not None and "message_thread_id" not in call.message
        ]

    @property
    def flood_429s(self) -> int:
        """How many messages the flood limits refused."""
        return self.state.flood_429s

    def message(self, chat: FakeChat, message_id: int) -> JsonDict:
        """A message as the chat shows it now (after any edits)."""
        return self.state.messages[chat.id, message_id]

    def commands(self, scope: JsonDict | None = None, language_code: str = "") -> list[str]:
        """The command menu set for a scope and language, as "command - description" lines."""
        menu = self.state.commands.get((scope_key(scope), language_code), [])
        return [f"{c['command']} - {c['description']}" for c in menu]

    def description(self, language_code: str = "", *, short: bool = False) -> str:
        kind = "short_description" if short else "description"
        return self.state.descriptions.get((kind, language_code), "")

    @property
    def webhook(self) -> JsonDict | None:
        """The parameters of the last setWebhook, or None without a webhook."""
        return self.state.webhook

    @overload
    async def wait_for(
        self,
        until: int,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline for the test, not for I/O
        include_failed: bool = False,
    ) -> list[SentCall]: ...

    @overload
    async def wait_for(
        self,
        until: Callable[[SentCall], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        include_failed: bool = False,
    ) -> SentCall: ...

    async def wait_for(
        self,
        until: int | Callable[[SentCall], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        include_failed: bool = False,
    ) -> list[SentCall] | SentCall:
        """Wait for `until` messages sent, or the first one that matches `until`.

        With `include_failed`, every call counts (refused ones and non-message methods too).
        """
        source = self.log.calls if include_failed else self.log.sent
        if isinstance(until, int):
            count = until
            await self.log.wait_until(lambda: len(source) >= count, timeout, f"{count} calls")
            return source[:count]
        predicate = until
        found: list[SentCall] = []
        checked = 0

        def matched() -> bool:
            nonlocal checked
            while not found and checked < len(source):
                if predicate(source[checked]):
                    found.append(source[checked])
                checked += 1
            return bool(found)

        await self.log.wait_until(matched, timeout, "a matching call")
        return found[0]

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until `condition()` holds; it is re-checked whenever the bot calls the fake."""
        await self.log.wait_until(condition, timeout, "the condition")

    def block(self, chat: FakeChat) -> None:
        """Sending to `chat` answers 403 "bot was blocked by the user" (no update)."""
        self.state.refusals[chat.id] = blocked_by_user()

    def kick(self, chat: FakeChat) -> None:
        """Sending to `chat` answers 403 "bot was kicked from the … chat" (no update)."""
        self.state.refusals[chat.id] = kicked_from(chat.type)

    def forget(self, chat: FakeChat) -> None:
        """Sending to `chat` answers 400 "chat not found"."""
        self.state.refusals[chat.id] = chat_not_found()

    def restore(self, chat: FakeChat) -> None:
        """`chat` accepts messages again."""
        self.state.refusals.pop(chat.id, None)

    def fail_next(
        self,
        chat: FakeChat | None = None,
        *,
        retry_after: int | None = None,
        error: ApiError | None = None,
    ) -> None:
        """The next call to `chat` (to any method if None) fails once: 500, or 429 if
        `retry_after` is given, or `error`."""
        if error is None:
            error = (
                internal_server_error() if retry_after is None else too_many_requests(retry_after)
            )
        key = None if chat is None else chat.id
        self.state.next_refusals.setdefault(key, deque()).append(error)

    def fail_updates(self, *errors: ApiError) -> None:
        """The next getUpdates calls fail, one error each (e.g. `unauthorized()`)."""
        self.state.updates_refusals.extend(errors)

    def stop_updates(self, error: ApiError | None = None) -> None:
        """Every getUpdates call fails (500 by default) until `resume_updates`."""
        self.state.updates_down = error or internal_server_error()

    def resume_updates(self) -> None:
        self.state.updates_down = None

    def enable_flood_limits(self, limits: FloodLimits | None = None) -> None:
        """Refuse messages beyond Telegram's flood limits with 429 (off by default)."""
        self.state.flood = FloodGate(limits or FloodLimits())

    def disable_flood_limits(self) -> None:
        self.state.flood = None
