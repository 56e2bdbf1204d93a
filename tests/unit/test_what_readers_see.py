"""What readers see, pinned: each text defect found by reading the bot as its users do (issue #12),
in Ukrainian and English, on the real history, as the texts now read.

`live` is the real history as the live figures API serves it (a later category is 0 before its
first value, the ATGM/SRBM launchers stay at 4): the shape the defects were seen in.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.chart_request import CalendarMonth
from bot.domain.events import WarDayMilestone
from bot.domain.history import History
from bot.domain.milestones import milestones_in
from bot.domain.records import record_book
from bot.domain.series import chart_series
from bot.render.alerts import milestone_alert
from bot.render.chart_texts import chart_caption
from bot.services.answers import _day, _since
from bot.services.figures import Figures
from bot.services.sharing import month_answer, week_answer
from tests.support.dataset import as_report, history_reports, live_api_records

NBSP = "\u00a0"
TODAY = date(2026, 8, 9)
BASELINE = date(2022, 4, 1)


def figures_of(history: History) -> Figures:
    return Figures(history, record_book(history, BASELINE))


@pytest.fixture(scope="module")
def real() -> Figures:
    return figures_of(History(history_reports()))


@pytest.fixture(scope="module")
def live() -> Figures:
    return figures_of(History(as_report(record) for record in live_api_records()))


def line(text: str, start: str) -> str:
    return next(row for row in text.splitlines() if row.startswith(start))


# 1. Corrections and first values read right -----------------------------------------------------


def test_a_recount_is_one_full_sentence_for_the_whole_day(real: Figures) -> None:
    uk, en = _day(real, "2025-02-28", "uk", TODAY), _day(real, "2025-02-28", "en", TODAY)

    assert "перерахунок: до загальної" not in uk
    assert [row for row in uk.splitlines() if row.startswith(("↳", "↻"))] == [
        f"↻ Генштаб уточнив загальні підсумки: особовий склад +1{NBSP}650, бойові броньовані "
        "машини +21, артилерійські системи +38, РСЗВ +3, засоби ППО +1, крилаті ракети +21, "
        "автотехніка й цистерни +26, спеціальна техніка −1. Це перерахунок, а не втрати за добу."
    ]
    assert [row for row in en.splitlines() if row.startswith(("↳", "↻"))] == [
        "↻ The General Staff corrected the totals: personnel +1,650, armoured combat vehicles "
        "+21, artillery systems +38, MLRS +3, air defence systems +1, cruise missiles +21, "
        "vehicles and fuel tanks +26, special equipment −1. This is a recount, not the day's "
        "losses."
    ]
    assert line(uk, "🪖") == f"🪖 Особовий склад: близько 874{NBSP}560 (+1{NBSP}060) ↻"


def test_a_total_that_fell_is_a_sentence_too(real: Figures) -> None:
    uk, en = _day(real, "2026-03-04", "uk", TODAY), _day(real, "2026-03-04", "en", TODAY)

    assert "загальну зменшено на" not in uk
    assert "↻ Генштаб уточнив загальний підсумок: артилерійські системи −10." in uk
    assert "↻ The General Staff corrected a total: artillery systems −10." in en


def test_a_first_value_says_it_is_the_total_to_date(real: Figures) -> None:
    uk, en = _day(real, "2026-05-03", "uk", TODAY), _day(real, "2026-05-03", "en", TODAY)

    assert "уперше у звіті: загалом на цю дату" not in uk
    assert ("↳ уперше у зведенні: це загальна кількість на цю дату, а не втрати за добу") in uk
    assert "↳ first reported: the total to date, not the day's losses" in en


@pytest.mark.parametrize(
    ("day", "emoji", "uk", "en"),
    [
        ("2022-05-01", "🚀", "🚀 Крилаті ракети: 84", "🚀 Cruise missiles: 84"),
        ("2023-09-14", "🌊", "🌊 Підводні човни: 1", "🌊 Submarines: 1"),
    ],
)
def test_a_categorys_first_value_is_never_a_recount(
    live: Figures, day: str, emoji: str, uk: str, en: str
) -> None:
    for lang, expected, note in (("uk", uk, "↳ уперше у зведенні"), ("en", en, "↳ first reported")):
        post = _day(live, day, lang, TODAY)
        rows = post.splitlines()
        first = rows.index(line(post, emoji))
        assert rows[first] == expected
        assert rows[first + 1].startswith(note)
        assert "recount" not in post
        assert "перерахунок" not in post


def test_since_across_a_first_value_does_not_count_it_as_a_change(live: Figures) -> None:
    en, uk = _since(live, "2022-04-30", "en", TODAY), _since(live, "2022-04-30", "uk", TODAY)

    assert line(en, "🚀") == "🚀 Cruise missiles: +4,923"  # 5,007 now, 84 when first reported
    assert "+5,007" not in en
    assert line(uk, "🚀") == f"🚀 Крилаті ракети: +4{NBSP}923"
    assert "↳ first reported on 1 May 2022 with 84, the total to date then" in en


def test_the_first_report_is_a_starting_total_not_a_day(real: Figures) -> None:
    en, uk = _day(real, "2022-02-25", "en", TODAY), _day(real, "2022-02-25", "uk", TODAY)

    assert "ℹ️ The General Staff's first report: the totals since 24 February 2022" in en
    assert "ℹ️ Це перше зведення Генштабу: загальні підсумки від 24 лютого 2022 року" in uk
    assert line(en, "🪖") == "🪖 Personnel: about 2,800"
    assert "(+" not in en


def test_a_week_and_a_month_holding_the_first_report_say_so(real: Figures) -> None:
    week = week_answer(real, "2022-02-26", "en", TODAY)
    month = month_answer(real, "2022-02", "uk", TODAY)

    assert "ℹ️ Counted from the first report (25 February 2022)" in week
    assert "🪖 Personnel: +1,700 · 850 a day" in week  # 26 and 27 February, not 2,800 more
    assert "ℹ️ Лік — від першого зведення (25 лютого 2022)" in month


def test_a_chart_holding_the_first_report_draws_nothing_for_it(real: Figures) -> None:
    series = chart_series(real.history, "personnel_units", CalendarMonth(2022, 2), real.records)

    first = series.points[0]
    assert (first.date, first.losses, first.average) == (date(2022, 2, 25), None, None)
    assert [point.average for point in series.points[1:]] == [1_500, 850, 2_500 / 3]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_months_figure_a_day_is_the_same_in_month_and_chart_and_says_its_rule(
    real: Figures, lang: str
) -> None:
    month = month_answer(real, "2025-02", lang, TODAY)
    series = chart_series(real.history, "personnel_units", CalendarMonth(2025, 2), real.records)
    caption = chart_caption(series, lang)

    per_day = f"1{NBSP}261" if lang == "uk" else "1,261"
    assert per_day in line(month, "🪖")
    assert per_day in caption
    assert "1,320" not in month
    assert "1\u00a0320" not in month
    rule = (
        "Це суми опублікованих добових даних; «за добу» — їхнє середнє, як і на /chart."
        if lang == "uk"
        else "Sums of the published daily figures; “a day” is their average, as on /chart."
    )
    assert rule in month


def test_since_the_latest_report_says_so_and_suggests_an_earlier_date(real: Figures) -> None:
    en, uk = _since(real, "2026-08-08", "en", TODAY), _since(real, "2026-08-08", "uk", TODAY)

    assert en.startswith(
        "The report of 8 August 2026 is the latest one: nothing has changed since."
    )
    assert "<code>/since 2026-08-01</code>" in en
    assert uk.startswith("Зведення за 8 серпня 2026 — останнє, тож відтоді нічого не змінилося.")


def test_a_daily_average_under_one_keeps_a_decimal(real: Figures) -> None:
    assert "✈️ Aircraft: +1 · 0.04 a day" in month_answer(real, "2025-02", "en", TODAY)
    assert "✈️ Літаки: +1 · 0,04 за добу" in month_answer(real, "2025-02", "uk", TODAY)


# 4. Posts ---------------------------------------------------------------------------------------


def test_personnel_reads_about_as_the_general_staff_writes_it(real: Figures) -> None:
    assert "🪖 Personnel: about 1,456,610 (+1,190)" in _day(real, "2026-08-08", "en", TODAY)
    assert f"🪖 Особовий склад: близько 1{NBSP}456{NBSP}610 (+1{NBSP}190)" in _day(
        real, "2026-08-08", "uk", TODAY
    )


def test_the_srbm_launchers_are_labelled_right_and_left_out_while_they_never_change(
    real: Figures, live: Figures
) -> None:
    assert "🧨 Пускові установки ОТРК/ТРК: 2" in _day(real, "2022-03-26", "uk", TODAY)
    assert "🧨 SRBM launchers: 2" in _day(real, "2022-03-26", "en", TODAY)
    for figures in (real, live):
        for lang in ("uk", "en"):
            assert "🧨" not in _day(figures, "2022-05-02", lang, TODAY)
    assert "🧨" not in _since(live, "2022-04-30", "en", TODAY)


def test_a_week_before_reads_as_a_figure_a_day(real: Figures) -> None:
    en = week_answer(real, "2025-02-28", "en", TODAY)
    uk = week_answer(real, "2025-02-28", "uk", TODAY)

    assert "↳ week before: 1,256 a day (−10%)" in en
    assert f"↳ попередній тиждень: 1{NBSP}256 за добу (−10%)" in uk


def test_a_war_day_milestone_adds_what_the_daily_post_does_not_say(real: Figures) -> None:
    report = real.history.get(date(2024, 11, 19))
    assert report is not None
    (event,) = [e for e in milestones_in(real.history, report) if isinstance(e, WarDayMilestone)]

    assert milestone_alert(event, "uk").splitlines()[2:] == [
        f"🪖 Особовий склад від 24 лютого 2022 року: близько 724{NBSP}050, у середньому 724 за "
        "добу.",
        f"За останні 100 днів: +133{NBSP}130, 1{NBSP}331 за добу, а за 100 днів перед тим — "
        f"1{NBSP}188 за добу (+12%).",
    ]
    assert milestone_alert(event, "en").splitlines()[2].startswith("🪖 Personnel since")
