"""Answers about "here" in a forum topic speak of the topic, in every language: the welcome, the
subscription's answers, /lang and the settings' title (each topic has its own subscription)."""

from __future__ import annotations

import pytest

from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.render import languages
from bot.telegram.callback_data import Page
from bot.telegram.chats import welcome
from bot.telegram.replies import worded
from bot.telegram.settings_keyboard import settings_text

NEWS = 12
ANSWERS = (
    "chats-subscribed",
    "chats-already-subscribed",
    "chats-unsubscribed",
    "chats-not-subscribed",
    "chats-lang-choose",
)
"""What /subscribe, /unsubscribe and /lang answer about the chat (or topic) they were sent in."""


def group(lang: str, *, subscribed: bool = False, thread_id: int | None = None) -> Chat:
    settings = ChatSettings(language=lang)
    return Chat(-1_001, ChatKind.SUPERGROUP, "Forum", subscribed, settings, thread_id=thread_id)


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("key", ANSWERS)
def test_a_topic_is_answered_about_the_topic_not_the_group(lang: str, key: str) -> None:
    in_topic = worded(group(lang, thread_id=NEWS), key)

    assert in_topic != worded(group(lang), key)


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("subscribed", [True, False])
def test_the_welcome_and_the_settings_in_a_topic_speak_of_the_topic(
    lang: str, subscribed: bool
) -> None:
    topic = group(lang, subscribed=subscribed, thread_id=NEWS)
    chat = group(lang, subscribed=subscribed)

    assert welcome(topic) != welcome(chat)
    assert settings_text(topic, Page.MAIN) != settings_text(chat, Page.MAIN)


def test_the_english_settings_of_a_topic_are_titled_so() -> None:
    assert "Settings of this topic" in settings_text(group("en", thread_id=NEWS), Page.MAIN)
