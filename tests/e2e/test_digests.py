"""The weekly and monthly digests end to end: the real runtime, the fake Bot API, the real history.

The digest job is the one the runtime scheduled; each test moves the bot's clock to a moment and
runs the job, as the job queue would at 10:00 in BOT_TIMEZONE (Europe/Kyiv here). The job owes
the digests to the outbox, and the sender delivers them like any other delivery: a text, then its
chart. What day and hour it is is read in that time zone: 07:00 UTC on a Monday in August is
10:00 in Kyiv, and 21:30 UTC on a Monday is already Tuesday there.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from matplotlib.image import imread
from telegram.ext import Job

from bot.domain.chart_request import CalendarMonth, DateRange
from bot.domain.chats import ChatKind, ChatSettings
from bot.domain.digests import compare, month_of, week_of
from bot.domain.series import chart_series
from bot.render.chart_texts import chart_caption
from bot.render.periods import digest_text
from bot.services.digests import JOB_NAME
from bot.settings import Settings
from bot.store.deliveries import DeliveryRepository
from bot.telegram.context import BotContext
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_app import RunningBot, started_bot
from tests.support.fixtures_delivery import MovableClock

MONDAY_IN_KYIV = datetime(2026, 8, 3, 7, 0, tzinfo=UTC)
FIRST_IN_KYIV = datetime(2026, 8, 1, 7, 0, tzinfo=UTC)  # a Saturday
WEDNESDAY = datetime(2026, 8, 5, 7, 0, tzinfo=UTC)
LAST_WEEK = week_of(date(2026, 8, 2))
LAST_MONTH = month_of(2026, 7)
WEEKLY = ChatSettings(weekly_digest=True, language="en")
MONTHLY = ChatSettings(monthly_digest=True, language="uk")
WAIT = 15.0


@pytest.fixture
def clock() -> MovableClock:
    """The bot's clock, on a Wednesday (no digest is due) until a test moves it."""
    clock = MovableClock()
    clock.move_to(WEDNESDAY)
    return clock


@pytest.fixture
async def digest_bot(
    bot_settings: Settings, bot_api: FakeBotApi, figures_api: FakeFiguresApi, clock: MovableClock
) -> AsyncIterator[RunningBot]:
    async with started_bot(bot_settings, bot_api, figures_api, clock=clock) as bot:
        yield bot


def digest_job(bot: RunningBot) -> Job[BotContext]:
    job_queue = bot.application.job_queue
    assert job_queue is not None
    (job,) = job_queue.get_jobs_by_name(JOB_NAME)
    return job


async def settled(bot: RunningBot) -> None:
    """Waits until the outbox has nothing left to plan or send (read from the store)."""
    async with asyncio.timeout(WAIT):
        while True:
            await bot.runtime.worker.planner.plan_all()
            async with bot.services.database.session() as session:
                if await DeliveryRepository(session).backlog() == 0:
                    return
            await asyncio.sleep(0.02)


async def run_digests_at(bot: RunningBot, clock: MovableClock, moment: datetime) -> None:
    """Runs the scheduled digest job as if the clock read `moment`; returns once the outbox has
    sent what it owed."""
    clock.move_to(moment)
    await digest_job(bot).run(bot.application)
    await settled(bot)


async def subscribed_chat(
    bot: RunningBot, settings: ChatSettings, *, subscribed: bool = True
) -> FakeChat:
    chat = bot.bot_api.private_chat(bot.bot_api.new_user(language_code=settings.language))
    await bot.chats.ensure(chat.id, ChatKind.PRIVATE, None, settings.language)
    await bot.chats.set_subscribed(chat.id, subscribed)
    await bot.chats.update_settings(chat.id, settings)
    return chat


def png_size(call: SentCall) -> tuple[int, int]:
    assert call.photo is not None
    height, width = imread(io.BytesIO(call.photo), format="png").shape[:2]
    return width, height


async def test_the_job_runs_every_day_at_ten_in_the_bots_time_zone(digest_bot: RunningBot) -> None:
    job = digest_job(digest_bot)

    assert job.next_t is not None
    assert job.next_t.astimezone(digest_bot.settings.bot_timezone).time() == time(10, 0)


