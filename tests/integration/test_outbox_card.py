"""The daily card through the outbox worker and the real sender, against the fake Bot API: a
chat with `picture_card` on gets a photo captioned with its daily post, the card is uploaded
once for all chats, and a revision edits the caption."""

from __future__ import annotations

from collections.abc import AsyncIterator
from io import BytesIO

import pytest
from PIL import Image

from bot.delivery import OutboxWorker, TelegramSender
from bot.domain.chats import ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.domain.reports import Report
from bot.services.compose import FiguresComposer
from bot.store import ChatRepository, Database
from bot.store.deliveries import DeliveryRepository
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat
from tests.support.composing import FixedFigures
from tests.support.dataset import report_of
from tests.support.outbox import DAY, UNLIMITED, subscribe

CARD = ChatSettings(picture_card=True)


@pytest.fixture
async def sender(bot_api: FakeBotApi) -> AsyncIterator[TelegramSender]:
    async with TelegramSender.create(bot_api.token, bot_api.root_url, pool_size=8) as sender:
        yield sender


@pytest.fixture
def figures() -> FixedFigures:
    return FixedFigures(until=DAY.isoformat())


async def owe_daily(database: Database, chats: list[FakeChat], settings: ChatSettings) -> None:
    await subscribe(database, chats, settings)
    async with database.transaction() as session:
        await DeliveryRepository(session).add_many(
            NewDelivery(chat.id, DAY, DeliveryKind.DAILY) for chat in chats
        )


async def daily_text(database: Database, figures: FixedFigures, chat: FakeChat) -> str:
    """The daily post's text the composer makes for `chat` now."""
    async with database.session() as session:
        known = await ChatRepository(session).get(chat.id)
    assert known is not None
    delivery = Delivery(1, chat.id, DAY, DeliveryKind.DAILY, DeliveryStatus.PENDING)
    message = await FiguresComposer(figures).compose(delivery, known)
    assert message is not None
    return message.text


async def test_a_picture_card_chat_gets_a_png_captioned_with_its_daily_post(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender, figures: FixedFigures
) -> None:
    chat = bot_api.private_chat()
    await owe_daily(database, [chat], CARD)

    await OutboxWorker(database, sender, FiguresComposer(figures), UNLIMITED).run_until_idle()

    [post] = bot_api.sent_to(chat)
    assert post.method == "sendPhoto"
    assert post.parse_mode == "HTML"
    assert post.text == await daily_text(database, figures, chat)
    assert post.photo is not None
    assert Image.open(BytesIO(post.photo)).format == "PNG"


async def test_a_chat_without_the_picture_card_gets_the_daily_post_as_a_message(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender, figures: FixedFigures
) -> None:
    chat = bot_api.private_chat()
    await owe_daily(database, [chat], ChatSettings())

    await OutboxWorker(database, sender, FiguresComposer(figures), UNLIMITED).run_until_idle()

    assert [call.method for call in bot_api.sent_to(chat)] == ["sendMessage"]


async def test_the_card_is_uploaded_once_and_later_chats_get_it_by_its_file_id(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender, figures: FixedFigures
) -> None:
    chats = [bot_api.private_chat() for _ in range(4)]
    await owe_daily(database, chats, CARD)

    await OutboxWorker(database, sender, FiguresComposer(figures), UNLIMITED).run_until_idle()

    photos = [call for call in bot_api.sent if call.method == "sendPhoto"]
    [upload] = [call for call in photos if call.photo is not None]
    assert upload.message is not None
    file_id = upload.message["photo"][-1]["file_id"]
    by_file_id = [call.params.get("photo") for call in photos if call is not upload]
    assert by_file_id == [file_id] * 3
    assert {call.chat_id for call in photos} == {chat.id for chat in chats}


async def test_a_revised_card_post_has_its_caption_edited_and_keeps_its_picture(
    database: Database, bot_api: FakeBotApi, sender: TelegramSender, figures: FixedFigures
) -> None:
    chat = bot_api.private_chat()
    await owe_daily(database, [chat], CARD)
    worker = OutboxWorker(database, sender, FiguresComposer(figures), UNLIMITED)
    await worker.run_until_idle()
    [posted] = bot_api.sent_to(chat)
    assert posted.message is not None
    assert posted.message_id is not None

    original = report_of(DAY.isoformat())
    totals = {**original.totals, "tanks": original.totals["tanks"] + 1}
    changes = {**original.changes, "tanks": (original.changes.get("tanks") or 0) + 1}
    figures.revise(Report(original.date, totals, changes))
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_needs_edit(DAY)
    await worker.run_until_idle()

    [edit] = [call for call in bot_api.sent if call.method == "editMessageCaption"]
    assert edit.text == await daily_text(database, figures, chat)
    assert edit.text != posted.text
    assert bot_api.message(chat, posted.message_id)["photo"] == posted.message["photo"]
