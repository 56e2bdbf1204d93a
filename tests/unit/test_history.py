"""The history: ascending reports, one per date, looked up by date."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.changes import ChangeKind
from bot.domain.errors import EmptyHistory, NoReportFor
from bot.domain.history import History
from bot.domain.reports import Report
from tests.support.dataset import history_reports


def report(day: str, personnel: int) -> Report:
    return Report(date.fromisoformat(day), {"personnel_units": personnel})


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture
def with_gap() -> History:
    return History(
        [report("2024-01-01", 100), report("2024-01-02", 110), report("2024-01-05", 150)]
    )


def test_the_real_history_runs_from_2022_02_25_to_2026_08_08(history: History) -> None:
    assert (history.first.date, history.latest.date, len(history)) == (
        date(2022, 2, 25),
        date(2026, 8, 8),
        1626,
    )


def test_reports_are_sorted_by_date_whatever_the_input_order() -> None:
    history = History([report("2024-01-03", 3), report("2024-01-01", 1), report("2024-01-02", 2)])

    assert [r.date.day for r in history] == [1, 2, 3]


def test_a_later_report_of_the_same_date_replaces_the_earlier_one() -> None:
    history = History([report("2024-01-01", 100), report("2024-01-01", 105)])

    assert len(history) == 1
    assert history.latest.totals["personnel_units"] == 105


def test_with_reports_keeps_the_newest_figures_of_a_revised_report(with_gap: History) -> None:
    revised = with_gap.with_reports([report("2024-01-02", 111)])

    day = revised.get(date(2024, 1, 2))
    assert day is not None
    assert day.totals["personnel_units"] == 111
    assert len(revised) == len(with_gap)
    assert with_gap.get(date(2024, 1, 2)) == report("2024-01-02", 110)


def test_get_finds_the_report_of_a_date(history: History) -> None:
    found = history.get(date(2024, 11, 19))

    assert found is not None
    assert found.day == 1000


def test_get_answers_none_for_a_date_without_a_report(with_gap: History) -> None:
    assert with_gap.get(date(2024, 1, 3)) is None


def test_on_or_before_falls_back_to_the_report_before_a_gap(with_gap: History) -> None:
    found = with_gap.on_or_before(date(2024, 1, 4))

    assert found is not None
    assert found.date == date(2024, 1, 2)


def test_on_or_before_answers_none_before_the_first_report(with_gap: History) -> None:
    assert with_gap.on_or_before(date(2023, 12, 31)) is None


def test_previous_of_a_report_after_a_gap_is_several_days_earlier(with_gap: History) -> None:
    previous = with_gap.previous(with_gap.latest)

    assert previous is not None
    assert previous.date == date(2024, 1, 2)


def test_the_first_report_has_no_previous(with_gap: History) -> None:
    assert with_gap.previous(with_gap.first) is None


def test_daily_classifies_a_report_after_a_gap_as_a_gap(with_gap: History) -> None:
    changes = with_gap.daily(date(2024, 1, 5))

    assert changes.is_gap
    assert changes.days_since_previous == 3
    assert [change.kind for change in changes.categories] == [ChangeKind.GAP]


def test_daily_of_the_real_correction_day_compares_with_the_day_before(history: History) -> None:
    changes = history.daily(date(2025, 2, 28))

    personnel = changes.get("personnel_units")
    assert personnel is not None
    assert (personnel.published, personnel.difference) == (1060, 2710)


def test_daily_of_a_date_without_a_report_raises_no_report_for(with_gap: History) -> None:
    with pytest.raises(NoReportFor) as raised:
        with_gap.daily(date(2024, 1, 3))

    assert raised.value.date == date(2024, 1, 3)


def test_between_includes_both_ends(history: History) -> None:
    reports = history.between(date(2024, 11, 1), date(2024, 11, 30))

    assert [reports[0].date, reports[-1].date, len(reports)] == [
        date(2024, 11, 1),
        date(2024, 11, 30),
        30,
    ]


def test_between_dates_in_the_wrong_order_is_empty(history: History) -> None:
    assert history.between(date(2024, 11, 30), date(2024, 11, 1)) == ()


def test_an_empty_history_has_no_latest_report() -> None:
    with pytest.raises(EmptyHistory):
        _ = History().latest


def test_an_empty_history_is_falsy_and_has_no_reports() -> None:
    history = History()

    assert not history
    assert len(history) == 0
    assert list(history) == []
