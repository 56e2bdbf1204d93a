"""Records: the largest published change of an ordinary day since the baseline, per category."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from bot.domain.changes import daily_changes
from bot.domain.events import RecordDay
from bot.domain.history import History
from bot.domain.records import RecordBook, eligible_changes, record_book
from bot.domain.reports import Report
from tests.support.dataset import history_reports

BASELINE = date(2022, 4, 1)
PERSONNEL = "personnel_units"


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def book(history: History) -> RecordBook:
    return record_book(history, BASELINE)


def personnel_day(day: int, total: int, published: int) -> Report:
    return Report(date(2024, 1, day), {PERSONNEL: total}, {PERSONNEL: published})


def test_the_personnel_record_progression_since_the_baseline(book: RecordBook) -> None:
    assert [(entry.date.isoformat(), entry.value) for entry in book.progression[PERSONNEL]] == [
        ("2022-04-01", 200),
        ("2022-04-04", 300),
        ("2022-04-23", 400),
        ("2022-08-30", 450),
        ("2022-09-07", 460),
        ("2022-09-08", 640),
        ("2022-09-09", 650),
        ("2022-10-30", 950),
        ("2023-02-07", 1030),
        ("2023-02-11", 1140),
        ("2023-10-20", 1380),
        ("2024-05-13", 1740),
        ("2024-11-11", 1770),
        ("2024-11-12", 1950),
        ("2024-11-29", 2030),
        ("2024-12-20", 2200),
    ]


def test_the_current_personnel_record_is_2200_on_2024_12_20(book: RecordBook) -> None:
    current = book.current[PERSONNEL]

    assert (current.date, current.value) == (date(2024, 12, 20), 2200)


def test_a_record_day_names_the_record_it_beat(book: RecordBook) -> None:
    assert book.records_on(date(2024, 11, 12)) == (
        RecordDay(PERSONNEL, date(2024, 11, 12), 1950, 1770, date(2024, 11, 11)),
    )


def test_the_first_eligible_day_only_sets_the_starting_mark(book: RecordBook) -> None:
    assert book.records_on(BASELINE) == ()


def test_the_correction_day_2025_02_28_is_never_a_record(history: History) -> None:
    book = record_book(history, date(2025, 2, 1))

    assert book.current[PERSONNEL].value < 2710
    assert all(record.category != PERSONNEL for record in book.records_on(date(2025, 2, 28)))


def test_a_correction_day_does_not_count_among_ranked_days(history: History) -> None:
    book = record_book(history, date(2025, 2, 28))

    assert book.progression[PERSONNEL][0].date == date(2025, 3, 1)


def test_a_fall_is_never_a_record(history: History) -> None:
    book = record_book(history, date(2026, 3, 4))

    assert book.progression["artillery_systems"][0].date == date(2026, 3, 5)


def test_a_categorys_first_value_is_never_a_record(book: RecordBook) -> None:
    robots = book.progression["ground_robotic_systems"]

    assert robots[0].date == date(2026, 5, 4)
    assert max(entry.value for entry in robots) < 1306


def test_a_report_after_a_gap_is_never_a_record() -> None:
    history = History(
        [personnel_day(1, 1000, 100), personnel_day(2, 1100, 100), personnel_day(5, 5000, 3900)]
    )

    book = record_book(history, date(2024, 1, 1))

    assert book.current[PERSONNEL].date == date(2024, 1, 2)
    assert book.records_on(date(2024, 1, 5)) == ()


def test_equalling_the_record_does_not_beat_it() -> None:
    history = History(
        [personnel_day(1, 1000, 0), personnel_day(2, 1100, 100), personnel_day(3, 1200, 100)]
    )

    book = record_book(history, date(2024, 1, 2))

    assert book.current[PERSONNEL].date == date(2024, 1, 2)
    assert book.records_on(date(2024, 1, 3)) == ()


def test_days_before_the_baseline_do_not_count(book: RecordBook) -> None:
    assert all(entry.date >= BASELINE for entry in book.progression[PERSONNEL])


def test_the_first_report_of_a_history_cannot_be_checked_and_does_not_count() -> None:
    history = History([personnel_day(1, 1000, 1000), personnel_day(2, 1100, 100)])

    book = record_book(history, date(2024, 1, 1))

    assert [entry.date for entry in book.progression[PERSONNEL]] == [date(2024, 1, 2)]


def test_records_of_one_report_list_personnel_first_then_catalogue_order() -> None:
    keys = ("uav_systems", "tanks", PERSONNEL)
    history = History(
        [
            Report(date(2024, 1, 1), dict.fromkeys(keys, 100)),
            Report(date(2024, 1, 2), dict.fromkeys(keys, 110), dict.fromkeys(keys, 10)),
            Report(date(2024, 1, 3), dict.fromkeys(keys, 130), dict.fromkeys(keys, 20)),
        ]
    )

    records = record_book(history, date(2024, 1, 1)).records_on(date(2024, 1, 3))

    assert [record.category for record in records] == [PERSONNEL, "tanks", "uav_systems"]


def test_the_record_has_rank_one(book: RecordBook) -> None:
    assert book.rank(PERSONNEL, 2200) == 1


def test_rank_counts_the_days_with_a_strictly_larger_change(history: History) -> None:
    book = record_book(history, date(2024, 11, 1))

    # Larger since then: 2,200, 2,030, 2,010, 1,990, 1,970; 1,950 came twice (both rank 6).
    assert book.rank(PERSONNEL, 2030) == 2
    assert book.rank(PERSONNEL, 1950) == 6
    assert book.rank(PERSONNEL, 1949) == 8


def test_a_change_above_the_record_ranks_first(book: RecordBook) -> None:
    assert book.rank(PERSONNEL, 5000) == 1


def test_rank_of_an_unknown_category_is_none(book: RecordBook) -> None:
    assert book.rank("laser_weapons", 1) is None


def test_record_eligibility_agrees_with_the_daily_classification(history: History) -> None:
    for previous, report in pairwise(history):
        classified = {
            change.key: change.published
            for change in daily_changes(report, previous).categories
            if change.record_eligible
        }
        assert dict(eligible_changes(previous, report)) == classified, report.date


def test_unknown_keys_get_records_like_any_other() -> None:
    history = History(
        Report(date(2024, 1, day), {"laser_weapons": total}, {"laser_weapons": change})
        for day, total, change in ((1, 5, 5), (2, 6, 1), (3, 9, 3))
    )

    book = record_book(history, date(2024, 1, 1))

    assert book.records_on(date(2024, 1, 3)) == (
        RecordDay("laser_weapons", date(2024, 1, 3), 3, 1, date(2024, 1, 2)),
    )


def test_a_category_without_any_losses_has_no_record() -> None:
    book = record_book(History(history_reports()), date(2022, 4, 1))

    assert "atgm_srbm_systems" not in book.current


def test_a_first_loss_after_days_without_any_only_sets_the_starting_mark() -> None:
    book = record_book(History(history_reports()), date(2022, 4, 1))

    first_submarine_loss = book.progression["submarines"][0]
    assert book.records_on(first_submarine_loss.date) == ()
    assert first_submarine_loss.value > 0
