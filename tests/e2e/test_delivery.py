"""Automatic delivery end to end: the fake figures API advances by a day and the subscribers get
their posts and alerts through the fake Bot API, which enforces Telegram's flood limits.

Every test starts the real bot on a store that ends the day before, at a moment of its own (the
bot's clock); chats subscribe the way people do (/subscribe, an admin in a group, a channel that
lets the bot post). What reached each chat is counted at the fake Bot API.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import pytest

from bot.domain.categories import CATALOGUE
from bot.domain.chats import Chat, ChatSettings
from bot.render import text
from bot.services.poll import PollResult
from bot.sources import RussianWarshipClient
from bot.store import ReportRepository
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_errors import group_migrated
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.figures_api import FakeFiguresApi, Hang, HtmlPage, HttpError
from tests.support.fixtures_delivery import (
    ONE_DAY,
    DeliveryBot,
    StartDeliveryBot,
    kyiv,
)
from tests.support.fixtures_figures import FAST_RETRY

QUIET_DAY = date(2024, 6, 10)
"""A report with no record and no milestone: each subscriber gets the daily post alone."""
RECORD_DAY = date(2024, 12, 20)
"""Personnel +2,200: the record, beating 2,030 of 29 November 2024."""
CORRECTION_DAY = date(2025, 2, 28)
"""Personnel +1,060 published, while the total grew by 2,710 (a recount)."""
FALLING_DAY = date(2026, 3, 4)
"""Artillery systems' total fell by 10."""
EVERY_CATEGORY = frozenset(category.key for category in CATALOGUE)


def kind(message: SentCall) -> str:
    """daily, record or milestone, from the first words of an English message."""
    words = message.text or ""
    if words.startswith("<b>Russian losses"):
        return "daily"
    return "record" if words.startswith("🏆") else "milestone"


def kinds(bot: DeliveryBot, chat: FakeChat, since: int) -> list[str]:
    return [kind(message) for message in bot.messages_to(chat, since)]


def subscribed(chat: Chat | None) -> bool:
    return chat is not None and chat.subscribed


def unsubscribed(chat: Chat | None) -> bool:
    return chat is not None and not chat.subscribed


async def last_poll(bot: DeliveryBot) -> PollResult:
    """The outcome of the next poll to end from now on."""
    polling = bot.services.polling
    seen = polling.last
    async with asyncio.timeout(10):
        while polling.last is seen or polling.last is None:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    return polling.last.result


async def stored_until(bot: DeliveryBot, day: date) -> None:
    """Waits until the store's newest report is of `day`."""
    async with asyncio.timeout(10):
        while True:
            async with bot.services.database.session() as session:
                if await ReportRepository(session).latest_date() == day:
                    return
            await asyncio.sleep(0.01)


@asynccontextmanager
async def quick_to_give_up(figures_api: FakeFiguresApi) -> AsyncIterator[RussianWarshipClient]:
    """A client of the figures API that gives up within a second (3 tries, 0.5 s timeout), not a
    minute."""
    client = RussianWarshipClient(figures_api.url, timeout=0.5, retry=FAST_RETRY)
    try:
        yield client
    finally:
        await client.aclose()


# The daily post ---------------------------------------------------------------------------------


