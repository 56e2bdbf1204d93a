"""Forum supergroups and their topics, as Telegram shows them to a bot and answers it about them.

A forum is a supergroup whose Chat object says `"is_forum": true`. A topic is opened by a service
message (`forum_topic_created`) whose `message_id` becomes the topic's `message_thread_id`.
Every message in a topic, the bot's own included, carries `message_thread_id`,
`"is_topic_message": true` and, when it replies to nothing else, the opening message as
`reply_to_message`; messages in the General topic carry none of them.

Sending with `message_thread_id`:
- into an open topic: the message is in that topic;
- into a topic that was deleted, or that never was: 400 "Bad Request: message thread not found"
  (the wording forum bots report; also what `message_thread_id=1`, General's, gets);
- into a closed topic: 400 "Bad Request: TOPIC_CLOSED" (as bots without the right to manage
  topics get it; the fake's bot has no such right);
- into a chat that is not a forum: 400 "message thread not found".

A deleted topic takes its messages with it: editing one answers "message to edit not found".

Where fidelity is uncertain: Telegram also answers "TOPIC_DELETED" for some deleted topics, and
answers "message thread not found" for topics whose opening message was archived (forums past a
million messages); a thread id in an ordinary supergroup (a reply thread) or in a private chat
with topics may be accepted by Telegram, where the fake refuses it; closing the General topic is
not modelled. No update tells a bot that a topic was deleted; the fake sends none either.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.fakes.bot_api_errors import message_thread_not_found, topic_closed
from tests.fakes.bot_api_objects import FakeChat, JsonDict

ICON_COLOR = 7322096
"""The colour Telegram gives a topic's icon by default (one of six)."""


@dataclass(frozen=True, slots=True)
class FakeTopic:
    """A topic of a forum: its chat and its thread id (the id of the message that opened it)."""

    chat: FakeChat
    thread_id: int
    name: str


@dataclass(slots=True)
class _Topic:
    topic: FakeTopic
    opening: JsonDict
    closed: bool = False


class Forums:
    """Every topic of every forum the fake knows, open, closed or deleted."""

    def __init__(self) -> None:
        self._topics: dict[tuple[int, int], _Topic] = {}

    def opened(self, topic: FakeTopic, opening: JsonDict) -> None:
        self._topics[topic.chat.id, topic.thread_id] = _Topic(topic, opening)

    def close(self, topic: FakeTopic, closed: bool = True) -> None:
        self._topics[topic.chat.id, topic.thread_id].closed = closed

    def delete(self, topic: FakeTopic) -> None:
        del self._topics[topic.chat.id, topic.thread_id]

    def exists(self, topic: FakeTopic) -> bool:
        return (topic.chat.id, topic.thread_id) in self._topics

    def check(self, chat: FakeChat, thread_id: int | None) -> None:
        """Raises what Telegram answers for a message to `thread_id` of `chat`, if anything."""
        if thread_id is None:
            return
        found = self._topics.get((chat.id, thread_id)) if chat.is_forum else None
        if found is None:
            raise message_thread_not_found()
        if found.closed:
            raise topic_closed()

    def parts(self, chat: FakeChat, thread_id: int | None) -> JsonDict:
        """The fields a message in `thread_id` of `chat` carries (none in General)."""
        found = None if thread_id is None else self._topics.get((chat.id, thread_id))
        if found is None:
            return {}
        return {
            "message_thread_id": thread_id,
            "is_topic_message": True,
            "reply_to_message": found.opening,
        }


def opening_content(name: str) -> JsonDict:
    """The content of the service message that opens a topic."""
    return {"forum_topic_created": {"name": name, "icon_color": ICON_COLOR}}
