"""Weeks and months: sums and averages of the daily figures, recounts apart, earlier periods,
digest days."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.deliveries import Campaign, DeliveryKind
from bot.domain.digests import (
    CalendarPeriod,
    NoReportsInWeek,
    NotAMonth,
    PeriodKind,
    PeriodSummary,
    compare,
    digest_campaigns,
    digest_periods,
    month_of,
    parse_month,
    period_of_digest,
    summary,
    week_of,
    week_summary,
)
from bot.domain.errors import BeforeFirstReport, InTheFuture
from bot.domain.history import History
from bot.domain.reports import Report
from bot.render.vocabulary import vocabulary
from tests.support.dataset import history_reports, report_of

PERSONNEL = "personnel_units"


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


def difference(key: str, start: str, end: str) -> int:
    return report_of(end).totals[key] - report_of(start).totals[key]


def week(monday: str) -> CalendarPeriod:
    return week_of(date.fromisoformat(monday))


def losses(summary: PeriodSummary, key: str) -> int:
    return summary.figures[key].losses


def published(key: str, first: str, last: str) -> int:
    """The sum of the published daily figures of the reports from `first` to `last`."""
    reports = History(history_reports()).between(
        date.fromisoformat(first), date.fromisoformat(last)
    )
    return sum(report.changes[key] for report in reports)


def test_a_month_is_the_sum_of_its_daily_figures_and_the_difference_of_its_totals(
    history: History,
) -> None:
    november = summary(history, month_of(2024, 11))

    assert losses(november, PERSONNEL) == published(PERSONNEL, "2024-11-01", "2024-11-30")
    delta = november.change.get(PERSONNEL)
    assert delta is not None
    assert delta.delta == difference(PERSONNEL, "2024-10-31", "2024-11-30")
    assert november.days == 30
    assert november.whole


def test_a_week_is_the_sum_of_the_daily_figures_from_monday_to_sunday(history: History) -> None:
    weekly = week_summary(history, date(2026, 8, 2))

    assert losses(weekly, PERSONNEL) == published(PERSONNEL, "2026-07-27", "2026-08-02")
    assert losses(weekly, "uav_systems") == published("uav_systems", "2026-07-27", "2026-08-02")


def test_a_week_over_a_correction_day_keeps_the_recount_apart(history: History) -> None:
    weekly = week_summary(history, date(2025, 3, 2))

    personnel = weekly.figures[PERSONNEL]
    assert personnel.losses == published(PERSONNEL, "2025-02-24", "2025-03-02")
    assert personnel.corrections == 1_650
    assert personnel.losses + personnel.corrections == difference(
        PERSONNEL, "2025-02-23", "2025-03-02"
    )


def test_a_week_runs_from_monday_to_sunday_whatever_day_names_it(history: History) -> None:
    weekly = week_summary(history, date(2026, 7, 29))

    assert (weekly.period.first_day, weekly.period.last_day) == (
        date(2026, 7, 27),
        date(2026, 8, 2),
    )


def test_a_daily_average_is_the_average_of_the_daily_figures(history: History) -> None:
    weekly = week_summary(history, date(2026, 8, 2))

    assert weekly.daily_average(PERSONNEL) == pytest.approx(losses(weekly, PERSONNEL) / 7)


def test_the_week_of_the_latest_report_is_not_over(history: History) -> None:
    weekly = week_summary(history, date(2026, 8, 8))

    assert (weekly.complete, weekly.days, weekly.change.end.date) == (False, 6, date(2026, 8, 8))


def test_a_week_is_compared_with_the_week_before_and_the_same_week_a_year_earlier(
    history: History,
) -> None:
    comparison = compare(history, week_of(date(2026, 8, 2)))

    assert comparison.previous is not None
    assert comparison.year_earlier is not None
    previous, year_earlier = comparison.previous, comparison.year_earlier
    assert losses(previous, PERSONNEL) == published(PERSONNEL, "2026-07-20", "2026-07-26")
    assert year_earlier.period == week("2025-07-28")
    assert losses(year_earlier, PERSONNEL) == published(PERSONNEL, "2025-07-28", "2025-08-03")


def test_a_month_is_compared_with_the_month_before_and_the_same_month_a_year_earlier(
    history: History,
) -> None:
    comparison = compare(history, month_of(2024, 11))

    assert comparison.previous is not None
    assert comparison.year_earlier is not None
    previous, year_earlier = comparison.previous, comparison.year_earlier
    assert losses(previous, PERSONNEL) == published(PERSONNEL, "2024-10-01", "2024-10-31")
    assert losses(year_earlier, PERSONNEL) == published(PERSONNEL, "2023-11-01", "2023-11-30")


def test_the_change_against_an_earlier_period_compares_daily_averages(history: History) -> None:
    comparison = compare(history, month_of(2024, 11))

    november = published(PERSONNEL, "2024-11-01", "2024-11-30") / 30
    october = published(PERSONNEL, "2024-10-01", "2024-10-31") / 31
    share = comparison.average_change(PERSONNEL, comparison.previous)
    assert share == pytest.approx(november / october - 1)


def test_a_period_the_history_does_not_cover_whole_is_not_compared(history: History) -> None:
    comparison = compare(history, month_of(2023, 2))

    assert comparison.year_earlier is None  # February 2022 starts on the 25th
    assert comparison.previous is not None


def test_the_week_before_the_first_week_of_a_year_is_in_the_year_before() -> None:
    assert week("2026-01-05").before() == week("2025-12-29")


def test_the_month_before_january_is_december_of_the_year_before() -> None:
    assert month_of(2026, 1).before() == month_of(2025, 12)


def test_a_53rd_week_a_year_earlier_is_the_last_week_of_that_year() -> None:
    week_53 = week_of(date(2027, 1, 1))

    assert week_53.first_day.isocalendar()[:2] == (2026, 53)
    assert week_53.year_earlier() == week("2025-12-22")


def test_a_digest_on_a_monday_covers_the_previous_full_week() -> None:
    assert digest_periods(date(2026, 8, 3)) == (week("2026-07-27"),)


def test_a_digest_on_the_first_covers_the_previous_month() -> None:
    assert digest_periods(date(2026, 1, 1)) == (month_of(2025, 12),)


def test_a_monday_the_first_has_both_digests() -> None:
    assert digest_periods(date(2026, 6, 1)) == (week("2026-05-25"), month_of(2026, 5))


@pytest.mark.parametrize("day", [date(2026, 8, 4), date(2026, 8, 9), date(2026, 7, 31)])
def test_other_days_have_no_digest(day: date) -> None:
    assert digest_periods(day) == ()


def test_a_week_outside_the_history_is_before_the_first_report_or_in_the_future(
    history: History,
) -> None:
    with pytest.raises(BeforeFirstReport):
        week_summary(history, date(2022, 2, 20))
    with pytest.raises(InTheFuture):
        week_summary(history, date(2026, 8, 16))


def test_a_week_inside_the_history_without_a_report_has_no_reports() -> None:
    history = History(Report(day, {"tanks": 1}) for day in (date(2024, 1, 1), date(2024, 1, 20)))
    with pytest.raises(NoReportsInWeek) as raised:
        week_summary(history, date(2024, 1, 14))
    assert raised.value.first_day == date(2024, 1, 8)


def test_the_first_week_of_the_war_starts_from_the_first_report(history: History) -> None:
    weekly = week_summary(history, date(2022, 2, 27))

    assert weekly.change.start.date == date(2022, 2, 25)
    assert weekly.period.kind is PeriodKind.WEEK
    assert not weekly.whole


@pytest.mark.parametrize(
    ("raw", "month"), [("2025-02", (2025, 2)), ("2025-2", (2025, 2)), (" 11.2024 ", (2024, 11))]
)
def test_a_month_is_written_year_first_or_month_first(raw: str, month: tuple[int, int]) -> None:
    assert parse_month(raw) == month


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("February 2025", (2025, 2)),
        ("лютий 2025", (2025, 2)),
        ("лютого 2025", (2025, 2)),
        ("02/2025", (2025, 2)),
        ("2025-02-01", (2025, 2)),
        ("28.02.25", (2025, 2)),
        ("лютий", (2026, 2)),
        ("December", (2025, 12)),
        ("1m", (2026, 7)),
    ],
)
def test_a_month_is_also_written_in_words_or_as_any_date_in_it(
    raw: str, month: tuple[int, int]
) -> None:
    assert parse_month(raw, vocabulary(), date(2026, 8, 9)) == month


@pytest.mark.parametrize("raw", ["2025-13", "2025-00", "февраль", "2025"])
def test_anything_else_is_not_a_month(raw: str) -> None:
    with pytest.raises(NotAMonth):
        parse_month(raw)


KYIV = ZoneInfo("Europe/Kyiv")
TEN = time(10, 0)


def test_on_a_monday_from_ten_the_weekly_digest_of_the_week_before_is_due() -> None:
    monday = datetime(2026, 8, 3, 10, 0, tzinfo=KYIV)

    assert digest_campaigns(monday, TEN) == (Campaign(date(2026, 7, 27), DeliveryKind.WEEKLY),)
    assert digest_campaigns(monday.replace(hour=23, minute=59), TEN) == digest_campaigns(
        monday, TEN
    )


def test_before_ten_no_digest_is_due_yet() -> None:
    assert digest_campaigns(datetime(2026, 8, 3, 9, 59, tzinfo=KYIV), TEN) == ()


def test_on_a_monday_the_first_both_digests_are_due_the_week_first() -> None:
    due = digest_campaigns(datetime(2025, 9, 1, 10, 0, tzinfo=KYIV), TEN)

    assert due == (
        Campaign(date(2025, 8, 25), DeliveryKind.WEEKLY),
        Campaign(date(2025, 8, 1), DeliveryKind.MONTHLY),
    )


def test_a_digest_delivery_names_its_period_by_its_first_day() -> None:
    assert period_of_digest(DeliveryKind.WEEKLY, date(2026, 7, 27)) == week_of(date(2026, 8, 2))
    assert period_of_digest(DeliveryKind.MONTHLY, date(2026, 7, 1)) == month_of(2026, 7)
