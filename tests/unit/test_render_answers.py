"""Answers on demand: /since, /records and a month, built on real reports."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.periods import CategoryDelta, MonthSummary, PeriodChange
from bot.domain.records import RecordBook, RecordEntry
from bot.domain.reports import Report
from bot.render.answers import month_answer, records_answer, since_answer
from tests.support.dataset import report_of

NBSP = "\u00a0"


def period(start: Report, end: Report, appeared: dict[str, date] | None = None) -> PeriodChange:
    appeared = appeared or {}
    keys = [*start.totals, *(key for key in end.totals if key not in start.totals)]
    return PeriodChange(
        start,
        end,
        tuple(
            CategoryDelta(key, start.totals.get(key), end.totals.get(key), appeared.get(key))
            for key in reversed(keys)
        ),
    )


@pytest.fixture(scope="module")
def since() -> PeriodChange:
    robots = {"ground_robotic_systems": date(2026, 5, 3)}
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


def test_a_category_reported_after_the_start_shows_its_total_and_since_when(
    since: PeriodChange,
) -> None:
    en = since_answer(since, "en")
    assert "🤖 Ground robotic systems: 2,162 in total\n↳ reported only since 3 May 2026" in en
    assert "↳ у звітах лише з 3 травня 2026" in since_answer(since, "uk")


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
        "<i>з 1 квітня 2022; без днів із перерахунком</i>",
        "",
        f"🪖 Особовий склад: <b>2{NBSP}080</b>",
        "↳ 19 грудня 2024",
        "🛡 Танки: <b>94</b>",
        "↳ 11 жовтня 2023",
    ]
    assert "since 1 April 2022" in records_answer(book, "en")


def test_no_records_yet_says_so() -> None:
    assert "No records yet" in records_answer(RecordBook(date(2022, 4, 1), {}, {}), "en")


def month(complete: bool) -> MonthSummary:
    change = period(report_of("2026-07-31"), report_of("2026-08-08"))
    return MonthSummary(2026, 8, change, change.days, complete)


def test_a_month_shows_its_changes_and_daily_averages() -> None:
    uk = month_answer(month(complete=True), "uk")
    assert uk.startswith("<b>Серпень 2026</b> · 8 днів")
    assert f"🛸 БпЛА: +13{NBSP}941\n↳ у середньому 1{NBSP}743 за добу" in uk
    assert "🛸 UAVs: +13,941\n↳ 1,743 a day on average" in month_answer(month(True), "en")


def test_a_month_without_change_in_a_category_shows_no_average() -> None:
    assert "✈️ Aircraft: 0\n🚁" in month_answer(month(complete=True), "en")


def test_an_incomplete_month_says_so() -> None:
    assert "⏳ Місяць ще триває: дані по 8 серпня 2026" in month_answer(month(False), "uk")
    assert "⏳ Not over yet: figures up to 8 August 2026" in month_answer(month(False), "en")
    assert "⏳" not in month_answer(month(complete=True), "en")
