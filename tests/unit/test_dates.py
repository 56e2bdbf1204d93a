"""Dates typed by people, and where they fall in the history: typed errors that carry data."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.dates import parse_date, report_on, report_on_or_before
from bot.domain.errors import (
    MAX_RAW_LENGTH,
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NotADate,
)
from bot.domain.history import History
from bot.domain.reports import Report
from tests.support.dataset import history_reports


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture
def with_gap() -> History:
    return History(Report(date(2024, 1, day), {"tanks": day}) for day in (1, 2, 5))


def test_an_iso_date_is_parsed() -> None:
    assert parse_date("2024-10-20") == date(2024, 10, 20)


def test_a_dotted_date_is_parsed_day_first() -> None:
    assert parse_date("12.11.2023") == date(2023, 11, 12)


def test_a_dotted_date_may_omit_leading_zeros() -> None:
    assert parse_date("1.2.2024") == date(2024, 2, 1)


def test_spaces_around_a_date_are_ignored() -> None:
    assert parse_date("  2024-10-20\n") == date(2024, 10, 20)


@pytest.mark.parametrize(
    "raw", ["", "   ", "yesterday", "2024/10/20", "20-10-2024", "2024-10-20x", "٢٠٢٤-١٠-٢٠"]
)
def test_text_that_is_not_a_date_raises_not_a_date_with_the_text(raw: str) -> None:
    with pytest.raises(NotADate) as raised:
        parse_date(raw)

    assert raised.value.raw == raw


def test_a_very_long_argument_is_truncated_in_the_error() -> None:
    with pytest.raises(NotADate) as raised:
        parse_date("9" * 5000)

    assert len(raised.value.raw) == MAX_RAW_LENGTH
    assert raised.value.raw.startswith("999")


@pytest.mark.parametrize(
    "raw", ["30.02.2024", "2023-02-29", "2024-13-01", "31.04.2024", "0000-01-01"]
)
def test_a_day_that_does_not_exist_raises_impossible_date(raw: str) -> None:
    with pytest.raises(ImpossibleDate) as raised:
        parse_date(raw)

    assert raised.value.raw == raw


def test_the_29th_of_february_of_a_leap_year_exists() -> None:
    assert parse_date("29.02.2024") == date(2024, 2, 29)


def test_report_on_finds_the_report_of_the_date(history: History) -> None:
    assert report_on(history, date(2023, 11, 12)).date == date(2023, 11, 12)


def test_a_date_before_the_first_report_names_the_first_report(history: History) -> None:
    with pytest.raises(BeforeFirstReport) as raised:
        report_on(history, date(2022, 2, 24))

    assert (raised.value.date, raised.value.first) == (date(2022, 2, 24), date(2022, 2, 25))


def test_a_date_after_the_latest_report_names_the_latest_report(history: History) -> None:
    with pytest.raises(InTheFuture) as raised:
        report_on(history, date(2026, 8, 9))

    assert (raised.value.date, raised.value.latest) == (date(2026, 8, 9), date(2026, 8, 8))


def test_a_date_inside_a_gap_has_no_report(with_gap: History) -> None:
    with pytest.raises(NoReportFor) as raised:
        report_on(with_gap, date(2024, 1, 3))

    assert raised.value.date == date(2024, 1, 3)


def test_report_on_or_before_takes_the_report_before_a_gap(with_gap: History) -> None:
    assert report_on_or_before(with_gap, date(2024, 1, 4)).date == date(2024, 1, 2)


def test_report_on_or_before_still_refuses_a_date_after_the_latest(with_gap: History) -> None:
    with pytest.raises(InTheFuture):
        report_on_or_before(with_gap, date(2024, 1, 6))


def test_an_empty_history_answers_no_date() -> None:
    with pytest.raises(EmptyHistory):
        report_on(History(), date(2024, 1, 1))
