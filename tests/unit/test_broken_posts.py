"""Broken posts, as the fake writes them from real reports: each refused or mended, never used
as it stands. The parser reads the post; the check holds it against the report before it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Unpack

import pytest

from bot.domain.post_checks import Consistent, Recount, check_report
from bot.domain.post_readings import PostReading, PostRefused, read_reports
from bot.domain.post_refusals import (
    CategoryMissing,
    ChangeMissing,
    HeaderDateMismatch,
    PartMissing,
    PersonnelMissing,
    RecountTooLarge,
    Refusal,
    StaleFigures,
    TooManyRecounts,
    TotalFell,
)
from bot.domain.reports import Report
from tests.fakes.channel_posts import Traps
from tests.support.dataset import report_of
from tests.support.posts import post_at, rendered


def outcome(report: Report | str, **traps: Unpack[Traps]) -> Consistent | Refusal:
    """What becomes of the fake's post of `report` with `traps`: read, then checked against the
    real report of the day before."""
    chosen = report_of(report) if isinstance(report, str) else report
    (reading,) = read_reports(rendered(chosen, **traps))
    if isinstance(reading, PostRefused):
        return reading.refusal
    return check_report(reading.report, report_of((chosen.date - timedelta(days=1)).isoformat()))


def test_a_total_that_lost_a_digit_is_refused() -> None:
    assert outcome("2024-12-20", lost_digit="tanks") == TotalFell("tanks", 984, 9576)


def test_a_personnel_total_that_lost_a_digit_is_refused() -> None:
    assert outcome("2026-08-08", lost_digit="personnel_units") == TotalFell(
        "personnel_units", 156_610, 1_455_420
    )


def test_a_total_with_a_wrong_leading_digit_is_refused() -> None:
    today = report_of("2024-12-20")
    mistyped = replace(today, totals={**today.totals, "armoured_fighting_vehicles": 29823})

    assert outcome(mistyped) == RecountTooLarge("armoured_fighting_vehicles", 29823, 19823)


def test_a_small_wrong_digit_passes_only_as_a_recount_to_confirm() -> None:
    # 9,684 instead of 9,584 is 1 % off: real correction days moved totals by up to 3 %.
    today = report_of("2024-12-20")
    mistyped = replace(today, totals={**today.totals, "tanks": 9684})

    checked = outcome(mistyped)

    assert isinstance(checked, Consistent)
    assert checked.recounts == (Recount("tanks", 100),)


def test_a_published_change_that_lost_a_digit_passes_only_as_a_recount_to_confirm() -> None:
    # 770,420 (+200) after 768,220: the figures alone cannot tell it from a correction day.
    checked = outcome("2024-12-20", lost_change_digit="personnel_units")

    assert isinstance(checked, Consistent)
    assert checked.recounts == (Recount("personnel_units", 2000),)


def test_a_missing_line_is_refused() -> None:
    assert outcome("2024-12-20", missing_line="tanks") == CategoryMissing(
        "tanks", date(2024, 12, 19)
    )


def test_a_missing_personnel_line_is_refused() -> None:
    assert outcome("2024-12-20", missing_line="personnel_units") == PersonnelMissing()


@pytest.mark.parametrize(
    ("day", "written"),
    [("2025-09-01", "01.08.25"), ("2026-01-01", "01.01.25")],
    ids=["month-boundary", "year-boundary"],
)
def test_a_header_typo_at_a_boundary_is_mended_to_the_day_of_the_post(
    day: str, written: str
) -> None:
    (reading,) = read_reports(rendered(day, written_date=written))

    assert isinstance(reading, PostReading)
    assert (reading.report.date, reading.header.written, reading.header.mended) == (
        date.fromisoformat(day),
        written,
        True,
    )
    assert dict(reading.report.totals) == dict(report_of(day).totals)


def test_a_header_date_no_typo_explains_is_refused() -> None:
    assert outcome("2026-01-01", written_date="31.12.25") == HeaderDateMismatch(
        "31.12.25", date(2026, 1, 1)
    )


def test_half_a_split_post_is_refused() -> None:
    first, _second = rendered("2026-08-08", split=True)

    (reading,) = read_reports([first])

    assert reading == PostRefused(PartMissing((2,), 2), (first,))


def test_the_second_half_of_a_split_post_alone_is_refused() -> None:
    _first, second = rendered("2026-08-08", split=True)

    assert read_reports([second]) == [PostRefused(PartMissing((1,), 2), (second,))]


def test_both_halves_of_a_split_post_make_the_report() -> None:
    assert outcome("2026-08-08", split=True) == Consistent(
        replace(report_of("2026-08-08"), source_url="https://t.me/GeneralStaffZSU/100")
    )


def test_another_post_of_the_channel_is_no_report_at_all() -> None:
    weekly = post_at("📊 Втрати противника за тиждень:\n\nособового складу ‒ 8700 осіб,")

    assert read_reports([weekly]) == []


def test_yesterdays_figures_under_todays_header_are_refused() -> None:
    yesterday = report_of("2024-12-19")
    posts = rendered(yesterday, on=date(2024, 12, 20), written_date="20.12.24")
    (reading,) = read_reports(posts)

    assert isinstance(reading, PostReading)
    assert check_report(reading.report, yesterday) == StaleFigures(date(2024, 12, 19))


def test_a_total_far_below_the_one_before_a_gap_is_refused() -> None:
    before_gap = report_of("2024-12-10")
    fallen = replace(
        report_of("2024-12-20"), totals={**report_of("2024-12-20").totals, "planes": 36}
    )

    assert check_report(fallen, before_gap) == TotalFell("planes", 36, 369)


def test_more_categories_off_than_any_correction_day_is_refused() -> None:
    previous, today = report_of("2024-12-19"), report_of("2024-12-20")
    shifted = replace(today, totals={key: total + 1 for key, total in today.totals.items()})

    refusal = check_report(shifted, previous)

    assert isinstance(refusal, TooManyRecounts)
    assert len(refusal.keys) == len(today.totals)


def test_a_category_without_its_published_change_is_refused_from_2023() -> None:
    changes = dict(report_of("2024-12-20").changes)
    del changes["tanks"]
    report = replace(report_of("2024-12-20"), changes=changes)

    assert outcome(report) == ChangeMissing("tanks")


def test_the_post_that_dropped_its_otrk_line_in_may_2022_is_not_missing_a_line() -> None:
    assert isinstance(outcome("2022-05-01"), Consistent)


def test_the_check_needs_the_report_before_not_the_same_date() -> None:
    with pytest.raises(ValueError, match="not before"):
        check_report(report_of("2024-12-20"), report_of("2024-12-20"))


def test_a_first_value_is_not_compared_with_anything() -> None:
    checked = outcome("2026-05-03")

    assert isinstance(checked, Consistent)
    assert checked.recounts == ()
