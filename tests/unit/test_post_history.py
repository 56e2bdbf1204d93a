"""Every historical report (2022-02-25 … 2026-08-08), written by the fake as the General Staff's
post in its era's wording, reads back to exactly its totals and published changes."""

from __future__ import annotations

import itertools
import re

import pytest

from bot.domain.post_checks import Consistent, check_report
from bot.domain.post_readings import PostReading, read_reports
from bot.domain.reports import Report
from bot.sources.channel_page import parse_page
from tests.fakes.channel_html import PagePost, channel_page
from tests.fakes.channel_posts import DASHES, ERA_WORDING, SEPARATORS, Wording
from tests.support.dataset import history_reports
from tests.support.posts import rendered


def misread(wording: Wording = ERA_WORDING) -> list[str]:
    """The dates whose rendered post does not read back to the report's own figures."""
    wrong = []
    for report in history_reports():
        readings = read_reports(rendered(report, wording))
        if not (
            len(readings) == 1
            and isinstance(readings[0], PostReading)
            and readings[0].report.date == report.date
            and dict(readings[0].report.totals) == dict(report.totals)
            and dict(readings[0].report.changes) == dict(report.changes)
        ):
            wrong.append(report.date.isoformat())
    return wrong


def test_the_history_spans_every_era_of_the_post() -> None:
    reports = history_reports()

    assert (reports[0].date.isoformat(), reports[-1].date.isoformat(), len(reports)) == (
        "2022-02-25",
        "2026-08-08",
        1626,
    )


def test_every_historical_report_reads_back_to_its_totals_and_published_changes() -> None:
    assert misread() == []


@pytest.mark.parametrize("separator", SEPARATORS, ids=repr)
def test_every_historical_report_reads_back_with_any_thousands_separator(separator: str) -> None:
    assert misread(Wording(separator=separator)) == []


@pytest.mark.parametrize("dash", DASHES)
def test_every_historical_report_reads_back_with_any_dash(dash: str) -> None:
    assert misread(Wording(dash=dash)) == []


def test_every_historical_report_post_reads_back_through_the_page_html() -> None:
    posts = [
        PagePost(post.id, post.published, post.text, photo=True)
        for index, report in enumerate(history_reports())
        for post in rendered(report, first_id=1000 + 10 * index)
    ]
    read: list[Report] = []
    for start in range(0, len(posts), 20):
        html = channel_page("GeneralStaffZSU", posts[start : start + 20], older=True, newer=True)
        page = parse_page(html, "GeneralStaffZSU")
        read += [
            reading.report
            for reading in read_reports(page.posts)
            if isinstance(reading, PostReading)
        ]

    assert [(r.date, dict(r.totals), dict(r.changes)) for r in read] == [
        (r.date, dict(r.totals), dict(r.changes)) for r in history_reports()
    ]


def test_every_historical_report_holds_together_with_the_one_before() -> None:
    reports = history_reports()
    refused = [
        (report.date.isoformat(), outcome)
        for previous, report in itertools.pairwise(reports)
        if not isinstance(outcome := check_report(report, previous), Consistent)
    ]

    assert refused == []


@pytest.mark.parametrize(
    ("day", "expected", "absent"),
    [
        ("2022-04-30", ["• ", "цистерн з ПММ", "ОТРК/ТРК", "з 24.02 по 30.04 "], ["(+0)"]),
        ("2022-08-21", ["• ", "автомобільної техніки та автоцистерн", "крилаті ракети"], ["(+0)"]),
        (
            "2023-09-14",
            ["з 24.02.22 по 14.09.23", "(+0) од", "підводні човни", "Дані уточнюються."],
            ["• "],
        ),
        ("2026-05-03", ["наземні робототехнічні комплекси", "1\u202f334\u202f030"], ["ОТРК"]),
    ],
)
def test_the_fake_writes_each_era_in_its_own_wording(
    day: str, expected: list[str], absent: list[str]
) -> None:
    (text,) = (post.text for post in rendered(day))

    assert [part for part in expected if part not in text] == []
    assert [part for part in absent if part in text] == []


def test_the_fake_writes_the_two_vehicle_lines_from_the_real_rows_before_may_2022() -> None:
    (post,) = rendered("2022-04-30")

    assert re.search(r"автомобільної техніки [‒–—-] 1701 \(\+6\)", post.text)
    assert re.search(r"цистерн з ПММ [‒–—-] 76,", post.text)
