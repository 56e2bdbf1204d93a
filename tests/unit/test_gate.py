"""The gate: every real report passes against the reports before it; each absurd one is refused
with a reason that names what is wrong."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from bot.domain.gate import LARGEST_INTEGER, Gate, latest_allowed, one_per_date
from bot.domain.history import History
from bot.domain.refusals import (
    DateOutOfRange,
    ImplausibleChange,
    ImplausibleFall,
    ImplausibleFirstValue,
    ImplausibleRise,
    IncompleteRevision,
    NotACount,
)
from bot.domain.reports import WAR_START, Report
from tests.support.dataset import history_reports, report_of

LAST = history_reports()[-1].date
TOMORROW = date(2026, 8, 9)


def gate_until(last: str) -> Gate:
    """A gate on the real history up to `last` (included), on the day after."""
    day = date.fromisoformat(last)
    return Gate(History(r for r in history_reports() if r.date <= day), TOMORROW)


def next_day(last: str, **totals: int) -> Report:
    """The real report after `last`, with some totals changed."""
    report = next(r for r in history_reports() if r.date > date.fromisoformat(last))
    return dataclasses.replace(report, totals={**report.totals, **totals})


def test_every_real_report_passes_the_gate_against_the_reports_before_it() -> None:
    gate = Gate(History(), TOMORROW)
    refused = {}
    for report in history_reports():
        reasons = gate.check(report)
        if reasons:
            refused[report.date] = reasons
        gate.accept(report)

    assert refused == {}


@pytest.mark.parametrize(
    "day",
    [
        "2022-02-26",  # early-war estimates: personnel +1,500 on the second report
        "2022-03-03",  # personnel +3,160, the largest day ever published
        "2022-10-13",  # a correction day: armoured vehicles fell by 14
        "2023-05-27",  # negative published changes (planes -3, cruise missiles -21, UAVs -18)
        "2024-09-28",  # special equipment +99, 4.5 times its largest day before
        "2024-11-30",  # special equipment fell by 83
        "2025-02-28",  # personnel's total moved by 2,710 while +1,060 was published
        "2026-03-04",  # artillery systems fell by 10
        "2026-05-03",  # ground robotic systems first reported, with 1,306 to date
    ],
)
def test_the_real_corrections_and_early_estimates_pass(day: str) -> None:
    day_before = date.fromordinal(date.fromisoformat(day).toordinal() - 1)

    assert gate_until(day_before.isoformat()).check(report_of(day)) == ()


def test_a_report_dated_2030_is_refused_for_its_date() -> None:
    report = dataclasses.replace(history_reports()[-1], date=date(2030, 1, 1))

    reasons = gate_until(LAST.isoformat()).check(report)

    assert reasons == (DateOutOfRange(date(2030, 1, 1), WAR_START, TOMORROW),)


def test_a_report_dated_before_the_war_is_refused_for_its_date() -> None:
    report = dataclasses.replace(history_reports()[0], date=date(2022, 2, 23))

    assert gate_until("2022-02-24").check(report) == (
        DateOutOfRange(date(2022, 2, 23), WAR_START, TOMORROW),
    )


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        (datetime(2026, 8, 8, 20, 59, tzinfo=UTC), date(2026, 8, 9)),
        (datetime(2026, 8, 8, 21, 0, tzinfo=UTC), date(2026, 8, 10)),  # midnight in Kyiv
    ],
)
def test_the_latest_date_accepted_is_tomorrow_in_kyiv(now: datetime, latest: date) -> None:
    assert latest_allowed(now) == latest


def test_a_personnel_total_of_ten_to_the_fifteen_is_refused_as_a_rise() -> None:
    report = next_day("2024-12-18", personnel_units=10**15)

    reasons = gate_until("2024-12-18").check(report)

    assert [type(reason) for reason in reasons] == [ImplausibleRise]
    rise = reasons[0]
    assert isinstance(rise, ImplausibleRise)
    before = report_of("2024-12-18").totals["personnel_units"]
    assert (rise.key, rise.difference, rise.days) == ("personnel_units", 10**15 - before, 1)
    assert rise.bound == 15_800  # five times personnel's largest day, 3,160 (3 March 2022)


@pytest.mark.parametrize("value", [2**63, LARGEST_INTEGER + 10**6])
def test_a_total_beyond_64_bits_is_refused_as_not_a_count(value: int) -> None:
    report = next_day("2024-12-18", tanks=value)

    reasons = gate_until("2024-12-18").check(report)

    assert NotACount("tanks", value) in reasons


def test_a_published_change_beyond_64_bits_is_refused_as_not_a_count() -> None:
    report = next_day("2024-12-18")
    report = dataclasses.replace(report, changes={**report.changes, "tanks": -(2**64)})

    assert NotACount("tanks", -(2**64)) in gate_until("2024-12-18").check(report)


def test_a_fall_larger_than_a_correction_is_refused() -> None:
    previous = report_of("2024-12-18")
    report = next_day("2024-12-18", tanks=previous.totals["tanks"] - 1_000)

    reasons = gate_until("2024-12-18").check(report)

    assert reasons == (ImplausibleFall("tanks", -1_000, 330),)


def test_a_published_change_beyond_the_bound_is_refused() -> None:
    report = next_day("2024-12-18")
    report = dataclasses.replace(report, changes={**report.changes, "personnel_units": 9_999_999})

    assert gate_until("2024-12-18").check(report) == (
        ImplausibleChange("personnel_units", 9_999_999, 15_800),
    )


def test_a_rise_over_a_gap_may_add_up_several_days() -> None:
    gate = gate_until("2024-12-10")
    before = report_of("2024-12-10").totals["personnel_units"]
    bound = gate.bound("personnel_units")

    three_days = dataclasses.replace(
        report_of("2024-12-13"),
        totals={**report_of("2024-12-13").totals, "personnel_units": before + 3 * bound},
    )
    more = dataclasses.replace(
        three_days, totals={**three_days.totals, "personnel_units": before + 3 * bound + 1}
    )

    assert gate.check(three_days) == ()
    assert gate.check(more) == (ImplausibleRise("personnel_units", 3 * bound + 1, 3, 3 * bound),)


def test_a_new_category_is_accepted_with_a_plausible_first_value_only() -> None:
    gate = gate_until("2024-12-18")
    report = next_day("2024-12-18")
    plausible = dataclasses.replace(report, totals={**report.totals, "laser_weapons": 3})
    absurd = dataclasses.replace(report, totals={**report.totals, "laser_weapons": 10**12})

    assert gate.check(plausible) == ()
    # 19 December 2024 is day 1,030 of the war: at most 10,000 a day to date.
    assert gate.check(absurd) == (ImplausibleFirstValue("laser_weapons", 10**12, 10_300_000),)


def test_a_revision_that_lacks_a_category_is_refused_as_incomplete() -> None:
    stored = report_of("2024-12-19")
    glitch = dataclasses.replace(
        stored, totals={k: v for k, v in stored.totals.items() if k != "tanks"}
    )

    assert gate_until("2024-12-19").check(glitch) == (IncompleteRevision(("tanks",)),)


def test_a_revision_without_published_changes_is_refused_as_incomplete() -> None:
    stored = report_of("2024-12-19")
    glitch = dataclasses.replace(stored, changes={})

    reasons = gate_until("2024-12-19").check(glitch)

    assert reasons == (IncompleteRevision(tuple(sorted(stored.changes))),)


def test_a_complete_and_plausible_revision_is_accepted() -> None:
    stored = report_of("2024-12-19")
    revised = dataclasses.replace(stored, totals={**stored.totals, "tanks": 9_577})

    assert gate_until("2024-12-19").check(revised) == ()


def test_a_revision_is_checked_against_the_report_after_it() -> None:
    before, after = report_of("2024-12-18"), report_of("2024-12-20")
    lowest = before.totals["tanks"] - gate_until("2024-12-20").bound("tanks")
    revised = dataclasses.replace(
        report_of("2024-12-19"), totals={**report_of("2024-12-19").totals, "tanks": lowest}
    )

    reasons = gate_until("2024-12-20").check(revised)

    assert reasons == (ImplausibleRise("tanks", after.totals["tanks"] - lowest, 1, 330),)


def test_a_date_read_twice_with_different_figures_is_a_conflict() -> None:
    report = report_of("2024-12-19")
    forged = dataclasses.replace(report, changes={**report.changes, "personnel_units": 9_999})

    readings, conflicts = one_per_date([report_of("2024-12-18"), report, forged])

    assert conflicts == (date(2024, 12, 19),)
    assert [r.date for r in readings] == [date(2024, 12, 18), date(2024, 12, 19)]


def test_a_date_read_twice_with_the_same_figures_is_read_once() -> None:
    report = report_of("2024-12-19")

    readings, conflicts = one_per_date([report, report_of("2024-12-18"), report])

    assert (readings, conflicts) == ([report_of("2024-12-18"), report], ())
