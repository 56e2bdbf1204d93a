"""The staleness warning: once a day when the day's report is late, once more when one comes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.staleness import Recovered, Stale, StalenessWatch

KYIV = ZoneInfo("Europe/Kyiv")
DAY = date(2025, 3, 10)
YESTERDAY = DAY - timedelta(days=1)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), KYIV)


def watch() -> StalenessWatch:
    return StalenessWatch(KYIV, time(12, 0))


def test_nothing_is_said_before_the_hour() -> None:
    assert watch().check(at(11, 59), YESTERDAY) is None


def test_no_report_of_today_by_the_hour_is_said_once_that_day() -> None:
    staleness = watch()

    notices = [staleness.check(at(hour), YESTERDAY) for hour in (12, 13, 20)]

    assert notices == [Stale(DAY, YESTERDAY), None, None]


def test_a_report_of_today_means_nothing_to_say() -> None:
    assert watch().check(at(13), DAY) is None


def test_the_hour_is_read_in_the_bots_time_zone() -> None:
    ten_thirty_utc = datetime.combine(DAY, time(10, 30), UTC)  # 12:30 in Kyiv

    assert watch().check(ten_thirty_utc, YESTERDAY) == Stale(DAY, YESTERDAY)


def test_a_report_after_the_warning_is_said_once_as_a_recovery() -> None:
    staleness = watch()
    staleness.check(at(12), YESTERDAY)

    notices = [staleness.check(at(hour), DAY) for hour in (14, 15)]

    assert notices == [Recovered(DAY, YESTERDAY), None]


def test_a_report_the_next_morning_still_ends_the_warning() -> None:
    staleness = watch()
    staleness.check(at(12), YESTERDAY)

    assert staleness.check(at(7, day=DAY + timedelta(days=1)), DAY) == Recovered(DAY, YESTERDAY)


def test_a_source_still_late_the_next_day_is_said_again() -> None:
    staleness = watch()
    staleness.check(at(12), YESTERDAY)
    tomorrow = DAY + timedelta(days=1)

    assert staleness.check(at(12, day=tomorrow), YESTERDAY) == Stale(tomorrow, YESTERDAY)


def test_without_a_warning_a_new_report_is_no_recovery() -> None:
    staleness = watch()

    assert staleness.check(at(9), DAY) is None
    assert not staleness.outstanding


def test_an_empty_store_is_late_too() -> None:
    assert watch().check(at(12), None) == Stale(DAY, None)


def test_what_the_watch_remembers_survives_a_restart() -> None:
    staleness = watch()
    staleness.check(at(12), YESTERDAY)

    restarted = StalenessWatch(KYIV, time(12, 0), staleness.state)

    assert restarted.check(at(15), YESTERDAY) is None
    assert restarted.check(at(16), DAY) == Recovered(DAY, YESTERDAY)