async def test_on_monday_a_chat_that_asked_gets_last_weeks_digest_then_its_chart(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    chat = await subscribed_chat(digest_bot, WEEKLY)
    figures = await digest_bot.services.figures.figures()

    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV)

    text, photo = digest_bot.bot_api.sent_to(chat)
    assert text.text == digest_text(compare(figures.history, LAST_WEEK), "en")
    assert "Week of 27 July – 2 August 2026" in (text.text or "")
    assert photo.method == "sendPhoto"
    assert png_size(photo) == (1080, 810)
    series = chart_series(
        figures.history,
        "personnel_units",
        DateRange(date(2026, 7, 27), date(2026, 8, 2)),
        figures.records,
    )
    assert photo.text == chart_caption(series, "en")


async def test_on_monday_only_subscribed_chats_that_asked_for_the_week_get_it(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    asked = await subscribed_chat(digest_bot, WEEKLY)
    not_asked = await subscribed_chat(digest_bot, ChatSettings(language="en"))
    monthly_only = await subscribed_chat(digest_bot, MONTHLY)
    unsubscribed = await subscribed_chat(digest_bot, WEEKLY, subscribed=False)

    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV)

    received = {chat.id for chat in (asked, not_asked, monthly_only, unsubscribed)} & {
        call.chat_id for call in digest_bot.bot_api.sent
    }
    assert received == {asked.id}


async def test_on_the_first_a_chat_that_asked_gets_last_months_digest_in_its_language(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    monthly = await subscribed_chat(digest_bot, MONTHLY)
    weekly = await subscribed_chat(digest_bot, WEEKLY)
    figures = await digest_bot.services.figures.figures()

    await run_digests_at(digest_bot, clock, FIRST_IN_KYIV)

    text, photo = digest_bot.bot_api.sent_to(monthly)
    assert text.text == digest_text(compare(figures.history, LAST_MONTH), "uk")
    assert "Підсумки місяця" in (text.text or "")
    series = chart_series(
        figures.history, "personnel_units", CalendarMonth(2026, 7), figures.records
    )
    assert photo.text == chart_caption(series, "uk")
    assert digest_bot.bot_api.sent_to(weekly) == []  # 1 August 2026 is a Saturday


async def test_the_digest_is_due_from_ten_in_kyiv_not_from_ten_in_utc(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    chat = await subscribed_chat(digest_bot, WEEKLY)

    await run_digests_at(digest_bot, clock, datetime(2026, 8, 3, 6, 59, tzinfo=UTC))  # 09:59
    before_ten = len(digest_bot.bot_api.sent_to(chat))
    await run_digests_at(digest_bot, clock, datetime(2026, 8, 3, 7, 0, tzinfo=UTC))  # 10:00

    assert (before_ten, len(digest_bot.bot_api.sent_to(chat))) == (0, 2)


async def test_no_digest_on_other_days_even_when_it_is_monday_in_utc(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    weekly = await subscribed_chat(digest_bot, WEEKLY)
    monthly = await subscribed_chat(digest_bot, MONTHLY)

    await run_digests_at(digest_bot, clock, datetime(2026, 8, 5, 7, 0, tzinfo=UTC))  # Wednesday
    await run_digests_at(digest_bot, clock, datetime(2026, 8, 3, 21, 30, tzinfo=UTC))  # Tuesday

    assert digest_bot.bot_api.sent_to(weekly) == []
    assert digest_bot.bot_api.sent_to(monthly) == []


async def test_a_silent_chat_gets_its_digest_without_a_sound(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    chat = await subscribed_chat(digest_bot, ChatSettings(weekly_digest=True, silent=True))

    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV)

    sent = digest_bot.bot_api.sent_to(chat)
    assert [call.disable_notification for call in sent] == [True, True]


async def test_a_chat_that_blocked_the_bot_is_unsubscribed(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    chat = await subscribed_chat(digest_bot, WEEKLY)
    digest_bot.bot_api.block(chat)  # Telegram answers 403; no update tells the bot before

    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV)

    stored = await digest_bot.chats.get(chat.id)
    assert stored is not None
    assert not stored.subscribed


async def test_running_the_job_twice_the_same_day_sends_the_digest_once(
    digest_bot: RunningBot, clock: MovableClock
) -> None:
    chat = await subscribed_chat(digest_bot, WEEKLY)

    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV)
    await run_digests_at(digest_bot, clock, MONDAY_IN_KYIV.replace(hour=9))

    assert len(digest_bot.bot_api.sent_to(chat)) == 2


async def test_a_chat_asks_for_the_weekly_digest_in_its_settings(digest_bot: RunningBot) -> None:
    api = digest_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    api.send_command(chat, None, "/settings")
    shown = await api.wait_for(lambda call: call.chat_id == chat.id)

    query_id = api.press_button(shown, "1:opt:weekly_digest")
    await api.wait_for(
        lambda call: call.params.get("callback_query_id") == query_id, include_failed=True
    )

    stored = await digest_bot.chats.get(chat.id)
    assert stored is not None
    assert (stored.settings.weekly_digest, stored.settings.monthly_digest) == (True, False)


async def test_anyone_gets_the_latest_weekly_digest_on_demand(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))  # not subscribed to anything

    api.send_command(chat, None, "/digest")
    await api.wait_until(lambda: len(api.sent_to(chat)) >= 2)

    text_sent, photo = api.sent_to(chat)[:2]
    figures = await running_bot.services.figures.figures()
    assert text_sent.text == digest_text(compare(figures.history, LAST_WEEK), "en")
    assert photo.method == "sendPhoto"


async def test_the_latest_monthly_digest_is_asked_for_in_words(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="uk"))

    api.send_command(chat, None, "/digest місяць")
    await api.wait_until(lambda: len(api.sent_to(chat)) >= 2)

    assert (api.sent_to(chat)[0].text or "").startswith(
        "🗞 <b>Підсумки місяця</b>\n📅 <b>Липень 2026"
    )


