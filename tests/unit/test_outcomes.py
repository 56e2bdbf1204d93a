"""Telegram's refusals classified by what they mean for a subscription, from the descriptions
the Bot API words them with (python-telegram-bot strips "Bad Request: " and capitalises)."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, Forbidden

from bot.delivery.outcomes import ChatBlocked, ChatGone, Rejected, TopicGone, Unchanged, classify


@pytest.mark.parametrize(
    "description",
    [
        "Bad Request: message thread not found",
        "Bad Request: TOPIC_CLOSED",
        "Bad Request: TOPIC_DELETED",
        "Bad Request: topic closed",
    ],
)
def test_a_topic_deleted_or_closed_is_that_topic_gone(description: str) -> None:
    error = BadRequest(description)

    assert classify(error) == TopicGone(error.message)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (BadRequest("Bad Request: chat not found"), ChatGone("Chat not found")),
        (Forbidden("Forbidden: bot was kicked from the supergroup chat"), ChatBlocked),
        (BadRequest("Bad Request: message is not modified: same content"), Unchanged()),
        (BadRequest("Bad Request: message to edit not found"), Rejected),
    ],
)
def test_refusals_about_the_chat_or_the_message_are_not_about_a_topic(
    error: BadRequest | Forbidden, expected: object
) -> None:
    outcome = classify(error)

    assert outcome == expected or type(outcome) is expected
