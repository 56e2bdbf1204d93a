"""`/chart [category] [period]`: names as the bot shows them in both languages, periods, defaults
and typed errors."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.categories import CATALOGUE
from bot.domain.chart_request import (
    CalendarMonth,
    ChartPeriod,
    ChartRequest,
    DateRange,
    LastDays,
    NotAPeriod,
    TooManyArguments,
    UnknownCategory,
    WholeWar,
    calendar_chart_period,
    parse_chart_request,
    period_bounds,
)
from bot.domain.digests import month_of, week_of
from bot.domain.errors import BeforeFirstReport, InTheFuture, NoReportsInMonth
from bot.domain.history import History
from bot.domain.inputs import Vocabulary, normalised
from bot.domain.reports import Report
from bot.render.i18n import text, translator
from bot.render.vocabulary import vocabulary
from tests.support.dataset import history_reports


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture
def words() -> Vocabulary:
    return vocabulary()


def test_without_arguments_the_chart_is_personnel_over_90_days() -> None:
    assert parse_chart_request([]) == ChartRequest("personnel_units", LastDays(90))


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["personnel"], "personnel_units"),
        (["особовий"], "personnel_units"),
        (["особовий", "склад"], "personnel_units"),
        (["Особовий склад"], "personnel_units"),
        (["tanks"], "tanks"),
        (["Танки"], "tanks"),
        (["uav"], "uav_systems"),
        (["БпЛА"], "uav_systems"),
        (["artillery"], "artillery_systems"),
        (["артилерія"], "artillery_systems"),
        (["air", "defence"], "aa_warfare_systems"),
        (["air-defence"], "aa_warfare_systems"),
        (["Засоби", "ППО"], "aa_warfare_systems"),
        (["Air", "defence", "systems"], "aa_warfare_systems"),
        (["Кораблі", "/", "катери"], "warships_cutters"),
        (["armoured", "combat", "vehicles"], "armoured_fighting_vehicles"),
        (["Автотехніка", "й", "цистерни"], "vehicles_fuel_tanks"),
        (["armoured_fighting_vehicles"], "armoured_fighting_vehicles"),
    ],
)
def test_a_category_is_named_as_the_bot_shows_it_or_by_a_short_name_in_either_language(
    words: Vocabulary, args: list[str], key: str
) -> None:
    assert parse_chart_request(args, words).category == key


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_name_the_bot_shows_for_a_category_names_it(words: Vocabulary, lang: str) -> None:
    for entry in CATALOGUE:
        shown = text(lang, f"category-{entry.key}")
        assert parse_chart_request(shown.split(" "), words).category == entry.key, shown


def test_no_name_stands_for_two_categories() -> None:
    seen: dict[str, str] = {}
    for lang in ("uk", "en"):
        for entry in CATALOGUE:
            listed = translator().attribute(lang, f"category-{entry.key}", "names") or ""
            names = [text(lang, f"category-{entry.key}"), *listed.split(",")]
            for name in map(normalised, names):
                assert seen.setdefault(name, entry.key) == entry.key, name


@pytest.mark.parametrize(
    ("args", "period"),
    [
        (["30d"], LastDays(30)),
        (["90д"], LastDays(90)),
        (["90", "днів"], LastDays(90)),
        (["2w"], LastDays(14)),
        (["6m"], LastDays(180)),
        (["1y"], LastDays(365)),
        (["1", "year"], LastDays(365)),
        (["2р"], LastDays(730)),
        (["all"], WholeWar()),
        (["ВСЕ"], WholeWar()),
        (["вся", "війна"], WholeWar()),
        (["2025-02"], CalendarMonth(2025, 2)),
        (["02.2025"], CalendarMonth(2025, 2)),
        (["February", "2025"], CalendarMonth(2025, 2)),
        (["лютий", "2025"], CalendarMonth(2025, 2)),
    ],
)
def test_a_period_is_a_count_of_days_weeks_months_or_years_the_whole_war_or_a_month(
    words: Vocabulary, args: list[str], period: ChartPeriod
) -> None:
    assert parse_chart_request(args, words).period == period


def test_the_category_and_the_period_come_in_either_order(words: Vocabulary) -> None:
    expected = ChartRequest("aa_warfare_systems", LastDays(365))
    assert parse_chart_request(["air", "defence", "1y"], words) == expected
    assert parse_chart_request(["1y", "air", "defence"], words) == expected


def test_an_unknown_word_is_an_unknown_category_carrying_the_words(words: Vocabulary) -> None:
    with pytest.raises(UnknownCategory) as raised:
        parse_chart_request(["green", "bananas", "30d"], words)
    assert raised.value.raw == "green bananas"


@pytest.mark.parametrize("raw", ["0d", "30x", "2025-13", "12345d", "1.5y"])
def test_something_that_starts_like_a_period_but_is_none_is_not_a_period(
    words: Vocabulary, raw: str
) -> None:
    with pytest.raises(NotAPeriod) as raised:
        parse_chart_request([raw], words)
    assert raised.value.raw == raw


@pytest.mark.parametrize(
    ("args", "extra"),
    [(["tanks", "uav"], "uav"), (["30d", "1y"], "1y"), (["tanks", "30d", "all"], "all")],
)
def test_a_second_category_or_period_is_too_many(
    words: Vocabulary, args: list[str], extra: str
) -> None:
    with pytest.raises(TooManyArguments) as raised:
        parse_chart_request(args, words)
    assert raised.value.extra == extra


def test_an_error_keeps_only_the_start_of_a_long_argument(words: Vocabulary) -> None:
    with pytest.raises(UnknownCategory) as raised:
        parse_chart_request(["x" * 5_000], words)
    assert len(raised.value.raw) <= 32


def test_names_can_be_passed_in() -> None:
    request = parse_chart_request(["arty"], Vocabulary(categories={"arty": "artillery_systems"}))
    assert request.category == "artillery_systems"


def test_a_key_seen_upstream_but_not_catalogued_can_be_charted() -> None:
    request = parse_chart_request(["naval_drones"], known={"naval_drones"})
    assert request.category == "naval_drones"


def test_a_count_of_days_ends_on_the_latest_report(history: History) -> None:
    assert period_bounds(LastDays(30), history) == (date(2026, 7, 10), date(2026, 8, 8))


def test_a_count_of_days_longer_than_the_war_is_the_whole_war(history: History) -> None:
    whole = (date(2022, 2, 25), date(2026, 8, 8))
    assert period_bounds(LastDays(9_999 * 365), history) == whole
    assert period_bounds(WholeWar(), history) == whole


def test_a_month_covers_its_days(history: History) -> None:
    assert period_bounds(CalendarMonth(2025, 2), history) == (date(2025, 2, 1), date(2025, 2, 28))


def test_the_month_of_the_latest_report_ends_on_it(history: History) -> None:
    assert period_bounds(CalendarMonth(2026, 8), history) == (date(2026, 8, 1), date(2026, 8, 8))


def test_a_month_before_the_first_report_or_after_the_latest_is_outside_the_history(
    history: History,
) -> None:
    with pytest.raises(BeforeFirstReport):
        period_bounds(CalendarMonth(2022, 1), history)
    with pytest.raises(InTheFuture):
        period_bounds(CalendarMonth(2026, 9), history)


def test_a_month_inside_the_history_without_a_report_has_no_reports() -> None:
    history = History(Report(day, {"tanks": 1}) for day in (date(2024, 1, 31), date(2024, 3, 1)))
    with pytest.raises(NoReportsInMonth):
        period_bounds(CalendarMonth(2024, 2), history)


def test_a_range_is_clipped_to_the_history(history: History) -> None:
    wide = DateRange(date(2026, 8, 3), date(2026, 8, 9))
    assert period_bounds(wide, history) == (date(2026, 8, 3), date(2026, 8, 8))


def test_a_digest_week_is_charted_over_its_days_and_a_month_as_that_month() -> None:
    week = week_of(date(2026, 8, 2))
    assert calendar_chart_period(week) == DateRange(date(2026, 7, 27), date(2026, 8, 2))
    assert calendar_chart_period(month_of(2026, 7)) == CalendarMonth(2026, 7)