# Restarts -----------------------------------------------------------------------------------------


def digests_to(api: FakeBotApi, chats: Sequence[FakeChat]) -> dict[int, list[str]]:
    """What each chat received: "text" or "chart", in order."""
    return {
        chat.id: ["chart" if call.method == "sendPhoto" else "text" for call in api.sent_to(chat)]
        for chat in chats
    }


async def test_a_digest_run_stopped_half_way_resumes_after_a_restart_and_no_chat_gets_it_twice(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, bot_database_url: str, tmp_path: Path
) -> None:
    settings = Settings.model_validate(
        {
            "BOT_TOKEN": bot_api.token,
            "BOT_API_URL": bot_api.root_url,
            "LOSSES_API_URL": figures_api.url,
            "LOSSES_CHANNEL_URL": "",
            "DATABASE_URL": bot_database_url,
            "BROADCAST_RATE": "8",
        }
    )
    bot_api.enable_flood_limits()
    clock = MovableClock()
    clock.move_to(WEDNESDAY)
    async with started_bot(settings, bot_api, figures_api, clock=clock) as bot:
        chats = [await subscribed_chat(bot, WEEKLY) for _ in range(12)]
        clock.move_to(MONDAY_IN_KYIV)
        await digest_job(bot).run(bot.application)
        await bot_api.wait_until(lambda: len(bot_api.sent) >= 10, WAIT)
    # stopped here, half-way: the messages on the wire were answered and marked
    received_before = digests_to(bot_api, chats)
    clock.move_to(MONDAY_IN_KYIV.replace(hour=8))
    async with started_bot(settings, bot_api, figures_api, clock=clock) as bot:
        await settled(bot)

    received = digests_to(bot_api, chats)
    assert any(len(got) < 2 for got in received_before.values()), "the run was not cut short"
    assert received == {chat.id: ["text", "chart"] for chat in chats}
    assert bot_api.flood_429s == 0


async def test_a_bot_down_at_ten_on_a_monday_sends_the_weekly_digest_once_when_back_that_day(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, bot_settings: Settings
) -> None:
    clock = MovableClock()
    clock.move_to(WEDNESDAY)
    async with started_bot(bot_settings, bot_api, figures_api, clock=clock) as bot:
        chats = [await subscribed_chat(bot, WEEKLY) for _ in range(3)]
    # down from Wednesday to Monday 13:00 in Kyiv, long after 10:00
    clock.move_to(MONDAY_IN_KYIV.replace(hour=10))
    async with started_bot(bot_settings, bot_api, figures_api, clock=clock) as bot:
        await bot_api.wait_until(lambda: len(bot_api.sent) >= 6, WAIT)
        await settled(bot)
    clock.move_to(MONDAY_IN_KYIV.replace(hour=12))
    async with started_bot(bot_settings, bot_api, figures_api, clock=clock) as bot:
        await settled(bot)
        await digest_job(bot).run(bot.application)
        await settled(bot)

    assert digests_to(bot_api, chats) == {chat.id: ["text", "chart"] for chat in chats}
