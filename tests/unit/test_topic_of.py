"""Which subscription an update stands for: a forum topic's when its message is a topic message of
a forum, the chat's own otherwise (General, ordinary groups and their reply threads)."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.telegram.chat_language import topic_of

FORUM = {"id": -1001, "type": "supergroup", "title": "Forum", "is_forum": True}
GROUP = {"id": -1002, "type": "supergroup", "title": "Group"}
USER = {"id": 7, "is_bot": False, "first_name": "Olena"}


def message(chat: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"message_id": 40, "date": 0, "chat": chat, "from": USER, "text": "/settings", **fields}


def update(**kinds: Any) -> Update:
    return Update.de_json({"update_id": 1, **kinds}, None)


@pytest.mark.parametrize(
    ("received", "topic"),
    [
        (update(message=message(FORUM, message_thread_id=12, is_topic_message=True)), 12),
        (update(message=message(FORUM)), None),
        (update(message=message(FORUM, message_thread_id=30)), None),  # a reply in General
        (update(message=message(GROUP, message_thread_id=30)), None),  # a reply thread
        (
            update(
                callback_query={
                    "id": "q",
                    "from": USER,
                    "chat_instance": "1",
                    "data": "1:opt:silent",
                    "message": message(FORUM, message_thread_id=12, is_topic_message=True),
                }
            ),
            12,
        ),
    ],
    ids=["topic", "general", "reply-in-general", "reply-thread", "button-in-topic"],
)
def test_an_update_stands_for_its_topic_only_when_it_comes_from_a_forum_topic(
    received: Update, topic: int | None
) -> None:
    assert topic_of(received) == topic
