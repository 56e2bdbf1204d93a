"""The daily post as a picture card end to end: a chat turns the card on in /settings, the fake
figures API advances by a day, and the chat gets the card with the daily post as its caption."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from PIL import Image

from bot.domain.chats import Chat
from tests.support.fixtures_delivery import ONE_DAY, StartDeliveryBot, kyiv

QUIET_DAY = date(2024, 6, 10)
"""A report with no record and no milestone: the daily post comes alone."""


def wants_the_card(chat: Chat | None) -> bool:
    return chat is not None and chat.settings.picture_card


async def test_a_chat_that_turned_the_picture_card_on_gets_its_daily_post_as_a_photo(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        card_chat, text_chat = await bot.subscribe_private(2)
        menu = await bot.command(card_chat, None, "/settings")
        bot.api.press_button(menu, "1:opt:picture_card")
        await bot.stored([card_chat], wants_the_card)
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.delivered([card_chat, text_chat], 1, since)
        await bot.settled()

        [card] = bot.messages_to(card_chat, since)
        [post] = bot.messages_to(text_chat, since)
        assert card.method == "sendPhoto"
        assert card.photo is not None
        assert Image.open(BytesIO(card.photo)).format == "PNG"
        assert card.text == post.text
        assert post.method == "sendMessage"
        assert (post.text or "").startswith("<b>Russian losses")
