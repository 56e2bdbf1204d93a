"""Query errors: each says what is wrong and shows a correct example to copy."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NoReportsInMonth,
    NotADate,
    QueryError,
)
from bot.render.errors import no_data, query_error

EXAMPLE = "<code>/since 2024-10-20</code>"


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize(
    "error", [NotADate("yesterday"), ImpossibleDate("2024-02-30"), NoReportFor(date(2023, 5, 2))]
)
def test_a_bad_date_shows_a_correct_example(error: QueryError, lang: str) -> None:
    answer = query_error(error, lang)
    assert EXAMPLE in answer
    assert "<code>/since 20.10.2024</code>" in answer


def test_not_a_date_quotes_what_was_typed() -> None:
    assert query_error(NotADate("yesterday"), "uk").startswith("«yesterday» — не дата.")
    assert query_error(NotADate("yesterday"), "en").startswith("“yesterday” is not a date.")


def test_what_was_typed_is_escaped() -> None:
    answer = query_error(NotADate("<b>x</b>&"), "en")
    assert "&lt;b&gt;x&lt;/b&gt;&amp;" in answer
    assert "<b>x" not in answer


def test_an_impossible_date_says_there_is_no_such_day() -> None:
    assert "Дня «2024-02-30» немає в календарі" in query_error(ImpossibleDate("2024-02-30"), "uk")


def test_no_date_at_all_asks_for_one() -> None:
    assert query_error(NotADate(""), "en").startswith("Add a date, for example: " + EXAMPLE)


def test_a_date_before_the_first_report_suggests_the_first_report() -> None:
    answer = query_error(BeforeFirstReport(date(2021, 1, 1), date(2022, 2, 25)), "en")
    assert "Reports start on 25 February 2022" in answer
    assert "<code>/since 2022-02-25</code>" in answer


def test_a_date_after_the_latest_report_suggests_the_latest() -> None:
    answer = query_error(InTheFuture(date(2026, 8, 9), date(2026, 8, 8)), "uk", command="/day")
    assert "Зведення за 9 серпня 2026 ще немає: останнє — за 8 серпня 2026" in answer
    assert "<code>/day 2026-08-08</code>" in answer


def test_a_date_without_report_names_the_gap() -> None:
    answer = query_error(NoReportFor(date(2023, 5, 2)), "en", command="/day")
    assert "There is no report of 2 May 2023 (a gap in the history)" in answer
    assert "<code>/day 2024-10-20</code>" in answer


def test_a_month_without_reports_names_the_month() -> None:
    answer = query_error(NoReportsInMonth(2023, 5), "uk", command="/month")
    assert answer.startswith("За травень 2023 немає жодного зведення.")
    assert "<code>/month 2024-10</code>" in answer


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_an_empty_store_says_the_history_is_loading(lang: str) -> None:
    assert query_error(EmptyHistory(), lang) == no_data(lang)
    assert no_data("en").startswith("No figures yet")


def test_an_unforeseen_query_error_still_gets_an_example() -> None:
    assert EXAMPLE in query_error(QueryError(), "en")
