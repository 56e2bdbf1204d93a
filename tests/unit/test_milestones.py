"""Milestones: totals crossing a round number for the first time, and every 100th day of the war."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from bot.domain.events import TotalMilestone, WarDayMilestone
from bot.domain.history import History
from bot.domain.milestones import add_to_peaks, milestones, milestones_in, peak_totals
from bot.domain.reports import Report
from tests.support.dataset import history_reports, report_of

PERSONNEL = "personnel_units"


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


def tanks_on(day: int, total: int) -> Report:
    return Report(date(2024, 3, day), {"tanks": total}, {"tanks": 0})


def test_personnel_crossing_one_million_is_a_milestone() -> None:
    found = milestones(report_of("2025-06-11"), report_of("2025-06-12"))

    assert found == [TotalMilestone(PERSONNEL, date(2025, 6, 12), 1_000_000, 1_000_340)]


def test_day_1000_of_the_war_is_2024_11_19() -> None:
    found = milestones(report_of("2024-11-18"), report_of("2024-11-19"))

    assert WarDayMilestone(date(2024, 11, 19), 1000) in found


def test_an_ordinary_day_without_a_crossing_has_no_milestone() -> None:
    assert milestones(report_of("2024-11-20"), report_of("2024-11-21")) == []


def test_crossing_several_steps_at_once_announces_only_the_highest() -> None:
    found = milestones(tanks_on(1, 1_990), tanks_on(2, 4_010))

    assert found == [TotalMilestone("tanks", date(2024, 3, 2), 4_000, 4_010)]


def test_reaching_a_threshold_exactly_is_a_milestone() -> None:
    found = milestones(tanks_on(1, 1_999), tanks_on(2, 2_000))

    assert found == [TotalMilestone("tanks", date(2024, 3, 2), 2_000, 2_000)]


def test_a_categorys_first_value_is_never_a_milestone() -> None:
    found = milestones(report_of("2026-05-02"), report_of("2026-05-03"))

    assert all(
        not (isinstance(event, TotalMilestone) and event.category == "ground_robotic_systems")
        for event in found
    )


def test_a_category_that_appeared_above_a_threshold_announces_the_next_one(
    history: History,
) -> None:
    found = milestones_in(history, report_of("2026-07-24"))

    assert TotalMilestone("ground_robotic_systems", date(2026, 7, 24), 2_000, 2_006) in found


def test_a_falling_total_is_never_a_milestone() -> None:
    assert milestones(tanks_on(1, 2_010), tanks_on(2, 1_990)) == []


def test_climbing_back_over_a_threshold_already_crossed_is_not_announced_again() -> None:
    history = History([tanks_on(1, 1_990), tanks_on(2, 2_005), tanks_on(3, 1_995)])

    assert milestones_in(history, tanks_on(4, 2_001)) == []


def test_without_the_history_the_previous_report_stands_in_for_the_peak() -> None:
    assert milestones(tanks_on(3, 1_995), tanks_on(4, 2_001)) != []
    assert milestones(tanks_on(3, 1_995), tanks_on(4, 2_001), {"tanks": 2_005}) == []


def test_a_crossing_after_a_gap_is_still_a_milestone() -> None:
    found = milestones(tanks_on(1, 1_990), tanks_on(5, 2_030))

    assert found == [TotalMilestone("tanks", date(2024, 3, 5), 2_000, 2_030)]


def test_merged_parts_compare_with_the_merged_category() -> None:
    old = Report(date(2022, 4, 30), {"military_auto": 4_900, "fuel_tank": 90})
    new = Report(date(2022, 5, 1), {"vehicles_fuel_tanks": 5_010})

    assert milestones(old, new) == [
        TotalMilestone("vehicles_fuel_tanks", date(2022, 5, 1), 5_000, 5_010)
    ]


def test_peaks_of_merged_parts_are_summed() -> None:
    old = Report(date(2022, 4, 30), {"military_auto": 4_900, "fuel_tank": 90})

    assert peak_totals([old])["vehicles_fuel_tanks"] == 4_990


def test_an_unknown_key_uses_the_default_step() -> None:
    before = Report(date(2024, 3, 1), {"laser_weapons": 999})
    after = Report(date(2024, 3, 2), {"laser_weapons": 1_000})

    assert milestones(before, after) == [
        TotalMilestone("laser_weapons", date(2024, 3, 2), 1_000, 1_000)
    ]


def test_every_100th_war_day_of_the_real_history_is_announced_once(history: History) -> None:
    days = [
        event.day
        for previous, report in pairwise(history)
        for event in milestones(previous, report)
        if isinstance(event, WarDayMilestone)
    ]

    assert days == list(range(100, 1601, 100))


def test_the_real_personnel_milestones_come_every_50000(history: History) -> None:
    peaks: dict[str, int] = {}
    thresholds: list[int] = []
    previous = None
    for report in history:
        thresholds += [
            event.threshold
            for event in milestones(previous, report, peaks)
            if isinstance(event, TotalMilestone) and event.category == PERSONNEL
        ]
        add_to_peaks(peaks, report)
        previous = report

    assert thresholds == list(range(50_000, 1_450_001, 50_000))
