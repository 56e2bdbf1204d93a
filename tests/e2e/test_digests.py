"""The weekly and monthly digests end to end: the real job, the fake Bot API, the real history.

The digest job is the one the Application scheduled; each test sets the services' clock to a
moment and runs the job, as the job queue would at 10:00 in BOT_TIMEZONE (Europe/Kyiv here).
What day it is is read in that time zone: 21:30 UTC on a Sunday in August is Monday in Kyiv.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time

from matplotlib.image import imread
from telegram.ext import Job

from bot.domain.chart_request import CalendarMonth, DateRange
from bot.domain.chats import ChatKind, ChatSettings
from bot.domain.digests import compare, month_of, week_of
from bot.domain.series import chart_series
from bot.render.chart_texts import chart_caption
from bot.render.periods import digest_text
from bot.telegram.context import BotContext
from bot.telegram.digests import JOB_NAME
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat
from tests.support.fixtures_app import RunningBot

MONDAY_IN_KYIV = datetime(2026, 8, 3, 7, 0, tzinfo=UTC)
FIRST_IN_KYIV = datetime(2026, 8, 1, 7, 0, tzinfo=UTC)  # a Saturday
LAST_WEEK = week_of(date(2026, 8, 2))
LAST_MONTH = month_of(2026, 7)
WEEKLY = ChatSettings(weekly_digest=True, language="en")
MONTHLY = ChatSettings(monthly_digest=True, language="uk")


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def digest_job(bot: RunningBot) -> Job[BotContext]:
    job_queue = bot.application.job_queue
    assert job_queue is not None
    (job,) = job_queue.get_jobs_by_name(JOB_NAME)
    return job


async def run_digests_at(bot: RunningBot, moment: datetime) -> None:
    """Run the scheduled digest job as if the clock read `moment`; returns once it is done."""
    bot.services.clock = FixedClock(moment)
    await digest_job(bot).run(bot.application)


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


async def test_the_job_runs_every_day_at_ten_in_the_bots_time_zone(
    running_bot: RunningBot,
) -> None:
    job = digest_job(running_bot)

    assert job.next_t is not None
    assert job.next_t.astimezone(running_bot.settings.bot_timezone).time() == time(10, 0)


async def test_on_monday_a_chat_that_asked_gets_last_weeks_digest_then_its_chart(
    running_bot: RunningBot,
) -> None:
    chat = await subscribed_chat(running_bot, WEEKLY)
    figures = await running_bot.services.figures.figures()

    await run_digests_at(running_bot, MONDAY_IN_KYIV)

    text, photo = running_bot.bot_api.sent_to(chat)
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
    running_bot: RunningBot,
) -> None:
    asked = await subscribed_chat(running_bot, WEEKLY)
    not_asked = await subscribed_chat(running_bot, ChatSettings(language="en"))
    monthly_only = await subscribed_chat(running_bot, MONTHLY)
    unsubscribed = await subscribed_chat(running_bot, WEEKLY, subscribed=False)

    await run_digests_at(running_bot, MONDAY_IN_KYIV)

    received = {chat.id for chat in (asked, not_asked, monthly_only, unsubscribed)} & {
        call.chat_id for call in running_bot.bot_api.sent
    }
    assert received == {asked.id}


async def test_on_the_first_a_chat_that_asked_gets_last_months_digest_in_its_language(
    running_bot: RunningBot,
) -> None:
    monthly = await subscribed_chat(running_bot, MONTHLY)
    weekly = await subscribed_chat(running_bot, WEEKLY)
    figures = await running_bot.services.figures.figures()

    await run_digests_at(running_bot, FIRST_IN_KYIV)

    text, photo = running_bot.bot_api.sent_to(monthly)
    assert text.text == digest_text(compare(figures.history, LAST_MONTH), "uk")
    assert "Підсумки місяця" in (text.text or "")
    series = chart_series(
        figures.history, "personnel_units", CalendarMonth(2026, 7), figures.records
    )
    assert photo.text == chart_caption(series, "uk")
    assert running_bot.bot_api.sent_to(weekly) == []  # 1 August 2026 is a Saturday


async def test_late_on_sunday_in_utc_is_already_monday_in_kyiv(running_bot: RunningBot) -> None:
    chat = await subscribed_chat(running_bot, WEEKLY)

    await run_digests_at(running_bot, datetime(2026, 8, 2, 21, 30, tzinfo=UTC))

    assert len(running_bot.bot_api.sent_to(chat)) == 2


async def test_no_digest_on_other_days_even_when_it_is_monday_in_utc(
    running_bot: RunningBot,
) -> None:
    weekly = await subscribed_chat(running_bot, WEEKLY)
    monthly = await subscribed_chat(running_bot, MONTHLY)

    await run_digests_at(running_bot, datetime(2026, 8, 5, 7, 0, tzinfo=UTC))  # Wednesday
    await run_digests_at(running_bot, datetime(2026, 8, 3, 21, 30, tzinfo=UTC))  # Tuesday, Kyiv

    assert running_bot.bot_api.sent_to(weekly) == []
    assert running_bot.bot_api.sent_to(monthly) == []


async def test_a_silent_chat_gets_its_digest_without_a_sound(running_bot: RunningBot) -> None:
    chat = await subscribed_chat(running_bot, ChatSettings(weekly_digest=True, silent=True))

    await run_digests_at(running_bot, MONDAY_IN_KYIV)

    sent = running_bot.bot_api.sent_to(chat)
    assert [call.disable_notification for call in sent] == [True, True]


async def test_a_chat_that_blocked_the_bot_is_unsubscribed(running_bot: RunningBot) -> None:
    chat = await subscribed_chat(running_bot, WEEKLY)
    running_bot.bot_api.block(chat)  # Telegram answers 403; no update tells the bot before

    await run_digests_at(running_bot, MONDAY_IN_KYIV)

    stored = await running_bot.chats.get(chat.id)
    assert stored is not None
    assert not stored.subscribed


async def test_a_chat_asks_for_the_weekly_digest_in_its_settings(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="en"))
    api.send_command(chat, None, "/settings")
    shown = await api.wait_for(lambda call: call.chat_id == chat.id)

    query_id = api.press_button(shown, "1:opt:weekly_digest")
    await api.wait_for(
        lambda call: call.params.get("callback_query_id") == query_id, include_failed=True
    )

    stored = await running_bot.chats.get(chat.id)
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
