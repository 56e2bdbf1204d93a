"""Chats the bot serves: their kind, language, subscription and settings.

A subscription is a chat's own, or, in a forum supergroup, one topic's: each topic of a forum has
a subscription and settings of its own (`Chat.thread_id`), apart from the group's own, which is
its General topic's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChatKind(StrEnum):
    """Telegram's chat types."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


Language = str
"""A language's code (`uk`, `en`): the name of its folder of catalogs. The catalogs are the table
of languages (`bot.render.i18n`); nothing in the domain lists them."""
DEFAULT_LANGUAGE: Language = "en"
"""The language of a chat whose Telegram client speaks none of the catalogs' languages."""


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What a subscribed chat receives, and how.

    `category_records` names the categories whose record days a chat wants as separate alerts;
    personnel records are covered by `record_alerts`. `silent` sends without a notification sound.
    `picture_card` sends the daily post as a picture (a 30-day personnel chart) with the post as
    its caption; `weekly_digest` and `monthly_digest` ask for the week's summary on Mondays and
    the month's on the 1st.
    """

    daily_post: bool = True
    record_alerts: bool = True
    milestone_alerts: bool = True
    category_records: frozenset[str] = field(default_factory=frozenset)
    silent: bool = False
    picture_card: bool = False
    weekly_digest: bool = False
    monthly_digest: bool = False
    language: Language = DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Chat:
    """A chat the bot knows of, or one forum topic of it (`thread_id`), as a subscription: only
    a subscribed one receives posts and alerts, in its language and by its settings."""

    chat_id: int
    kind: ChatKind
    title: str | None
    subscribed: bool
    settings: ChatSettings = field(default_factory=ChatSettings)
    added_by: int | None = None
    """Who let the bot post in this channel: channels reply to them privately, never publicly."""
    thread_id: int | None = None
    """The forum topic (Telegram's `message_thread_id`) this subscription is for; None: the chat
    itself (in a forum, its General topic)."""

    @property
    def language(self) -> Language:
        return self.settings.language

    @property
    def is_topic(self) -> bool:
        """Whether this is one forum topic's subscription rather than the chat's own."""
        return self.thread_id is not None
