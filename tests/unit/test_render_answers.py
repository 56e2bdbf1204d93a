"""Answers on demand: /since and /records, built on real reports."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.periods import CategoryDelta, PeriodChange
from bot.domain.records import RecordBook, RecordEntry
from bot.domain.reports import Report
from bot.render.answers import records_answer, since_answer
from tests.support.dataset import report_of

NBSP = "\u00a0"


def period(
    start: Report, end: Report, appeared: dict[str, tuple[date, int]] | None = None
) -> PeriodChange:
    appeared = appeared or {}
    keys = [*start.totals, *(key for key in end.totals if key not in start.totals)]
    return PeriodChange(
        start,
        end,
        tuple(
            CategoryDelta(key, start.totals.get(key), end.totals.get(key), *appeared.get(key, ()))
            for key in reversed(keys)
        ),
    )


@pytest.fixture(scope="module")
def since() -> PeriodChange:
    robots = {"ground_robotic_systems": (date(2026, 5, 3), 1_306)}
    return period(report_of("2024-10-20"), report_of("2026-08-08"), robots)


def test_since_names_both_dates_and_the_number_of_days(since: PeriodChange) -> None:
    assert since_answer(since, "uk").splitlines()[:2] == [
        "<b>Зміни за 657 днів</b>",
        "з 20 жовтня 2024 по 8 серпня 2026",
    ]
    assert since_answer(since, "en").splitlines()[:2] == [
        "<b>Change over 657 days</b>",
        "from 20 October 2024 to 8 August 2026",
    ]


def test_since_shows_each_change_of_totals_signed_and_grouped(since: PeriodChange) -> None:
    assert f"🪖 Особовий склад: +778{NBSP}090" in since_answer(since, "uk")
    assert "🪖 Personnel: +778,090" in since_answer(since, "en")


def test_since_lists_personnel_first(since: PeriodChange) -> None:
    assert since_answer(since, "en").split("\n\n")[1].startswith("🪖")


def test_a_category_reported_after_the_start_counts_from_its_first_value(
    since: PeriodChange,
) -> None:
    assert (
        "🤖 Ground robotic systems: +856\n"
        "↳ first reported on 3 May 2026 with 1,306, the total to date then, "
        "which is not counted as a change"
    ) in since_answer(since, "en")
    assert (
        "🤖 Наземні робокомплекси: +856\n"
        f"↳ уперше у зведенні 3 травня 2026: тоді загалом 1{NBSP}306, "
        "і це число не враховано як зміну"
    ) in since_answer(since, "uk")


def test_a_category_missing_from_the_latest_report_says_so() -> None:
    start, end = report_of("2026-08-07"), report_of("2026-08-08")
    end = Report(end.date, {k: v for k, v in end.totals.items() if k != "submarines"})
    assert "🌊 Submarines: not in the latest report" in since_answer(period(start, end), "en")


def test_a_total_that_fell_over_a_period_is_a_correction() -> None:
    change = period(report_of("2026-03-03"), report_of("2026-03-04"))
    assert "💥 Artillery systems: \u221210 (correction)" in since_answer(change, "en")


def test_records_state_the_baseline_and_put_personnel_first() -> None:
    book = RecordBook(
        date(2022, 4, 1),
        {
            "tanks": RecordEntry("tanks", date(2023, 10, 11), 94),
            "personnel_units": RecordEntry("personnel_units", date(2024, 12, 19), 2_080),
        },
        {},
    )
    assert records_answer(book, "uk").splitlines() == [
        "🏆 <b>Рекорди за добу</b>",
        "<i>від 1 квітня 2022; дні з перерахунком не враховано</i>",
        "",
        f"🪖 Особовий склад: <b>2{NBSP}080</b>",
        "↳ 19 грудня 2024",
        "🛡 Танки: <b>94</b>",
        "↳ 11 жовтня 2023",
    ]
    assert "since 1 April 2022" in records_answer(book, "en")


def test_no_records_yet_says_so() -> None:
    assert "No records yet" in records_answer(RecordBook(date(2022, 4, 1), {}, {}), "en")
