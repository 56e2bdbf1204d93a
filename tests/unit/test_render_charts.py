"""Charts: a PNG of the right size, whose plotted data is the real history's daily figures.

The plotted data is read back from the figure's artists (bars, lines, stars), never from pixels.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable
from datetime import date, datetime
from itertools import pairwise

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bot.domain.chart_request import (
    CalendarMonth,
    ChartPeriod,
    ChartRequest,
    LastDays,
    NotAPeriod,
    TooManyArguments,
    UnknownCategory,
    parse_chart_request,
)
from bot.domain.errors import BeforeFirstReport, QueryError
from bot.domain.history import History
from bot.domain.records import RecordBook, record_book
from bot.domain.series import DailySeries, chart_series
from bot.render import charts
from bot.render.cards import card_series, draw_card
from bot.render.chart_texts import chart_caption, chart_error
from bot.render.charts import (
    Chart,
    ChartCache,
    chart,
    chart_image,
    draw_chart,
    png_of,
    render_chart,
)
from bot.render.i18n import text
from bot.render.vocabulary import vocabulary
from bot.services.figures import Figures
from bot.services.sharing import chart_answer
from tests.support.dataset import history_reports

PERSONNEL = "personnel_units"
_number_day: Callable[[float], datetime] = mdates.num2date  # matplotlib.dates is not annotated


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def book(history: History) -> RecordBook:
    return record_book(history, date(2022, 4, 1))


def drawn(history: History, book: RecordBook, key: str, period: ChartPeriod, lang: str) -> Figure:
    return draw_chart(chart_series(history, key, period, book), lang)


def bars(figure: Figure) -> dict[date, float]:
    """Each bar's day and height, from the daily figures' collection of rectangles."""
    (collection,) = [c for c in figure.axes[0].collections if isinstance(c, PolyCollection)]
    heights = {}
    for path in collection.get_paths():
        corners = np.asarray(path.vertices, dtype=float)
        xs, ys = corners[:, 0], corners[:, 1]
        heights[_number_day((xs.min() + xs.max()) / 2).date()] = float(ys.max())
    return heights


def line(figure: Figure, label: str) -> dict[date, float]:
    (found,) = [item for item in figure.axes[0].get_lines() if item.get_label() == label]
    assert isinstance(found, Line2D)
    xs = np.asarray(found.get_xdata(), dtype=float)
    ys = np.asarray(found.get_ydata(), dtype=float)
    return {_number_day(float(x)).date(): float(y) for x, y in zip(xs, ys, strict=True)}


def test_a_chart_is_a_png_of_1080_by_810_pixels(history: History, book: RecordBook) -> None:
    png = render_chart(chart_series(history, PERSONNEL, LastDays(30), book), "uk")

    image = imread(io.BytesIO(png), format="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert image.shape[:2] == (810, 1080)


def test_the_bars_are_the_published_daily_figures_of_the_real_history(
    history: History, book: RecordBook
) -> None:
    figure = drawn(history, book, PERSONNEL, CalendarMonth(2025, 2), "en")

    published = {
        report.date: report.changes[PERSONNEL]
        for report in history.between(date(2025, 2, 1), date(2025, 2, 28))
    }
    assert bars(figure) == published
    assert bars(figure)[date(2025, 2, 28)] == 1_060  # the total moved by 2,710 that day


def test_a_day_whose_total_fell_has_no_bar(history: History, book: RecordBook) -> None:
    heights = bars(drawn(history, book, "artillery_systems", CalendarMonth(2026, 3), "en"))

    assert date(2026, 3, 4) not in heights
    assert len(heights) == 30
    assert (
        heights[date(2026, 3, 5)]
        == history.daily(date(2026, 3, 5)).report.changes["artillery_systems"]
    )


def test_the_average_line_is_the_trailing_average_of_the_series(
    history: History, book: RecordBook
) -> None:
    series = chart_series(history, PERSONNEL, CalendarMonth(2025, 2), book)

    plotted = line(draw_chart(series, "en"), text("en", "chart-legend-average"))
    assert plotted == {point.date: point.average for point in series.points}
    week = history.between(date(2025, 2, 22), date(2025, 2, 28))
    expected = sum(report.changes[PERSONNEL] for report in week) / 7
    assert plotted[date(2025, 2, 28)] == pytest.approx(expected)


def test_record_days_are_starred_at_their_figure(history: History, book: RecordBook) -> None:
    figure = drawn(history, book, PERSONNEL, CalendarMonth(2024, 11), "en")

    (stars,) = [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    points = np.asarray(stars.get_offsets(), dtype=float)
    offsets = [(_number_day(float(x)).date(), int(y)) for x, y in points]
    announced = [
        (record.date, record.value)
        for day in range(1, 31)
        for record in book.records_on(date(2024, 11, day))
        if record.category == PERSONNEL
    ]
    assert offsets == announced


def test_a_long_period_is_a_thin_line_broken_where_a_day_has_no_figure(
    history: History, book: RecordBook
) -> None:
    figure = drawn(history, book, "artillery_systems", LastDays(365), "en")

    daily = line(figure, text("en", "chart-legend-daily"))
    assert len(daily) == 365
    assert math.isnan(daily[date(2026, 3, 4)])
    assert daily[date(2026, 3, 3)] == 47
    assert not [c for c in figure.axes[0].collections if isinstance(c, PolyCollection)]


def test_the_title_and_legend_are_in_the_readers_language(
    history: History, book: RecordBook
) -> None:
    uk = drawn(history, book, PERSONNEL, CalendarMonth(2024, 11), "uk")
    en = drawn(history, book, PERSONNEL, CalendarMonth(2024, 11), "en")

    assert [item.get_text() for item in uk.texts][:2] == [
        "Особовий склад",
        "Втрати за добу · 1–30 листопада 2024",
    ]
    assert [item.get_text() for item in en.texts][:2] == [
        "Personnel",
        "Daily losses · 1–30 November 2024",
    ]
    (legend,) = uk.legends
    assert [item.get_text() for item in legend.get_texts()] == [
        "За добу",
        "Середнє за 7 днів",
        "Рекорд",
    ]


def test_the_dates_on_the_x_axis_are_in_the_readers_language(
    history: History, book: RecordBook
) -> None:
    figure = drawn(history, book, PERSONNEL, CalendarMonth(2024, 11), "uk")
    figure.canvas.draw()

    labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert labels == ["4 лист.", "11 лист.", "18 лист.", "25 лист."]


def test_a_second_request_is_answered_from_the_cache(history: History, book: RecordBook) -> None:
    cache = ChartCache()
    request = ChartRequest(PERSONNEL, LastDays(30))

    first = chart(history, book, request, "en", cache)
    second = chart(history, book, request, "en", cache)

    assert second is first
    assert len(cache) == 1
    assert first.series == chart_series(history, PERSONNEL, LastDays(30), book)


def test_each_language_has_its_own_chart(history: History, book: RecordBook) -> None:
    cache = ChartCache()
    request = ChartRequest(PERSONNEL, LastDays(30))

    uk, en = chart(history, book, request, "uk", cache), chart(history, book, request, "en", cache)

    assert uk.png != en.png
    assert len(cache) == 2


def test_a_new_latest_report_draws_a_new_chart(
    history: History, book: RecordBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "render_chart", lambda series, lang: b"png")
    cache = ChartCache()
    request = ChartRequest(PERSONNEL, LastDays(30))
    before = History(history.reports[:-1])

    older = chart(before, book, request, "en", cache)
    newer = chart(history, book, request, "en", cache)

    assert (older.series.last_day, newer.series.last_day) == (date(2026, 8, 7), date(2026, 8, 8))
    assert len(cache) == 2


def test_the_cache_forgets_the_least_recently_used_chart(
    history: History, book: RecordBook
) -> None:
    cache = ChartCache(size=2)
    series = chart_series(history, PERSONNEL, LastDays(7), book)
    keys = [(PERSONNEL, LastDays(days), "en", date(2026, 8, 8)) for days in (7, 30, 90)]
    for key in keys[:2]:
        cache.put(key, Chart(b"png", series))

    cache.get(keys[0])
    cache.put(keys[2], Chart(b"png", series))

    assert [cache.get(key) is not None for key in keys] == [True, False, True]


async def test_a_chart_is_drawn_off_the_event_loop_and_then_cached(
    history: History, book: RecordBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def spy(series: DailySeries, lang: str) -> bytes:
        threads.append(threading.current_thread())
        return b"png"

    monkeypatch.setattr(charts, "render_chart", spy)
    cache = ChartCache()
    request = ChartRequest("tanks", LastDays(90))

    first = await chart_image(history, book, request, "uk", cache)
    second = await chart_image(history, book, request, "uk", cache)

    assert second is first
    assert len(threads) == 1
    assert threads[0] is not threading.current_thread()


def test_a_month_outside_the_history_is_a_query_error(history: History, book: RecordBook) -> None:
    with pytest.raises(BeforeFirstReport):
        chart(history, book, ChartRequest(PERSONNEL, CalendarMonth(2021, 5)), "en", ChartCache())


def test_the_caption_names_the_category_the_dates_the_average_and_the_peak(
    history: History, book: RecordBook
) -> None:
    series = chart_series(history, PERSONNEL, CalendarMonth(2024, 11), book)

    published = [
        r.changes[PERSONNEL] for r in history.between(date(2024, 11, 1), date(2024, 11, 30))
    ]
    mean = sum(published) / len(published)
    assert chart_caption(series, "en").splitlines() == [
        "<b>🪖 Personnel</b> · 1–30 November 2024",
        f"Average of the published daily figures: {mean:,.0f} a day; "
        "highest 2,030 on 29 November 2024",
        "🏆 3 record days in this period",
    ]
    assert chart_caption(series, "uk").splitlines()[2] == "🏆 3 рекордні дні за цей період"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (UnknownCategory("bananas"), "Не знаю категорії «bananas»."),
        (NotAPeriod("0d"), "«0d» — не період."),
        (TooManyArguments("uav"), "«uav» — зайве."),
        (BeforeFirstReport(date(2021, 5, 1), date(2022, 2, 25)), "<code>/chart 2022-02</code>"),
    ],
)
def test_a_chart_request_that_cannot_be_drawn_says_why(error: QueryError, expected: str) -> None:
    assert expected in chart_error(error, "uk")


def test_an_argument_is_escaped_in_the_error() -> None:
    assert "«&lt;b&gt;»" in chart_error(UnknownCategory("<b>"), "uk")


# At phone size ----------------------------------------------------------------------------------

PHONE_DP = 360
"""Telegram shows a picture about as wide as the phone: 360 dp on most phones."""
MIN_TEXT_DP = 10.0
"""The smallest text a phone user reads without zooming (Android's small print is 10-12 sp)."""
MIN_TICK_DP = 11.0
PHONE_CHARTS = [
    ("uk", ["бойові", "броньовані", "машини", "all"]),
    ("en", ["armoured", "combat", "vehicles", "30d"]),
    ("uk", ["особовий", "склад", "1y"]),
    ("en", ["air", "defence", "90d"]),
    ("uk", ["2025-02"]),
    ("en", ["2022-02"]),
    ("en", ["uav", "2y"]),
    ("uk", ["6m"]),
]


def phone_figure(history: History, book: RecordBook, lang: str, args: list[str]) -> Figure:
    request = parse_chart_request(args, vocabulary())
    return draw_chart(chart_series(history, request.category, request.period, book), lang)


def drawn_ticks(figure: Figure) -> list[Text]:
    """The tick labels drawn: those of ticks within the axes' limits."""
    axes = figure.axes[0]
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    xs = zip(axes.get_xticks(), axes.get_xticklabels(), strict=True)
    ys = zip(axes.get_yticks(), axes.get_yticklabels(), strict=True)
    return [
        *(label for tick, label in xs if left <= tick <= right),
        *(label for tick, label in ys if bottom <= tick <= top),
    ]


def shown_texts(figure: Figure) -> list[Text]:
    """Every text drawn on the figure (titles, notes, tick labels, legend), after a draw."""
    figure.canvas.draw()
    ticks = {*figure.axes[0].get_xticklabels(), *figure.axes[0].get_yticklabels()}
    drawn = set(drawn_ticks(figure))
    return [
        item
        for item in figure.findobj(Text)
        if item.get_visible() and item.get_text().strip() and (item not in ticks or item in drawn)
    ]


def on_phone_dp(item: Text, figure: Figure, png: bytes) -> float:
    """How tall the text's font reads on a phone: points → pixels of the PNG → dp at 360 dp."""
    width_px = int(imread(io.BytesIO(png), format="png").shape[1])
    points = float(item.get_fontsize())
    return points * float(figure.dpi) / 72 * PHONE_DP / width_px


def overlapping(boxes: list[tuple[str, Bbox]]) -> list[tuple[str, str]]:
    return [
        (first, second)
        for index, (first, box) in enumerate(boxes)
        for second, other in boxes[index + 1 :]
        if box.overlaps(other)
    ]


def labels_of(figure: Figure) -> list[tuple[str, Bbox]]:
    """The texts that must not overlap one another: the figure's, the legend's, the ticks'."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    items = [*figure.texts, *drawn_ticks(figure)]
    boxes = [
        (item.get_text(), item.get_window_extent(renderer)) for item in items if item.get_text()
    ]
    boxes += [
        (f"legend {n}", legend.get_window_extent(renderer))
        for n, legend in enumerate(figure.legends)
    ]
    return boxes


@pytest.mark.parametrize(("lang", "args"), PHONE_CHARTS, ids=lambda value: str(value))
def test_every_text_of_a_chart_reads_at_least_10_dp_on_a_360_dp_phone(
    history: History, book: RecordBook, lang: str, args: list[str]
) -> None:
    figure = phone_figure(history, book, lang, args)
    png = png_of(figure)

    small = [
        (item.get_text(), round(on_phone_dp(item, figure, png), 1))
        for item in shown_texts(figure)
        if on_phone_dp(item, figure, png) < MIN_TEXT_DP
    ]
    assert small == []
    assert min(on_phone_dp(tick, figure, png) for tick in drawn_ticks(figure)) >= MIN_TICK_DP


@pytest.mark.parametrize(("lang", "args"), PHONE_CHARTS, ids=lambda value: str(value))
def test_no_text_of_a_chart_leaves_the_canvas_or_covers_another(
    history: History, book: RecordBook, lang: str, args: list[str]
) -> None:
    figure = phone_figure(history, book, lang, args)
    canvas = figure.bbox
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]

    outside = [
        item.get_text()
        for item in shown_texts(figure)
        if not canvas.contains(*item.get_window_extent(renderer).min)
        or not canvas.contains(*item.get_window_extent(renderer).max)
    ]
    assert outside == []
    assert overlapping(labels_of(figure)) == []


@pytest.mark.parametrize(("lang", "args"), PHONE_CHARTS, ids=lambda value: str(value))
def test_the_ticks_of_a_chart_are_evenly_spaced_and_labelled(
    history: History, book: RecordBook, lang: str, args: list[str]
) -> None:
    figure = phone_figure(history, book, lang, args)
    shown_texts(figure)
    axes = figure.axes[0]

    days = [_number_day(value).date() for value in axes.get_xticks()]
    gaps = [(later - earlier).days for earlier, later in pairwise(days)]
    assert len(days) >= 2
    assert max(gaps) / min(gaps) <= 31 / 28  # months of 28 to 31 days; weeks and years exact
    assert all(label.get_text() for label in axes.get_xticklabels())


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_text_of_the_card_reads_on_a_phone_and_stays_on_it(
    history: History, book: RecordBook, lang: str
) -> None:
    figure = draw_card(
        card_series(history, book, date(2024, 12, 20)), history, date(2024, 12, 20), lang
    )
    png = png_of(figure)
    renderer_texts = shown_texts(figure)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]

    assert [t.get_text() for t in renderer_texts if on_phone_dp(t, figure, png) < MIN_TEXT_DP] == []
    assert [
        t.get_text()
        for t in renderer_texts
        if not figure.bbox.contains(*t.get_window_extent(renderer).min)
        or not figure.bbox.contains(*t.get_window_extent(renderer).max)
    ] == []
    assert overlapping(labels_of(figure)) == []


def test_a_long_chart_shades_the_early_war_estimates_before_the_baseline(
    history: History, book: RecordBook
) -> None:
    figure = phone_figure(history, book, "en", ["all"])
    (legend,) = figure.legends

    (band,) = figure.axes[0].patches
    assert isinstance(band, Rectangle)
    start, end = band.get_x(), band.get_x() + band.get_width()
    assert (_number_day(math.ceil(start)).date(), _number_day(math.floor(end)).date()) == (
        date(2022, 2, 25),
        date(2022, 3, 31),
    )
    assert "Early estimates (before 1 April 2022)" in [
        item.get_text() for item in legend.get_texts()
    ]


def test_a_chart_after_the_baseline_shades_nothing(history: History, book: RecordBook) -> None:
    figure = phone_figure(history, book, "en", ["1y"])

    assert len(figure.axes[0].patches) == 0


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [
        ("uk", ["підводні", "30д"], "У добових даних цього періоду втрат немає"),
        (
            "en",
            ["submarines", "30d"],
            "the total stays at 2. The whole war: <code>/chart submarine all</code>",
        ),
        ("en", ["cruise", "missiles", "2022-03"], "did not report this category in this period"),
    ],
)
async def test_a_category_without_daily_losses_in_the_period_gets_words_not_a_chart(
    history: History, book: RecordBook, lang: str, args: list[str], expected: str
) -> None:
    answer = await chart_answer(Figures(history, book), args, lang)

    assert isinstance(answer, str)
    assert expected in answer
