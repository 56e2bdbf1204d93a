"""What a poll announces: the newest new report, and every record and milestone since the last."""

from __future__ import annotations

from datetime import date

from bot.domain.events import RecordDay, TotalMilestone, WarDayMilestone
from bot.domain.history import History
from bot.domain.news import News, fresh_news
from bot.domain.reports import Report
from tests.support.dataset import history_reports, report_of

BASELINE = date(2022, 4, 1)
PERSONNEL = "personnel_units"


def history_until(day: str) -> History:
    last = date.fromisoformat(day)
    return History(report for report in history_reports() if report.date <= last)


def reports_between(first: str, last: str) -> list[Report]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [report for report in history_reports() if start <= report.date <= end]


def tanks_on(day: int, total: int, change: int) -> Report:
    return Report(date(2024, 3, day), {"tanks": total}, {"tanks": change})


def test_the_first_backfill_of_an_empty_history_announces_nothing() -> None:
    news = fresh_news(History(), list(history_reports()), BASELINE)

    assert news == News()
    assert not news


def test_a_new_report_gets_the_daily_post() -> None:
    news = fresh_news(history_until("2024-11-11"), [report_of("2024-11-12")], BASELINE)

    assert news.daily is not None
    assert news.daily.report == report_of("2024-11-12")
    assert news.daily.previous == report_of("2024-11-11")


def test_a_record_day_is_announced_with_the_record_it_beat() -> None:
    news = fresh_news(history_until("2024-11-11"), [report_of("2024-11-12")], BASELINE)

    assert news.records == (
        RecordDay(PERSONNEL, date(2024, 11, 12), 1950, 1770, date(2024, 11, 11)),
    )


def test_after_several_days_only_the_newest_report_gets_the_daily_post() -> None:
    news = fresh_news(
        history_until("2024-11-10"), reports_between("2024-11-11", "2024-11-19"), BASELINE
    )

    assert news.daily is not None
    assert news.daily.report.date == date(2024, 11, 19)
    assert len(news.reports) == 9


def test_records_and_milestones_of_skipped_days_are_announced_in_date_order() -> None:
    news = fresh_news(
        history_until("2024-11-10"), reports_between("2024-11-11", "2024-11-19"), BASELINE
    )

    assert [(type(event).__name__, event.date.isoformat()) for event in news.events] == [
        ("RecordDay", "2024-11-11"),
        ("RecordDay", "2024-11-12"),
        ("RecordDay", "2024-11-14"),
        ("TotalMilestone", "2024-11-17"),
        ("RecordDay", "2024-11-18"),
        ("WarDayMilestone", "2024-11-19"),
    ]
    assert WarDayMilestone(date(2024, 11, 19), 1000) in news.milestones
    assert TotalMilestone("armoured_fighting_vehicles", date(2024, 11, 17), 19_000, 19_021) in (
        news.milestones
    )


def test_new_reports_in_any_order_are_announced_in_date_order() -> None:
    fetched = list(reversed(reports_between("2024-11-11", "2024-11-12")))

    news = fresh_news(history_until("2024-11-10"), fetched, BASELINE)

    assert [record.date.day for record in news.records] == [11, 12]
    assert news.daily is not None
    assert news.daily.report.date == date(2024, 11, 12)


def test_a_correction_day_is_posted_but_its_recount_is_no_record() -> None:
    news = fresh_news(history_until("2025-02-27"), [report_of("2025-02-28")], BASELINE)

    assert news.daily is not None
    personnel = news.daily.get(PERSONNEL)
    assert personnel is not None
    assert personnel.day_losses == 1060
    assert all(record.category != PERSONNEL for record in news.records)


def test_a_report_already_known_is_not_news() -> None:
    assert fresh_news(history_until("2024-11-12"), [report_of("2024-11-12")], BASELINE) == News()


def test_a_revised_older_report_is_not_news() -> None:
    old = report_of("2024-11-05")
    revised = Report(old.date, {**old.totals, PERSONNEL: old.totals[PERSONNEL] + 5_000})

    assert fresh_news(history_until("2024-11-12"), [revised], BASELINE) == News()


def test_a_report_older_than_the_latest_is_ignored_beside_a_new_one() -> None:
    news = fresh_news(
        history_until("2024-11-12"), [report_of("2024-11-01"), report_of("2024-11-13")], BASELINE
    )

    assert [report.date for report in news.reports] == [date(2024, 11, 13)]


def test_an_old_date_is_news_when_it_is_newer_than_the_history() -> None:
    news = fresh_news(history_until("2022-06-02"), [report_of("2022-06-03")], BASELINE)

    assert WarDayMilestone(date(2022, 6, 3), 100) in news.milestones


def test_a_report_after_a_gap_is_posted_but_is_no_record() -> None:
    before = History([tanks_on(1, 1_000, 10), tanks_on(2, 1_010, 10)])

    news = fresh_news(before, [tanks_on(5, 1_500, 400)], date(2024, 3, 1))

    assert news.daily is not None
    assert news.daily.is_gap
    assert news.records == ()


def test_a_threshold_crossed_before_the_poll_is_not_announced_again() -> None:
    before = History([tanks_on(1, 1_990, 0), tanks_on(2, 2_005, 15), tanks_on(3, 1_995, -10)])

    news = fresh_news(before, [tanks_on(4, 2_001, 6)], date(2024, 3, 1))

    assert news.milestones == ()


def test_days_before_the_records_baseline_set_no_records() -> None:
    news = fresh_news(history_until("2024-11-11"), [report_of("2024-11-12")], date(2024, 12, 1))

    assert news.records == ()
