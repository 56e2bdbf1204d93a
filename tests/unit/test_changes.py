"""A report's changes against the report before it: the day's losses and what is not one."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from bot.domain.changes import ChangeKind, comparable_total, daily_changes
from bot.domain.history import History
from bot.domain.reports import Report
from tests.support.dataset import as_report, history_reports, live_api_records, report_of


def test_an_ordinary_day_moves_the_total_by_exactly_the_published_change() -> None:
    change = daily_changes(report_of("2024-11-12"), report_of("2024-11-11")).get("personnel_units")

    assert change is not None
    assert (change.kind, change.published, change.difference) == (ChangeKind.DAY, 1950, 1950)
    assert change.day_losses == 1950
    assert change.record_eligible


def test_a_correction_day_shows_the_published_change_as_the_days_losses() -> None:
    change = daily_changes(report_of("2025-02-28"), report_of("2025-02-27")).get("personnel_units")

    assert change is not None
    assert change.kind is ChangeKind.CORRECTION
    assert (change.published, change.difference, change.recount) == (1060, 2710, 1650)
    assert change.day_losses == 1060


def test_a_correction_day_is_never_record_eligible() -> None:
    change = daily_changes(report_of("2025-02-28"), report_of("2025-02-27")).get("personnel_units")

    assert change is not None
    assert not change.record_eligible


def test_a_negative_published_change_is_a_fall_and_never_a_days_losses() -> None:
    change = daily_changes(report_of("2026-03-04"), report_of("2026-03-03")).get(
        "artillery_systems"
    )

    assert change is not None
    assert (change.kind, change.published, change.difference) == (ChangeKind.FALL, -10, -10)
    assert change.day_losses is None
    assert not change.record_eligible


def test_a_falling_total_with_a_positive_published_change_keeps_that_change_as_losses() -> None:
    change = daily_changes(report_of("2024-11-30"), report_of("2024-11-29")).get(
        "special_military_equip"
    )

    assert change is not None
    assert (change.kind, change.published, change.difference) == (ChangeKind.FALL, 2, -83)
    assert change.day_losses == 2
    assert not change.record_eligible


def test_a_category_reported_for_the_first_time_is_a_total_not_a_days_change() -> None:
    change = daily_changes(report_of("2026-05-03"), report_of("2026-05-02")).get(
        "ground_robotic_systems"
    )

    assert change is not None
    assert (change.kind, change.total, change.difference) == (ChangeKind.FIRST, 1306, None)
    assert change.day_losses is None
    assert not change.record_eligible


def test_submarines_first_appear_on_2023_09_14() -> None:
    change = daily_changes(report_of("2023-09-14"), report_of("2023-09-13")).get("submarines")

    assert change is not None
    assert (change.kind, change.total) == (ChangeKind.FIRST, 1)


def test_a_category_missing_from_the_report_is_not_reported_rather_than_zero() -> None:
    change = daily_changes(report_of("2022-05-01"), report_of("2022-04-30")).get(
        "atgm_srbm_systems"
    )

    assert change is not None
    assert change.kind is ChangeKind.NOT_REPORTED
    assert (change.total, change.published, change.day_losses) == (None, None, None)


def test_a_report_after_a_missing_day_is_a_gap_for_every_category() -> None:
    before = Report(date(2024, 1, 1), {"tanks": 100}, {"tanks": 1})
    after = Report(date(2024, 1, 4), {"tanks": 106}, {"tanks": 2})

    changes = daily_changes(after, before)

    assert changes.is_gap
    assert changes.days_since_previous == 3
    assert [change.kind for change in changes.categories] == [ChangeKind.GAP]
    assert not changes.categories[0].record_eligible


def test_merged_parts_in_the_previous_report_compare_with_the_merged_category() -> None:
    old = Report(date(2022, 4, 30), {"military_auto": 1400, "fuel_tank": 76})
    new = Report(date(2022, 5, 1), {"vehicles_fuel_tanks": 1500}, {"vehicles_fuel_tanks": 24})

    changes = daily_changes(new, old)

    assert [(c.key, c.kind, c.difference) for c in changes.categories] == [
        ("vehicles_fuel_tanks", ChangeKind.DAY, 24)
    ]


def test_comparable_total_sums_the_parts_of_a_later_merge() -> None:
    old = Report(date(2022, 4, 30), {"military_auto": 1400, "fuel_tank": 76})

    assert comparable_total(old, "vehicles_fuel_tanks") == 1476
    assert comparable_total(old, "tanks") is None


def test_an_unknown_key_is_kept_and_classified_like_any_other() -> None:
    before = Report(date(2027, 1, 1), {"laser_weapons": 3}, {"laser_weapons": 3})
    after = Report(date(2027, 1, 2), {"laser_weapons": 5, "tanks": 1}, {"laser_weapons": 2})

    changes = daily_changes(after, before)

    assert [(c.key, c.kind) for c in changes.categories] == [
        ("tanks", ChangeKind.FIRST),
        ("laser_weapons", ChangeKind.DAY),
    ]


def test_the_first_report_of_a_history_is_a_starting_total_not_a_day() -> None:
    first = history_reports()[0]

    changes = daily_changes(first, None)

    assert changes.is_first_report
    assert changes.days_since_previous is None
    assert not changes.is_gap
    assert {change.kind for change in changes.categories} == {ChangeKind.FIRST}
    assert [change.day_losses for change in changes.categories if change.day_losses] == []


def test_upstreams_zero_before_a_late_categorys_first_value_is_not_reported() -> None:
    history = History(as_report(record) for record in live_api_records())

    before = history.get(date(2022, 4, 30))
    assert before is not None
    assert "cruise_missiles" not in before.totals
    change = history.daily(date(2022, 5, 1)).get("cruise_missiles")
    assert change is not None
    assert (change.kind, change.total, change.recount, change.day_losses) == (
        ChangeKind.FIRST,
        84,
        0,
        None,
    )


def test_a_late_categorys_zero_after_its_first_value_is_a_figure() -> None:
    reports = [
        Report(date(2023, 9, 13), {"submarines": 0}),
        Report(date(2023, 9, 14), {"submarines": 1}, {"submarines": 0}),
        Report(date(2023, 9, 15), {"submarines": 0}, {"submarines": 0}),
    ]
    history = History(reports)

    assert "submarines" not in history.reports[0].totals
    assert history.reports[2].totals == {"submarines": 0}


def test_the_real_history_has_no_gap() -> None:
    reports = history_reports()

    assert all((later.date - earlier.date).days == 1 for earlier, later in pairwise(reports))
