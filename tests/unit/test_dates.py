"""Dates typed by people in the forms they write them, and where they fall in the history: typed
errors that carry data, whatever the input."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.chart_request import parse_chart_request
from bot.domain.dates import parse_date, report_on, report_on_or_before
from bot.domain.digests import parse_month
from bot.domain.errors import (
    MAX_RAW_LENGTH,
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NotADate,
    QueryError,
)
from bot.domain.history import History
from bot.domain.inputs import Vocabulary
from bot.domain.reports import Report
from bot.render.vocabulary import vocabulary
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
    "raw", ["", "   ", "yesterday", "2024-10-20x", "20.10-2024", "٢٠٢٤-١٠-٢٠", "28 Brumaire 2025"]
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


TODAY = date(2026, 8, 9)
"""A Sunday; the real history ends on 8 August 2026."""


@pytest.fixture
def words() -> Vocabulary:
    return vocabulary()


@pytest.mark.parametrize(
    "raw",
    [
        "28/02/2025",
        "28.02.25",
        "28/02/25",
        "28-02-2025",
        "2025/02/28",
        "28 February 2025",
        "28 Feb 2025",
        "February 28, 2025",
        "28th February 2025",
        "28 лютого 2025",
        "28 лют. 2025",
        "28 ЛЮТОГО 2025",
    ],
)
def test_a_date_is_read_in_the_forms_people_write(words: Vocabulary, raw: str) -> None:
    assert parse_date(raw, words, TODAY) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("today", date(2026, 8, 9)),
        ("сьогодні", date(2026, 8, 9)),
        ("yesterday", date(2026, 8, 8)),
        ("Вчора", date(2026, 8, 8)),
        ("учора", date(2026, 8, 8)),
        ("позавчора", date(2026, 8, 7)),
        ("7d", date(2026, 8, 2)),
        ("7д", date(2026, 8, 2)),
        ("7 days ago", date(2026, 8, 2)),
        ("7 днів тому", date(2026, 8, 2)),
        ("2w", date(2026, 7, 26)),
        ("1m", date(2026, 7, 9)),
        ("1y", date(2025, 8, 9)),
        ("1 рік", date(2025, 8, 9)),
    ],
)
def test_a_relative_date_counts_back_from_today(
    words: Vocabulary, raw: str, expected: date
) -> None:
    assert parse_date(raw, words, TODAY) == expected


def test_a_month_back_from_the_31st_is_the_last_day_of_a_shorter_month(words: Vocabulary) -> None:
    assert parse_date("1m", words, date(2025, 3, 31)) == date(2025, 2, 28)


def test_a_day_and_month_without_a_year_is_the_latest_such_day_up_to_today(
    words: Vocabulary,
) -> None:
    assert parse_date("28 February", words, TODAY) == date(2026, 2, 28)
    assert parse_date("20 грудня", words, TODAY) == date(2025, 12, 20)
    assert parse_date("29 лютого", words, TODAY) == date(2024, 2, 29)


def test_without_today_a_relative_date_is_not_a_date(words: Vocabulary) -> None:
    with pytest.raises(NotADate):
        parse_date("yesterday", words)


@pytest.mark.parametrize("raw", ["30 February 2025", "31 квітня 2025", "0 May 2025", "9999y"])
def test_a_named_or_relative_day_outside_the_calendar_is_impossible(
    words: Vocabulary, raw: str
) -> None:
    with pytest.raises(ImpossibleDate) as raised:
        parse_date(raw, words, TODAY)
    assert raised.value.raw == raw


@settings(max_examples=300, deadline=None)
@given(
    raw=st.text(max_size=40)
    | st.from_regex(r"[0-9]{1,4}[./ -][0-9]{1,4}([./ -][0-9]{1,5})?", fullmatch=True)
    | st.from_regex(r"[0-9]{1,4} ?(d|w|m|y|д|т|м|р|днів|years?)( ago| тому)?", fullmatch=True),
    today=st.sampled_from([date(1, 1, 1), date(2026, 8, 9), date(9999, 12, 31)]),
)
def test_any_text_is_a_date_or_a_typed_query_error(raw: str, today: date) -> None:
    words = vocabulary()
    with contextlib.suppress(QueryError):
        assert isinstance(parse_date(raw, words, today), date)
    with contextlib.suppress(QueryError):
        assert isinstance(parse_month(raw, words, today), tuple)
    with contextlib.suppress(QueryError):
        parse_chart_request(raw.split(), words)


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