async def test_advancing_the_figures_by_a_day_posts_to_every_subscriber_exactly_once(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        chats = await bot.subscribe_private(6)
        chats += [await bot.subscribe_group(), await bot.subscribe_channel()]
        bystander = bot.api.private_chat(bot.api.new_user(language_code="en"))
        await bot.command(bystander, None, "/start")  # known, not subscribed
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.delivered(chats, 1, since)
        await bot.settled()
        await bot.command(bot.admin, None, "/poll")  # another poll finds nothing new
        await bot.settled()

        assert {chat.id: kinds(bot, chat, since) for chat in chats} == {
            chat.id: ["daily"] for chat in chats
        }
        assert all("10 June 2024" in (bot.messages_to(c, since)[0].text or "") for c in chats)
        assert bot.messages_to(bystander, since) == []


async def test_a_record_day_alerts_with_the_previous_record_and_its_date(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=RECORD_DAY - ONE_DAY, now=kyiv(RECORD_DAY, 8)) as bot:
        (chat,) = await bot.subscribe_private(1)
        since = bot.mark()

        bot.publish(RECORD_DAY)
        await bot.delivered([chat], 2, since)

        post, alert = bot.messages_to(chat, since)
        assert (kind(post), kind(alert)) == ("daily", "record")
        assert "Personnel: <b>2,200</b>" in (alert.text or "")
        assert "Previous record: 2,030 (29 November 2024)" in (alert.text or "")


@pytest.mark.parametrize(
    ("day", "last_stored"),
    [
        pytest.param(CORRECTION_DAY, CORRECTION_DAY - ONE_DAY, id="correction-day"),
        pytest.param(FALLING_DAY, FALLING_DAY - ONE_DAY, id="falling-total"),
        pytest.param(RECORD_DAY, RECORD_DAY - 2 * ONE_DAY, id="gap-before-a-record-day"),
    ],
)
async def test_a_correction_a_falling_total_or_a_gap_never_alerts_a_record(
    start_delivery_bot: StartDeliveryBot, day: date, last_stored: date
) -> None:
    hidden = [last_stored + ONE_DAY] if day - last_stored > ONE_DAY else []
    async with start_delivery_bot(last_stored=last_stored, now=kyiv(day, 8), hidden=hidden) as bot:
        (chat,) = await bot.subscribe_private(1)
        await bot.choose(chat, ChatSettings(category_records=EVERY_CATEGORY, language="en"))
        since = bot.mark()

        bot.publish(day)
        await bot.delivered([chat], 1, since)
        await bot.settled()

        assert kinds(bot, chat, since)[0] == "daily"
        assert "record" not in kinds(bot, chat, since)


# Chats that refuse or move ----------------------------------------------------------------------


@pytest.mark.parametrize("refusal", ["blocked", "not found"])
async def test_a_chat_that_refuses_the_post_is_unsubscribed_until_its_next_start(
    start_delivery_bot: StartDeliveryBot, refusal: str
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        refusing, other = await bot.subscribe_private(2)
        (bot.api.block if refusal == "blocked" else bot.api.forget)(refusing)
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.delivered([other], 1, since)
        await bot.stored([refusing], unsubscribed)
        bot.api.restore(refusing)
        await bot.command(refusing, None, "/start")  # the subscription it lost comes back
        await bot.stored([refusing], subscribed)
        bot.clock.move_to(kyiv(QUIET_DAY + ONE_DAY, 8))
        since = bot.mark()
        bot.publish(QUIET_DAY + ONE_DAY)

        await bot.delivered([refusing, other], 1, since)


async def test_a_migrated_group_gets_the_post_at_its_new_id(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        group = await bot.subscribe_group()
        supergroup = bot.api.migrate(group)
        await bot.stored([supergroup], subscribed)
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.delivered([supergroup], 1, since)
        await bot.settled()

        assert kinds(bot, supergroup, since) == ["daily"]
        assert await bot.stored([group], unsubscribed)


async def test_a_migration_found_while_sending_moves_the_subscription_and_resends_there(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        group = await bot.subscribe_group()
        # The group became a supergroup without the bot seeing the service message.
        supergroup = bot.api.state.new_chat("supergroup", group.title)
        bot.api.state.refusals[group.id] = group_migrated(supergroup.id)
        since = bot.mark()

        bot.publish(QUIET_DAY)
        await bot.delivered([supergroup], 1, since)
        await bot.settled()

        assert kinds(bot, supergroup, since) == ["daily"]
        assert await bot.stored([supergroup], subscribed)
        assert await bot.stored([group], unsubscribed)


# Upstream faults and revisions ------------------------------------------------------------------


async def test_upstream_faults_delay_the_post_and_change_nothing_else(
    start_delivery_bot: StartDeliveryBot, figures_api: FakeFiguresApi
) -> None:
    async with (
        quick_to_give_up(figures_api) as client,
        start_delivery_bot(
            last_stored=QUIET_DAY - ONE_DAY,
            now=kyiv(QUIET_DAY, 8),
            overrides={"POLL_INTERVAL": "1"},
            figures_client=client,
        ) as bot,
    ):
        chats = await bot.subscribe_private(3)
        since = bot.mark()

        bot.figures_api.inject(HttpError(500), HtmlPage(), Hang(5.0))
        bot.publish(QUIET_DAY)
        failed = await last_poll(bot)
        async with bot.services.database.session() as session:
            latest_then = await ReportRepository(session).latest_date()
        sent_then = [bot.messages_to(chat, since) for chat in chats]
        await bot.delivered(chats, 1, since)
        await bot.settled()

        assert failed.unavailable is not None
        assert (latest_then, sent_then) == (QUIET_DAY - ONE_DAY, [[], [], []])
        assert [kinds(bot, chat, since) for chat in chats] == [["daily"]] * 3
        assert await bot.stored(chats, subscribed)


async def test_a_revision_of_the_posted_report_edits_the_post_with_no_new_alert(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=RECORD_DAY - ONE_DAY, now=kyiv(RECORD_DAY, 8)) as bot:
        chats = await bot.subscribe_private(2)
        since = bot.mark()
        bot.publish(RECORD_DAY)
        await bot.delivered(chats, 2, since)
        await bot.settled()

        bot.figures_api.revise(RECORD_DAY, stats={"tanks": 9_594}, increase={"tanks": 18})
        bot.clock.move_to(kyiv(RECORD_DAY + ONE_DAY, 7))  # the next morning: polling resumes
        await bot.api.wait_until(lambda: all(bot.edits_in(chat, since) for chat in chats), 10)
        await bot.settled()

        for chat in chats:
            post, _alert = bot.messages_to(chat, since)
            (edit,) = bot.edits_in(chat, since)
            assert edit.message_id == post.message_id
            assert "Tanks: 9,594 (+18)" in (edit.text or "")
            assert kinds(bot, chat, since) == ["daily", "record"]


# Admins -----------------------------------------------------------------------------------------


async def test_stats_tells_an_admin_subscribers_latest_report_outbox_and_last_poll(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        chats = await bot.subscribe_private(2)
        chats += [await bot.subscribe_group(), await bot.subscribe_channel()]
        since = bot.mark()
        bot.publish(QUIET_DAY)
        await bot.delivered(chats, 1, since)
        await bot.settled()

        reply = await bot.command(bot.admin, None, "/stats")

        stats = reply.text or ""
        assert "Subscribers: <b>4</b> (private 2, groups 1, supergroups 0, channels 1)" in stats
        assert "Latest report: 10 June 2024" in stats
        assert "Outbox: 0 waiting, 0 failed" in stats
        assert "new report: 10 June 2024; 4 deliveries queued" in stats


async def test_poll_command_polls_now_and_says_what_it_found(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    start = start_delivery_bot(
        last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8), overrides={"POLL_INTERVAL": "3600"}
    )
    async with start as bot:
        (chat,) = await bot.subscribe_private(1)
        since = bot.mark()
        bot.publish(QUIET_DAY)

        reply = await bot.command(bot.admin, None, "/poll")
        await bot.delivered([chat], 1, since)

        assert "new report: 10 June 2024; 1 delivery queued" in (reply.text or "")


@pytest.mark.parametrize("command", ["/stats", "/poll"])
async def test_admin_commands_are_refused_politely_to_everyone_else(
    start_delivery_bot: StartDeliveryBot, command: str
) -> None:
    start = start_delivery_bot(
        last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8), overrides={"POLL_INTERVAL": "3600"}
    )
    async with start as bot:
        bot.publish(QUIET_DAY)
        stranger = bot.api.private_chat(bot.api.new_user(language_code="en"))

        reply = await bot.command(stranger, None, command)

        assert reply.text == text("en", "admin-refused")
        assert bot.figures_api.requests == []


async def test_the_admins_hear_once_that_the_report_is_late_and_once_that_it_came(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(
        last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 12, 30)
    ) as bot:
        await bot.delivered([bot.admin], 1, 0)
        await bot.polls(3)
        late = bot.messages_to(bot.admin)
        bot.publish(QUIET_DAY)
        await bot.delivered([bot.admin], 2, 0)
        reply = await bot.command(bot.admin, None, "/poll")  # one more check, after it came

        notices = [m.text for m in bot.messages_to(bot.admin) if m != reply]
        assert len(late) == 1
        assert len(notices) == 2
        assert "No report of 10 June 2024 yet" in (notices[0] or "")
        assert "the report of 10 June 2024 has arrived" in (notices[1] or "")


# The schedule -----------------------------------------------------------------------------------


async def test_polling_rests_once_todays_report_is_stored_until_the_next_morning(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 8)) as bot:
        bot.publish(QUIET_DAY)
        await stored_until(bot, QUIET_DAY)
        requests = len(bot.figures_api.requests)
        await asyncio.sleep(1.0)  # five poll intervals
        resting = len(bot.figures_api.requests) - requests

        bot.clock.move_to(kyiv(QUIET_DAY + ONE_DAY, 6))
        await bot.polls(1)

        assert resting == 0


async def test_polling_waits_for_the_window_to_open(start_delivery_bot: StartDeliveryBot) -> None:
    async with start_delivery_bot(
        last_stored=QUIET_DAY - ONE_DAY, now=kyiv(QUIET_DAY, 5, 59)
    ) as bot:
        await asyncio.sleep(1.0)  # five poll intervals before 06:00
        before_the_window = list(bot.figures_api.requests)

        bot.clock.move_to(kyiv(QUIET_DAY, 6))
        await bot.polls(1)

        assert before_the_window == []
