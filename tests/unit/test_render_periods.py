"""Texts for /week, /month and the digests, on real weeks and months, in Ukrainian and English."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.digests import Comparison, NoReportsInWeek, NotAMonth, compare, month_of, week_of
from bot.domain.errors import BeforeFirstReport, InTheFuture
from bot.domain.history import History
from bot.render.formatting import percent
from bot.render.periods import date_range, digest_text, month_error, period_text
from tests.support.dataset import history_reports

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def november(history: History) -> Comparison:
    return compare(history, month_of(2024, 11))


@pytest.fixture(scope="module")
def last_full_week(history: History) -> Comparison:
    return compare(history, week_of(date(2026, 8, 2)))


def test_a_month_names_itself_and_its_days(november: Comparison) -> None:
    assert period_text(november, "en").splitlines()[0] == "📅 <b>November 2024</b> · 30 days"
    assert period_text(november, "uk").splitlines()[0] == "📅 <b>Листопад 2024</b> · 30 днів"


def test_a_week_names_its_monday_and_sunday(last_full_week: Comparison) -> None:
    assert period_text(last_full_week, "uk").splitlines()[0] == (
        "📅 <b>Тиждень 27 липня – 2 серпня 2026</b> · 7 днів"
    )
    assert period_text(last_full_week, "en").splitlines()[0] == (
        "📅 <b>Week of 27 July – 2 August 2026</b> · 7 days"
    )


def test_each_line_is_the_difference_of_totals_and_its_daily_average(
    november: Comparison,
) -> None:
    assert "🪖 Personnel: +45,450 · 1,515 a day" in period_text(november, "en")
    assert f"🪖 Особовий склад: +45{NBSP}450 · 1{NBSP}515 за добу" in period_text(november, "uk")


def test_below_each_line_the_averages_of_the_month_before_and_a_year_earlier(
    november: Comparison,
) -> None:
    lines = period_text(november, "en").splitlines()

    after_personnel = lines[lines.index("🪖 Personnel: +45,450 · 1,515 a day") + 1]
    assert (
        after_personnel == "↳ month before: 1,351 a day (+12%) · a year earlier: 932 a day (+63%)"
    )


def test_a_week_compares_with_the_week_before(last_full_week: Comparison) -> None:
    assert "↳ попередній тиждень: 1" in period_text(last_full_week, "uk")
    assert "↳ week before: 1,437 a day (+1%) · a year earlier: 983 a day (+47%)" in period_text(
        last_full_week, "en"
    )


def test_no_per_cent_against_less_than_one_a_day(last_full_week: Comparison) -> None:
    assert (
        "🎆 MLRS: +19 · 2.7 a day\n↳ week before: 2.7 a day (0%) · a year earlier: 0.43 a day\n"
        in (period_text(last_full_week, "en"))
    )


def test_a_category_without_losses_has_a_bare_line(last_full_week: Comparison) -> None:
    assert "\n✈️ Aircraft: 0\n🚁 Helicopters: 0\n" in period_text(last_full_week, "en")


def test_a_category_reported_only_for_the_last_year_is_compared_with_the_week_before_only(
    last_full_week: Comparison,
) -> None:
    text = period_text(last_full_week, "en")
    assert "🤖 Ground robotic systems: +77 · 11 a day\n↳ week before: 11 a day (+3%)\n" in text


def test_a_week_not_over_says_up_to_when(history: History) -> None:
    current = compare(history, week_of(date(2026, 8, 8)))

    assert (
        period_text(current, "en").splitlines()[1] == "⏳ Not over yet: figures up to 8 August 2026"
    )


def test_the_text_ends_with_the_rule_of_its_figures(november: Comparison) -> None:
    assert period_text(november, "en").endswith(
        "<i>Sums of the published daily figures; “a day” is their average, as on /chart. "
        "Recounts are not counted as losses.</i>"
    )
    assert period_text(november, "uk").endswith(
        "<i>Це суми опублікованих добових даних; «за добу» — їхнє середнє, як і на /chart. "
        "Перерахунки не враховано як втрати.</i>"
    )


def test_a_digest_has_a_heading_above_the_period(
    november: Comparison, last_full_week: Comparison
) -> None:
    assert digest_text(november, "en").startswith("🗞 <b>Monthly digest</b>\n📅 <b>November 2024")
    assert digest_text(last_full_week, "uk").startswith("🗞 <b>Підсумки тижня</b>\n📅")


@pytest.mark.parametrize(
    ("share", "expected"), [(0.123, "+12%"), (-0.04, "\u22124%"), (0.001, "0%"), (12.62, "+1,262%")]
)
def test_a_per_cent_is_whole_and_signed(share: float, expected: str) -> None:
    assert percent(share, "en") == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 8, 3), date(2026, 8, 9), "3–9 August 2026"),
        (date(2026, 7, 27), date(2026, 8, 2), "27 July – 2 August 2026"),
        (date(2025, 12, 29), date(2026, 1, 4), "29 December 2025 – 4 January 2026"),
    ],
)
def test_a_range_of_dates_says_the_year_once_when_it_can(
    first: date, last: date, expected: str
) -> None:
    assert date_range(first, last, "en") == expected


def test_a_bad_month_shows_a_month_to_copy() -> None:
    assert month_error(NotAMonth("2024-13"), "uk") == (
        "«2024-13» — не місяць. Напишіть так: <code>/month 2024-10</code>"
    )


def test_a_month_after_the_latest_report_suggests_the_latest_month() -> None:
    error = InTheFuture(date(2026, 9, 1), date(2026, 8, 8))

    assert month_error(error, "en") == (
        "There is no report for September 2026 yet: the latest is of 8 August 2026. "
        "For example: <code>/month 2026-08</code>"
    )


def test_a_month_before_the_first_report_suggests_the_first_month() -> None:
    error = BeforeFirstReport(date(2021, 1, 1), date(2022, 2, 25))

    assert month_error(error, "en", command="/chart").endswith("<code>/chart 2022-02</code>")


def test_a_week_without_reports_names_its_days() -> None:
    assert month_error(NoReportsInWeek(date(2024, 1, 8)), "en", command="/week") == (
        "There is no report in the week of 8–14 January 2024."
    )
