"""The daily post first, to everyone: on a day with a record and a milestone, every chat's daily
post goes out before any alert of that report, the alerts follow in the same order of chats, and
the order holds across a restart. The fake Bot API enforces Telegram's flood limits throughout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.domain.chats import ChatKind
from bot.settings import Settings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_app import RunningBot, bot_settings_for, started_bot
from tests.support.fixtures_delivery import ONE_DAY, MovableClock, kyiv, truncated_store

DAY = date(2023, 10, 20)
"""Records in personnel, tanks and armoured vehicles, and a milestone: three messages a chat."""
WAIT = 20.0


def kind(message: SentCall) -> str:
    words = message.text or ""
    if words.startswith("<b>Russian losses"):
        return "daily"
    return "record" if words.startswith("🏆") else "milestone"


async def subscribed(bot: RunningBot, count: int) -> list[FakeChat]:
    """`count` private chats in English, subscribed (straight in the store: no reply is sent)."""
    chats = [
        bot.bot_api.private_chat(bot.bot_api.new_user(language_code="en")) for _ in range(count)
    ]
    for chat in chats:
        await bot.chats.ensure(chat.id, ChatKind.PRIVATE, None, "en")
        await bot.chats.set_subscribed(chat.id, True)
    return chats


def broadcast(api: FakeBotApi, chats: list[FakeChat]) -> list[tuple[str, int]]:
    """(kind, chat id) of every message that reached the chats, in the order they arrived."""
    ids = {chat.id for chat in chats}
    return [(kind(call), int(call.chat_id or 0)) for call in api.sent if call.chat_id in ids]


def the_day_before(
    api: FakeBotApi, figures_api: FakeFiguresApi, backfilled: Path, folder: Path, rate: int
) -> tuple[Settings, MovableClock]:
    """The store (and upstream) up to the day before DAY, the bot's settings and its clock,
    that morning."""
    url = truncated_store(backfilled, folder / "bot.sqlite3", DAY - ONE_DAY)
    figures_api.publish_until(DAY - ONE_DAY)
    clock = MovableClock()
    clock.move_to(kyiv(DAY, 8))
    overrides = {"POLL_INTERVAL": "0.2", "POLL_WINDOW": "00:00-24:00", "BROADCAST_RATE": str(rate)}
    return bot_settings_for(api, figures_api, url, overrides), clock


async def test_every_chats_daily_post_goes_before_any_alert_and_alerts_keep_the_chats_order(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> None:
    settings, clock = the_day_before(bot_api, figures_api, backfilled_sqlite, tmp_path, rate=30)
    async with started_bot(settings, bot_api, figures_api, clock=clock) as bot:
        chats = await subscribed(bot, 40)
        bot_api.enable_flood_limits()
        figures_api.publish_until(DAY)
        await bot_api.wait_until(lambda: len(broadcast(bot_api, chats)) == 3 * len(chats), WAIT)

    sent = broadcast(bot_api, chats)
    kinds = [kind for kind, _ in sent]
    assert kinds == ["daily"] * 40 + ["record"] * 40 + ["milestone"] * 40
    posts_order = [chat for kind, chat in sent if kind == "daily"]
    assert [chat for kind, chat in sent if kind == "record"] == posts_order
    assert [chat for kind, chat in sent if kind == "milestone"] == posts_order
    assert bot_api.flood_429s == 0


async def test_the_posts_first_order_holds_across_a_restart_in_the_middle_of_the_posts(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> None:
    settings, clock = the_day_before(bot_api, figures_api, backfilled_sqlite, tmp_path, rate=10)
    bot_api.enable_flood_limits()
    async with started_bot(settings, bot_api, figures_api, clock=clock) as bot:
        chats = await subscribed(bot, 12)
        figures_api.publish_until(DAY)
        await bot_api.wait_until(lambda: len(broadcast(bot_api, chats)) >= 4, WAIT)
    before_restart = len(broadcast(bot_api, chats))
    async with started_bot(settings, bot_api, figures_api, clock=clock):
        await bot_api.wait_until(lambda: len(broadcast(bot_api, chats)) == 3 * len(chats), WAIT)

    kinds = [kind for kind, _ in broadcast(bot_api, chats)]
    assert before_restart < len(chats), "the restart came after the posts"
    assert kinds == ["daily"] * 12 + ["record"] * 12 + ["milestone"] * 12
    assert bot_api.flood_429s == 0
