"""What became of one message sent or edited: the Bot API's errors classified once, by type.

The worker decides on these outcomes alone and never sees a python-telegram-bot exception. Some
Bot API answers have no type of their own and are told apart by their description, here and
nowhere else: "chat not found", "message is not modified", and a forum topic that is gone or
closed ("message thread not found", "TOPIC_CLOSED", "TOPIC_DELETED"; python-telegram-bot hands
the last two on as "Topic_closed" and "Topic_deleted").
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning


@dataclass(frozen=True, slots=True)
class Delivered:
    """The message is in the chat (sent, or edited) under this id."""

    message_id: int


@dataclass(frozen=True, slots=True)
class Unchanged:
    """An edit found the message already reading so: nothing left to do."""


@dataclass(frozen=True, slots=True)
class ChatBlocked:
    """403: the user blocked the bot, or the bot was removed from the group or channel."""

    description: str


@dataclass(frozen=True, slots=True)
class ChatGone:
    """400 "chat not found": the chat was deleted, or the bot never was in it."""

    description: str


@dataclass(frozen=True, slots=True)
class TopicGone:
    """400 for a message into a forum topic that was deleted ("message thread not found") or
    closed ("TOPIC_CLOSED"): that topic, not its chat, can no longer be posted in."""

    description: str


@dataclass(frozen=True, slots=True)
class ChatMoved:
    """The group became a supergroup with this id (400 with `migrate_to_chat_id`)."""

    new_chat_id: int


@dataclass(frozen=True, slots=True)
class FloodWait:
    """429: Telegram asks for no more messages at all for this many seconds."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Transient:
    """A timeout, a network fault or a server error: the same message may go through later."""

    description: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """Any other refusal of this very message (bad markup, too long, nothing to edit): final."""

    description: str


Outcome = (
    Delivered
    | Unchanged
    | ChatBlocked
    | ChatGone
    | TopicGone
    | ChatMoved
    | FloodWait
    | Transient
    | Rejected
)

# `RetryAfter.retry_after` is an int that turns into a timedelta in python-telegram-bot's next
# major version (PTB_TIMEDELTA=true opts in early); PTB warns about it on every 429, even in its
# own constructor. Both types are read below, so the warning says nothing to act on.
warnings.filterwarnings("ignore", r".*`retry_after`.*timedelta", PTBDeprecationWarning)

_CHAT_NOT_FOUND = "chat not found"
_NOT_MODIFIED = "message is not modified"
_TOPIC_GONE = ("message thread not found", "topic closed", "topic deleted")
"""As the descriptions read once lower-cased, with "_" read as a space."""


def classify(error: TelegramError) -> Outcome:
    """The outcome a Bot API error stands for.

    A rejected token is nobody's message's fault and nothing can be sent with it: it is raised.
    """
    match error:
        case InvalidToken():
            raise error
        case Forbidden():
            return ChatBlocked(error.message)
        case ChatMigrated():
            return ChatMoved(error.new_chat_id)
        case RetryAfter():
            return FloodWait(_seconds(error))
        # BadRequest is a NetworkError in python-telegram-bot: it must come first.
        case BadRequest() if _CHAT_NOT_FOUND in error.message.lower():
            return ChatGone(error.message)
        case BadRequest() if _is_topic_gone(error.message):
            return TopicGone(error.message)
        case BadRequest() if _NOT_MODIFIED in error.message.lower():
            return Unchanged()
        case BadRequest():
            return Rejected(error.message)
        case NetworkError():  # timeouts, connection faults, 5xx
            return Transient(error.message or type(error).__name__)
        case _:  # e.g. 409 Conflict: not this message's fault, worth another try
            return Transient(error.message or type(error).__name__)


def _is_topic_gone(description: str) -> bool:
    words = description.lower().replace("_", " ")
    return any(gone in words for gone in _TOPIC_GONE)


def _seconds(error: RetryAfter) -> float:
    retry_after = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)
