"""The cache of pictures: one per (picture, period, language, snapshot); old snapshots let go."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bot.domain.chart_request import ChartRequest, LastDays
from bot.domain.history import History
from bot.domain.records import RecordBook, record_book
from bot.domain.series import DailySeries
from bot.render import charts
from bot.render.charts import chart
from bot.render.picture_cache import Chart, ChartCache
from tests.support.dataset import history_reports

PERSONNEL = "personnel_units"
REQUEST = ChartRequest(PERSONNEL, LastDays(30))


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def book(history: History) -> RecordBook:
    return record_book(history, date(2022, 4, 1))


@pytest.fixture(autouse=True)
def cheap_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "render_chart", lambda series, lang: b"png")


def revised(history: History, day: date, personnel: int) -> History:
    """`history` with upstream's revision of one report's personnel figures."""
    report = history.get(day)
    assert report is not None
    totals = {**report.totals, PERSONNEL: report.totals[PERSONNEL] + personnel}
    changes = {**report.changes, PERSONNEL: report.changes[PERSONNEL] + personnel}
    return history.with_reports([dataclasses.replace(report, totals=totals, changes=changes)])


def test_a_revised_report_draws_anew_although_the_latest_date_is_the_same(
    history: History, book: RecordBook
) -> None:
    cache = ChartCache()
    before = chart(history, book, REQUEST, "en", cache)

    after = chart(revised(history, date(2026, 8, 1), 100), book, REQUEST, "en", cache)

    assert after is not before
    day = after.series.point(date(2026, 8, 1))
    assert day is not None
    assert day.losses == 1_470 + 100


def test_pictures_of_the_oldest_snapshot_go_when_a_third_arrives(
    history: History, book: RecordBook
) -> None:
    cache = ChartCache(revisions=2)
    snapshots = [History(history.reports) for _ in range(3)]

    for snapshot in snapshots:
        chart(snapshot, book, REQUEST, "en", cache)
        chart(snapshot, book, REQUEST, "uk", cache)

    assert len(cache) == 4
    assert cache.get((PERSONNEL, REQUEST.period, "en", snapshots[0])) is None
    assert cache.get((PERSONNEL, REQUEST.period, "en", snapshots[2])) is not None


def test_a_snapshot_in_use_keeps_its_pictures(history: History, book: RecordBook) -> None:
    cache = ChartCache(revisions=2)
    series = DailySeries(PERSONNEL, date(2026, 8, 8), date(2026, 8, 8), (), ())
    old, new = History(history.reports), History(history.reports)

    cache.put(("a", LastDays(7), "en", old), Chart(b"1", series))
    cache.put(("a", LastDays(7), "en", new), Chart(b"2", series))
    cache.put(("b", LastDays(7), "en", old), Chart(b"3", series))

    assert len(cache) == 3
