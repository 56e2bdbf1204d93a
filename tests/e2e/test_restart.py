"""kill -9 in the middle of a broadcast, then a restart: no chat is missed, and only messages that
were unconfirmed at the kill (in flight, or sent but not yet marked sent) can go out twice.

The bot runs as `python -m bot`, a real process, against the fakes on 127.0.0.1 in this process
(the fake Bot API with Telegram's flood limits on). The bound documented in
`bot/delivery/bookkeeping.py`: at most DELIVERY_CONCURRENCY messages in flight plus
`2 × mark_batch` sent marks unwritten (at a paced rate, about `rate × mark_interval` of them).
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bot.delivery import DeliverySettings
from bot.domain.chats import ChatKind
from bot.domain.deliveries import DeliveryStatus
from bot.store import ChatRepository, Database
from bot.store.deliveries import DeliveryRepository, DeliveryRow
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_delivery import ONE_DAY, truncated_store
from tests.support.process import bot_process, polled

DAY = date(2024, 6, 10)
CHATS = 60
CONCURRENCY = 4
RATE = 20
"""Messages per second: the broadcast takes 3 s, so that the kill comes in the middle of it."""
WAIT = 30.0


async def subscribe_in_store(url: str, chats: list[FakeChat]) -> None:
    database = Database(url)
    try:
        async with database.transaction() as session:
            repository = ChatRepository(session)
            for chat in chats:
                await repository.upsert(chat.id, ChatKind.PRIVATE, None, "en")
                await repository.set_subscribed(chat.id, True)
    finally:
        await database.dispose()


async def sent_in_store(url: str) -> tuple[set[int], int]:
    """The chats whose delivery is marked sent, and how many deliveries are pending."""
    database = Database(url)
    try:
        async with database.session() as session:
            sent = await session.scalars(
                sa.select(DeliveryRow.chat_id).where(DeliveryRow.status == DeliveryStatus.SENT)
            )
            return set(sent), await DeliveryRepository(session).backlog()
    finally:
        await database.dispose()


async def test_a_kill_minus_nine_mid_broadcast_misses_no_chat_and_repeats_only_unconfirmed(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> None:
    chats = [bot_api.private_chat(bot_api.new_user(language_code="en")) for _ in range(CHATS)]
    url = truncated_store(backfilled_sqlite, tmp_path / "bot.sqlite3", DAY - ONE_DAY)
    await subscribe_in_store(url, chats)
    figures_api.publish_until(DAY - ONE_DAY)
    bot_api.enable_flood_limits()
    environment = {
        "BOT_TOKEN": bot_api.token,
        "BOT_API_URL": bot_api.root_url,
        "LOSSES_API_URL": figures_api.url,
        "DATABASE_URL": url,
        "POLL_WINDOW": "00:00-24:00",
        "POLL_INTERVAL": "0.2",
        "BROADCAST_RATE": str(RATE),
        "DELIVERY_CONCURRENCY": str(CONCURRENCY),
    }
    log = tmp_path / "bot.log"

    def reached() -> Counter[int]:
        return Counter(
            int(call.chat_id or 0) for call in bot_api.sent if call.method == "sendMessage"
        )

    async with bot_process(environment, log) as first:
        await polled(figures_api)
        figures_api.publish_until(DAY)
        await bot_api.wait_until(lambda: len(reached()) >= CHATS // 4, WAIT)
        first.send_signal(signal.SIGKILL)
        await asyncio.to_thread(first.wait, WAIT)
    await asyncio.sleep(0.1)  # requests already received are answered and logged
    reached_before_kill = set(reached())
    confirmed, _ = await sent_in_store(url)

    async with bot_process(environment, log):
        await bot_api.wait_until(lambda: len(reached()) == CHATS, WAIT)
        async with asyncio.timeout(WAIT):
            while (await sent_in_store(url))[1]:  # noqa: ASYNC110 - read from the store
                await asyncio.sleep(0.05)

    per_chat = reached()
    unconfirmed = reached_before_kill - confirmed
    repeated = {chat for chat, count in per_chat.items() if count > 1}
    bound = CONCURRENCY + DeliverySettings().unwritten_marks
    assert first.returncode == -signal.SIGKILL
    assert len(reached_before_kill) < CHATS, "the kill came after the broadcast"
    assert sorted(per_chat) == sorted(chat.id for chat in chats)
    assert max(per_chat.values()) <= 2
    assert repeated <= unconfirmed, f"re-sent after being marked sent: {repeated - unconfirmed}"
    assert len(unconfirmed) <= bound
