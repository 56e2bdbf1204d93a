"""The composer and the picture card: a chat with `picture_card` on gets its daily post as the
day's card with the post as the caption; everything else stays text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.chats import Chat
from bot.domain.deliveries import DeliveryKind
from bot.render import cards
from bot.services.compose import FiguresComposer, OutgoingMessage
from tests.support.composing import ENGLISH, UKRAINIAN, FixedFigures, chat, delivery

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CARD_CHAT = chat(replace(ENGLISH, picture_card=True))
DAY = "2024-12-20"


@pytest.fixture(scope="module")
def composer() -> FiguresComposer:
    """One composer for the module: its card is drawn once."""
    return FiguresComposer(FixedFigures())


async def daily(composer: FiguresComposer, reader: Chat = CARD_CHAT) -> OutgoingMessage:
    message = await composer.compose(delivery(DAY, DeliveryKind.DAILY), reader)
    assert message is not None
    return message


async def test_a_picture_card_chat_gets_the_daily_post_as_a_png_captioned_with_the_post(
    composer: FiguresComposer,
) -> None:
    message = await daily(composer)

    assert message.photo is not None
    assert message.photo.startswith(PNG_SIGNATURE)
    assert message.text == (await daily(composer, chat(ENGLISH))).text


async def test_a_chat_without_the_picture_card_gets_the_daily_post_as_text(
    composer: FiguresComposer,
) -> None:
    assert (await daily(composer, chat(ENGLISH))).photo is None


async def test_a_record_alert_to_a_picture_card_chat_stays_text(
    composer: FiguresComposer,
) -> None:
    message = await composer.compose(delivery(DAY, DeliveryKind.RECORD), CARD_CHAT)

    assert message is not None
    assert message.photo is None


async def test_every_card_chat_of_one_language_gets_the_same_card_bytes(
    composer: FiguresComposer,
) -> None:
    first, second = (
        await daily(composer),
        await daily(composer, chat(replace(ENGLISH, picture_card=True))),
    )
    ukrainian = await daily(composer, chat(replace(UKRAINIAN, picture_card=True)))

    assert first.photo is second.photo
    assert ukrainian.photo is not None
    assert ukrainian.photo != first.photo


async def test_a_post_too_long_for_a_caption_is_sent_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No post of the real history comes near Telegram's 1,024 characters: lower the limit.
    monkeypatch.setattr(cards, "CAPTION_LIMIT", 100)

    message = await daily(FiguresComposer(FixedFigures()))

    assert message.photo is None
    assert message.text == (await daily(FiguresComposer(FixedFigures()), chat(ENGLISH))).text
