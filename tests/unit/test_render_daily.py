"""The daily post (/today, /day) on real reports, in Ukrainian and English."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from bot.domain.changes import DailyChanges, daily_changes
from bot.domain.reports import Report
from bot.render.posts import daily_post
from tests.support.dataset import history_reports

NBSP = "\u00a0"
PHONE_WIDTH = 44
"""Characters of a category line; personnel over a million, "about" included, takes 44."""


def daily_of(day: str, *, previous_back: int = 1) -> DailyChanges:
    """The real report of `day` against the report `previous_back` reports before it."""
    reports = history_reports()
    index = next(i for i, report in enumerate(reports) if report.date == date.fromisoformat(day))
    return daily_changes(reports[index], reports[index - previous_back])


def line_of(post: str, start: str) -> str:
    return next(line for line in post.splitlines() if line.startswith(start))


def visible(line: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", line)).replace("\ufe0f", "")


def test_totals_and_changes_are_grouped_in_ukrainian() -> None:
    post = daily_post(daily_of("2026-08-08"), "uk")
    assert f"🪖 Особовий склад: близько 1{NBSP}456{NBSP}610 (+1{NBSP}190)" in post


def test_totals_and_changes_are_grouped_in_english() -> None:
    post = daily_post(daily_of("2026-08-08"), "en")
    assert "🪖 Personnel: about 1,456,610 (+1,190)" in post


def test_the_title_names_the_report_date_and_the_day_of_the_war() -> None:
    assert "8 серпня 2026" in daily_post(daily_of("2026-08-08"), "uk")
    assert "1627-й день війни" in daily_post(daily_of("2026-08-08"), "uk")
    assert "8 August 2026" in daily_post(daily_of("2026-08-08"), "en")
    assert "Day 1,627 of the war" in daily_post(daily_of("2026-08-08"), "en")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_post_links_the_source(lang: str) -> None:
    post = daily_post(daily_of("2026-08-08"), lang)
    assert '<a href="https://www.zsu.gov.ua/news/losses-2026-08-08">' in post


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_categories_follow_the_catalogue_order_with_personnel_first(lang: str) -> None:
    body = daily_post(daily_of("2026-08-08"), lang).split("\n\n")[1].splitlines()
    assert body[0].startswith("🪖")
    assert body[-1].startswith("🤖")


def test_a_day_without_change_shows_the_total_alone() -> None:
    post = daily_post(daily_of("2026-08-08"), "uk")
    assert line_of(post, "✈️") == "✈️ Літаки: 439"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_correction_day_shows_the_published_change_and_marks_the_corrected_total(
    lang: str,
) -> None:
    post = daily_post(daily_of("2025-02-28"), lang)
    assert line_of(post, "🪖").endswith("(+1\u00a0060) ↻" if lang == "uk" else "(+1,060) ↻")
    assert not line_of(post, "🛡").endswith("↻")  # tanks moved by exactly their figure
    assert not any(line.startswith("↳") for line in post.splitlines())


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_recount_is_never_shown_as_the_days_losses(lang: str) -> None:
    post = daily_post(daily_of("2025-02-28"), lang)
    assert "2\u00a0710" not in post
    assert "2,710" not in post


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_fall_is_never_shown_as_negative_losses(lang: str) -> None:
    post = daily_post(daily_of("2026-03-04"), lang)
    artillery = line_of(post, "💥")
    assert artillery.endswith("37\u00a0832 ↻" if lang == "uk" else "37,832 ↻")
    assert "(\u221210)" not in post
    assert "-10" not in post


def test_the_fall_is_summed_up_as_a_correction_of_the_total() -> None:
    assert (
        "↻ Генштаб уточнив загальний підсумок: артилерійські системи \u221210. "
        "Це перерахунок, а не втрати за добу."
    ) in daily_post(daily_of("2026-03-04"), "uk")
    assert (
        "↻ The General Staff corrected a total: artillery systems \u221210. "
        "This is a recount, not the day's losses."
    ) in daily_post(daily_of("2026-03-04"), "en")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_first_reported_category_shows_its_total_to_date_not_a_change(lang: str) -> None:
    post = daily_post(daily_of("2026-05-03"), lang)
    robots = line_of(post, "🤖")
    assert robots.endswith("1\u00a0306" if lang == "uk" else "1,306")
    assert "(+" not in robots
    assert post.splitlines()[post.splitlines().index(robots) + 1] == (
        "↳ уперше у зведенні: це загальна кількість на цю дату, а не втрати за добу"
        if lang == "uk"
        else "↳ first reported: the total to date, not the day's losses"
    )


def test_a_gap_labels_the_difference_with_the_days_it_spans() -> None:
    gap = daily_of("2026-08-08", previous_back=3)
    uk, en = daily_post(gap, "uk"), daily_post(gap, "en")
    assert line_of(uk, "🪖") == (
        f"🪖 Особовий склад: близько 1{NBSP}456{NBSP}610 (+3{NBSP}730 за 3 дні)"
    )
    assert line_of(en, "🪖") == "🪖 Personnel: about 1,456,610 (+3,730 in 3 days)"
    assert "Попереднє зведення — за 5 серпня 2026" in uk
    assert "changes below span 3 days, not one day" in en


def test_a_category_missing_from_the_report_is_not_reported() -> None:
    before = daily_of("2026-08-08").report
    totals = {key: value for key, value in before.totals.items() if key != "submarines"}
    report = Report(date(2026, 8, 9), totals, {}, before.source_url)
    post = daily_post(daily_changes(report, before), "uk")
    assert line_of(post, "🌊") == "🌊 Підводні човни: не повідомлено"
    assert line_of(daily_post(daily_changes(report, before), "en"), "🌊").endswith("not reported")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_record_categories_are_marked_and_explained(lang: str) -> None:
    post = daily_post(daily_of("2026-08-08"), lang, record_keys=frozenset({"uav_systems"}))
    assert line_of(post, "🛸").endswith(" 🏆")
    assert not line_of(post, "🪖").endswith("🏆")
    assert post.splitlines()[-2].startswith("🏆 — ")


def test_a_post_without_records_has_no_record_legend() -> None:
    assert "🏆" not in daily_post(daily_of("2026-08-08"), "en")


def test_an_unknown_category_is_shown_by_its_escaped_key() -> None:
    before = daily_of("2026-08-08").report
    odd = "<b>new</b>&key"
    report = Report(
        date(2026, 8, 9),
        {**before.totals, odd: 12},
        {**before.changes, odd: 12},
        before.source_url,
    )
    post = daily_post(daily_changes(report, before), "en")
    assert "▫️ &lt;b&gt;new&lt;/b&gt;&amp;key: 12" in post
    assert odd not in post


def test_the_source_address_is_escaped() -> None:
    day = daily_of("2026-08-08")
    url = 'https://example.test/a?b=1&c="2"'
    report = Report(day.report.date, day.report.totals, day.report.changes, url)
    post = daily_post(daily_changes(report, day.previous), "en")
    assert 'href="https://example.test/a?b=1&amp;c=&quot;2&quot;"' in post


def test_a_source_that_is_not_a_web_address_is_not_linked() -> None:
    day = daily_of("2026-08-08")
    report = Report(day.report.date, day.report.totals, day.report.changes, "javascript:alert(1)")
    post = daily_post(daily_changes(report, day.previous), "uk")
    assert "<a " not in post
    assert "javascript" not in post


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_category_lines_fit_a_phone_screen_on_every_ordinary_report(lang: str) -> None:
    reports = history_reports()
    too_long = {
        (reports[i].date, visible(line))
        for i in range(1, len(reports))
        for line in daily_post(daily_changes(reports[i], reports[i - 1]), lang).splitlines()
        if not line.startswith(("<b>", "🔗", "↻", "↳", "ℹ️")) and len(visible(line)) > PHONE_WIDTH
    }
    assert too_long == set()


def test_a_first_value_is_never_marked_as_a_record() -> None:
    post = daily_post(
        daily_of("2026-05-03"), "en", record_keys=frozenset({"ground_robotic_systems"})
    )
    assert "🏆" not in post
