"""Changes over a period: `/since` from totals, weeks and months by the rule of daily figures."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.digests import PeriodSummary, month_of, summary
from bot.domain.errors import BeforeFirstReport, InTheFuture, NoReportsInMonth, NothingSince
from bot.domain.history import History
from bot.domain.periods import change_between, since
from bot.domain.reports import Report
from tests.support.dataset import as_report, history_reports, live_api_records, report_of


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


def test_since_is_the_latest_total_minus_the_total_of_the_date(history: History) -> None:
    change = since(history, date(2024, 10, 20))

    personnel = change.get("personnel_units")
    assert personnel is not None
    assert personnel.delta == 1_456_610 - report_of("2024-10-20").totals["personnel_units"]
    assert (change.start.date, change.end.date) == (date(2024, 10, 20), date(2026, 8, 8))


def test_a_period_over_a_correction_day_counts_the_recount(history: History) -> None:
    change = change_between(history, report_of("2025-02-27"), report_of("2025-02-28"))

    personnel = change.get("personnel_units")
    assert personnel is not None
    assert personnel.delta == 2710


def test_a_period_is_not_the_sum_of_published_changes(history: History) -> None:
    start, end = report_of("2025-02-01"), report_of("2025-03-01")
    published = sum(
        report.changes["personnel_units"]
        for report in history.between(date(2025, 2, 2), date(2025, 3, 1))
    )

    personnel = change_between(history, start, end).get("personnel_units")

    assert personnel is not None
    assert personnel.delta == end.totals["personnel_units"] - start.totals["personnel_units"]
    assert personnel.delta == published + 1650


def test_since_across_the_vehicles_merge_compares_the_merged_totals(history: History) -> None:
    change = change_between(history, report_of("2022-04-15"), report_of("2022-06-01"))

    vehicles = change.get("vehicles_fuel_tanks")
    assert vehicles is not None
    assert (vehicles.start_total, vehicles.end_total, vehicles.delta) == (1_519, 2_290, 771)


def test_old_reports_with_the_parts_of_a_merge_compare_with_the_merged_category() -> None:
    old = Report(date(2022, 4, 15), {"military_auto": 1_443, "fuel_tank": 76})
    new = Report(date(2022, 6, 1), {"vehicles_fuel_tanks": 2_290})
    history = History([old, new])

    change = change_between(history, old, new)

    assert [(delta.key, delta.start_total, delta.delta) for delta in change.categories] == [
        ("vehicles_fuel_tanks", 1_519, 771)
    ]


def test_a_category_first_reported_after_the_start_has_no_delta_but_its_first_day(
    history: History,
) -> None:
    submarines = since(history, date(2023, 9, 1)).get("submarines")

    assert submarines is not None
    assert submarines.delta is None
    assert (submarines.appeared_on, submarines.appeared_total, submarines.end_total) == (
        date(2023, 9, 14),
        1,
        2,
    )


def test_ground_robotic_systems_appear_on_2026_05_03_with_a_total_of_1306(
    history: History,
) -> None:
    robots = since(history, date(2026, 5, 1)).get("ground_robotic_systems")

    assert robots is not None
    assert (robots.appeared_on, robots.appeared_total, robots.delta) == (
        date(2026, 5, 3),
        1306,
        None,
    )


def test_since_the_day_a_category_appeared_counts_from_its_first_value(history: History) -> None:
    robots = since(history, date(2026, 5, 3)).get("ground_robotic_systems")

    assert robots is not None
    assert (robots.appeared_on, robots.delta) == (None, 2162 - 1306)


def test_a_category_absent_from_the_end_report_is_not_reported(history: History) -> None:
    srbm = since(history, date(2022, 4, 15)).get("atgm_srbm_systems")

    assert srbm is not None
    assert (srbm.start_total, srbm.end_total, srbm.delta) == (4, None, None)


def test_since_a_date_without_a_report_starts_from_the_report_before() -> None:
    history = History(Report(date(2024, 1, day), {"tanks": day * 10}) for day in (1, 2, 5, 6))

    change = since(history, date(2024, 1, 4))

    assert change.start.date == date(2024, 1, 2)
    assert change.days == 4
    assert [delta.delta for delta in change.categories] == [40]


def test_since_the_latest_report_says_so_and_suggests_a_week_earlier(history: History) -> None:
    with pytest.raises(NothingSince) as raised:
        since(history, date(2026, 8, 8))

    assert (raised.value.latest, raised.value.earlier) == (date(2026, 8, 8), date(2026, 8, 1))


def test_since_before_the_first_report_is_refused(history: History) -> None:
    with pytest.raises(BeforeFirstReport):
        since(history, date(2022, 2, 1))


def test_since_after_the_latest_report_is_refused(history: History) -> None:
    with pytest.raises(InTheFuture):
        since(history, date(2026, 8, 9))


def month(history: History, year: int, month: int) -> PeriodSummary:
    return summary(history, month_of(year, month))


def test_a_months_change_of_totals_runs_from_the_report_before_it(history: History) -> None:
    november = month(history, 2024, 11)

    personnel = november.change.get("personnel_units")
    assert personnel is not None
    assert (november.change.start.date, november.change.end.date) == (
        date(2024, 10, 31),
        date(2024, 11, 30),
    )
    assert personnel.delta == 740_400 - 694_950
    assert (november.days, november.complete) == (30, True)


def test_a_months_figures_are_the_sum_of_its_published_daily_figures(history: History) -> None:
    february = month(history, 2025, 2).figures["personnel_units"]

    published = sum(
        report.changes["personnel_units"]
        for report in history.between(date(2025, 2, 1), date(2025, 2, 28))
    )
    assert (february.losses, february.days) == (published, 28)
    assert february.average == pytest.approx(1_260.7, abs=0.1)


def test_a_recount_in_a_month_is_a_correction_never_losses(history: History) -> None:
    february = month(history, 2025, 2)

    personnel = february.figures["personnel_units"]
    delta = february.change.get("personnel_units")
    assert delta is not None
    assert delta.delta is not None
    assert personnel.corrections == 1_650
    assert personnel.losses + personnel.corrections == delta.delta


def test_a_months_daily_average_is_the_average_of_its_daily_figures(history: History) -> None:
    assert month(history, 2024, 11).daily_average("personnel_units") == pytest.approx(45_450 / 30)


def test_the_current_month_is_incomplete_and_runs_to_the_latest_report(history: History) -> None:
    august = month(history, 2026, 8)

    assert (august.change.start.date, august.change.end.date) == (
        date(2026, 7, 31),
        date(2026, 8, 8),
    )
    assert (august.days, august.complete) == (8, False)


def test_the_first_month_counts_from_the_first_report_which_is_not_a_day(
    history: History,
) -> None:
    february = month(history, 2022, 2)

    assert february.from_first_report
    assert (february.change.start.date, february.change.end.date) == (
        date(2022, 2, 25),
        date(2022, 2, 28),
    )
    assert february.figures["personnel_units"].days == 3
    assert february.figures["personnel_units"].losses == 5_300 - 2_800


def test_a_first_value_inside_a_period_is_neither_losses_nor_a_correction() -> None:
    history = History(as_report(record) for record in live_api_records())
    may = month(history, 2022, 5).figures["cruise_missiles"]

    assert may.first_value == (date(2022, 5, 1), 84)
    assert may.corrections == 0
    end = history.get(date(2022, 5, 31))
    assert end is not None
    assert may.losses == end.totals["cruise_missiles"] - 84


def test_a_month_after_the_latest_report_is_refused(history: History) -> None:
    with pytest.raises(InTheFuture):
        month(history, 2026, 9)


def test_a_month_without_any_report_inside_the_history_is_refused() -> None:
    history = History(Report(day, {"tanks": 1}) for day in (date(2024, 1, 31), date(2024, 3, 1)))

    with pytest.raises(NoReportsInMonth) as raised:
        month(history, 2024, 2)

    assert (raised.value.year, raised.value.month) == (2024, 2)
