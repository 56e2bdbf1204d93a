"""The daily series a chart draws: published changes, holes where there is no day's losses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.changes import ChangeKind
from bot.domain.chart_request import CalendarMonth, LastDays, WholeWar
from bot.domain.history import History
from bot.domain.records import RecordBook, record_book
from bot.domain.reports import Report
from bot.domain.series import DailySeries, chart_series, daily_series
from tests.support.dataset import history_reports

PERSONNEL = "personnel_units"


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def book(history: History) -> RecordBook:
    return record_book(history, date(2022, 4, 1))


def losses_on(series: DailySeries, day: str) -> int | None:
    point = series.point(date.fromisoformat(day))
    assert point is not None, day
    return point.losses


def test_a_correction_day_is_drawn_as_its_published_change_never_the_recount(
    history: History, book: RecordBook
) -> None:
    february = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    assert losses_on(february, "2025-02-28") == 1_060


def test_every_day_of_a_month_is_drawn_as_the_published_change_of_its_report(
    history: History, book: RecordBook
) -> None:
    february = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    published = {
        report.date: report.changes[PERSONNEL]
        for report in history.between(date(2025, 2, 1), date(2025, 2, 28))
    }
    assert dict(zip(february.dates, february.losses, strict=True)) == published


def test_a_day_whose_total_fell_is_a_hole(history: History, book: RecordBook) -> None:
    march = chart_series(history, "artillery_systems", CalendarMonth(2026, 3), book)

    point = march.point(date(2026, 3, 4))
    assert point is not None
    assert (point.kind, point.losses) == (ChangeKind.FALL, None)


@pytest.mark.parametrize("key", ["personnel_units", "armoured_fighting_vehicles", "uav_systems"])
def test_the_series_agrees_with_the_daily_changes_of_every_report(
    history: History, book: RecordBook, key: str
) -> None:
    series = chart_series(history, key, WholeWar(), book)

    expected = []
    for report in history:
        change = history.daily(report.date).get(key)
        expected.append(None if change is None else change.day_losses)
    assert list(series.losses) == expected


def test_a_category_is_a_hole_before_it_is_reported_and_on_its_first_value(
    history: History, book: RecordBook
) -> None:
    series = daily_series(history, "submarines", date(2023, 9, 12), date(2023, 9, 15), book)

    assert [(point.kind, point.losses) for point in series.points] == [
        (ChangeKind.NOT_REPORTED, None),
        (ChangeKind.NOT_REPORTED, None),
        (ChangeKind.FIRST, None),
        (ChangeKind.DAY, 0),
    ]


def test_a_report_after_a_gap_is_a_hole() -> None:
    reports = [Report(date(2024, 1, day), {"tanks": day * 10}, {"tanks": 10}) for day in (1, 2, 5)]
    history = History(reports)
    no_records = record_book(history, date(2024, 1, 1))

    series = daily_series(history, "tanks", date(2024, 1, 2), date(2024, 1, 5), no_records)

    assert [(point.kind, point.losses) for point in series.points] == [
        (ChangeKind.DAY, 10),
        (ChangeKind.GAP, None),
    ]


def test_the_average_is_the_mean_of_the_seven_days_ending_there(
    history: History, book: RecordBook
) -> None:
    february = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    week = history.between(date(2025, 2, 22), date(2025, 2, 28))
    point = february.point(date(2025, 2, 28))
    assert point is not None
    assert point.average == pytest.approx(sum(r.changes[PERSONNEL] for r in week) / 7)


def test_the_average_of_the_first_day_reaches_before_the_period(
    history: History, book: RecordBook
) -> None:
    february = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    week = history.between(date(2025, 1, 26), date(2025, 2, 1))
    assert february.points[0].average == pytest.approx(sum(r.changes[PERSONNEL] for r in week) / 7)


def test_the_average_leaves_holes_out_instead_of_counting_them_as_zero(
    history: History, book: RecordBook
) -> None:
    march = chart_series(history, "artillery_systems", CalendarMonth(2026, 3), book)

    six_days = history.between(date(2026, 2, 26), date(2026, 3, 3))
    point = march.point(date(2026, 3, 4))
    assert point is not None
    assert point.average == pytest.approx(sum(r.changes["artillery_systems"] for r in six_days) / 6)


def test_record_days_are_the_days_the_record_book_announces_in_the_period(
    history: History, book: RecordBook
) -> None:
    november = chart_series(history, PERSONNEL, CalendarMonth(2024, 11), book)

    announced = [
        (record.date, record.value)
        for day in range(1, 31)
        for record in book.records_on(date(2024, 11, day))
        if record.category == PERSONNEL
    ]
    assert [(entry.date, entry.value) for entry in november.records] == announced
    assert [entry.date.day for entry in november.records] == [11, 12, 29]


def test_the_starting_mark_of_the_records_is_not_a_record_day(
    history: History, book: RecordBook
) -> None:
    first_days = daily_series(history, PERSONNEL, date(2022, 4, 1), date(2022, 4, 10), book)

    assert book.progression[PERSONNEL][0].date == date(2022, 4, 1)
    assert [entry.date for entry in first_days.records] == [date(2022, 4, 4)]


def test_a_count_of_days_ends_on_the_latest_report(history: History, book: RecordBook) -> None:
    series = chart_series(history, PERSONNEL, LastDays(30), book)

    assert len(series.points) == 30
    assert (series.first_day, series.last_day) == (date(2026, 7, 10), date(2026, 8, 8))
    assert series.dates[-1] - series.dates[0] == timedelta(days=29)


def test_the_peak_is_the_largest_day_drawn(history: History, book: RecordBook) -> None:
    february = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    peak = february.peak()
    assert peak is not None
    assert peak.losses == max(losses for losses in february.losses if losses is not None)
