"""/chart, /week and /month end to end: the real Application, the fake Bot API, the real history.

A chart arrives as a photo: its bytes must decode as a PNG of the phone chart's size, and its
caption must describe the series drawn from the real history. Weeks and months are checked
against differences of totals computed here from the real reports.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from matplotlib.image import imread

from bot.domain.chart_request import CalendarMonth, LastDays
from bot.domain.records import record_book
from bot.domain.series import chart_series
from bot.render.chart_texts import chart_caption
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.support.dataset import history_reports, report_of
from tests.support.fixtures_app import RunningBot

PERSONNEL = "personnel_units"


async def ask(
    api: FakeBotApi, chat: FakeChat, command: str, user: FakeUser | None = None
) -> SentCall:
    """Send `command` to the bot and return its reply to that chat."""
    seen = len(api.sent_to(chat))
    api.send_command(chat, user, command, addressed=chat.type != "private")
    await api.wait_until(lambda: len(api.sent_to(chat)) > seen)
    return api.sent_to(chat)[seen]


def private(api: FakeBotApi, lang: str) -> FakeChat:
    return api.private_chat(api.new_user(language_code=lang))


def png_size(png: bytes | None) -> tuple[int, int]:
    assert png is not None
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    height, width = imread(io.BytesIO(png), format="png").shape[:2]
    return width, height


def total(day: str, key: str = PERSONNEL) -> int:
    return report_of(day).totals[key]


async def test_chart_without_arguments_is_90_days_of_personnel_as_a_photo(
    running_bot: RunningBot,
) -> None:
    figures = await running_bot.services.figures.figures()

    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "uk"), "/chart")

    assert reply.method == "sendPhoto"
    assert png_size(reply.photo) == (1080, 810)
    series = chart_series(figures.history, PERSONNEL, LastDays(90), figures.records)
    assert reply.text == chart_caption(series, "uk")
    assert (series.first_day, series.last_day) == (date(2026, 5, 11), date(2026, 8, 8))


async def test_chart_takes_a_category_and_a_month_in_either_order(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = private(api, "en")
    history = (await running_bot.services.figures.figures()).history
    book = record_book(history, running_bot.settings.records_since)

    reply = await ask(api, chat, "/chart 2025-02 tanks")

    assert reply.method == "sendPhoto"
    assert png_size(reply.photo) == (1080, 810)
    expected = chart_series(history, "tanks", CalendarMonth(2025, 2), book)
    assert reply.text == chart_caption(expected, "en")
    assert "<b>🛡 Tanks</b> · 1–28 February 2025" in (reply.text or "")


async def test_chart_in_a_group_is_answered_when_addressed_to_the_bot(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    figures = await running_bot.services.figures.figures()

    reply = await ask(api, api.supergroup(), "/chart дрони 30д", api.new_user(language_code="uk"))

    assert reply.method == "sendPhoto"
    series = chart_series(figures.history, "uav_systems", LastDays(30), figures.records)
    assert reply.text == chart_caption(series, "uk")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/chart weather", "“weather” is not a category I know"),
        ("/chart 0d", "“0d” is not a period"),
        ("/chart tanks uav", "One category and one period at most; “uav” is one too many"),
        ("/chart 2021-05", "Reports start on 25 February 2022"),
        ("/chart " + "x" * 5000, "is not a category I know"),
    ],
    ids=["unknown-category", "zero-days", "two-categories", "before-first", "5000-characters"],
)
async def test_bad_chart_arguments_get_a_short_reply_with_an_example(
    running_bot: RunningBot, command: str, expected: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), command)

    assert reply.method == "sendMessage"
    assert expected in (reply.text or "")
    assert "<code>/chart " in (reply.text or "")
    listed = "The categories: " in (reply.text or "")  # an unknown category lists them all
    assert len(reply.text or "") < (450 if listed else 300)


async def test_week_sums_differences_of_totals_over_an_iso_week(running_bot: RunningBot) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), "/week 2026-07-29")

    change = total("2026-08-02") - total("2026-07-26")
    assert change == 10_130
    assert "Week of 27 July – 2 August 2026</b> · 7 days" in (reply.text or "")
    assert f"🪖 Personnel: +{change:,} · {change / 7:,.0f} a day" in (reply.text or "")


async def test_week_compares_with_the_week_before_and_a_year_earlier_in_ukrainian(
    running_bot: RunningBot,
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "uk"), "/week 02.08.2026")

    before = (total("2026-07-26") - total("2026-07-19")) / 7
    year_earlier = (total("2025-08-03") - total("2025-07-27")) / 7
    assert f"попередній тиждень: {before:,.0f}".replace(",", "\u00a0") in (reply.text or "")
    assert f"рік тому: {year_earlier:,.0f}".replace(",", "\u00a0") in (reply.text or "")


async def test_week_without_a_date_is_the_week_of_the_latest_report(
    running_bot: RunningBot,
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), "/week")

    assert "Week of 3–9 August 2026</b> · 6 days" in (reply.text or "")
    assert "Not over yet: figures up to 8 August 2026" in (reply.text or "")


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_month_and_chart_of_a_month_state_the_same_figure_a_day(
    running_bot: RunningBot, lang: str
) -> None:
    chat = private(running_bot.bot_api, lang)
    month = await ask(running_bot.bot_api, chat, "/month 2025-02")
    chart = await ask(running_bot.bot_api, chat, "/chart 2025-02")

    published = sum(
        report.changes["personnel_units"]
        for report in history_reports()
        if date(2025, 2, 1) <= report.date <= date(2025, 2, 28)
    )
    per_day = f"{published / 28:,.0f}".replace(",", "\u00a0" if lang == "uk" else ",")
    assert per_day == ("1\u00a0261" if lang == "uk" else "1,261")  # not 1,320: no recount
    assert f"{per_day} {'за добу' if lang == 'uk' else 'a day'}" in (month.text or "")
    assert per_day in (chart.text or "")
    assert ("Лютий 2025" if lang == "uk" else "February 2025") in (month.text or "")


async def test_month_without_an_argument_is_the_month_of_the_latest_report(
    running_bot: RunningBot,
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), "/month")

    change = total("2026-08-08") - total("2026-07-31")
    assert "August 2026</b> · 8 days" in (reply.text or "")
    assert f"Personnel: +{change:,}" in (reply.text or "")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/month 2025-13", "“2025-13” is not a month. Write it like this: <code>/month 2024-10"),
        ("/month 2021-05", "Reports start on 25 February 2022"),
        ("/week 30.02.2024", "There is no such day as “30.02.2024”"),
        ("/week 2030-01-01", "There is no report of"),
    ],
    ids=["month-13", "month-before-first", "week-30-february", "week-future"],
)
async def test_bad_week_or_month_gets_a_short_reply_with_an_example(
    running_bot: RunningBot, command: str, expected: str
) -> None:
    reply = await ask(running_bot.bot_api, private(running_bot.bot_api, "en"), command)

    assert expected in (reply.text or "")
    assert "<code>/" in (reply.text or "")
