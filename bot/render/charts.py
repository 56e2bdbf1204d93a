"""Charts of a category's daily series: a phone-sized PNG drawn with matplotlib's Figure API.

Never pyplot: each chart is its own `Figure` on an Agg canvas, so nothing global is kept between
charts. The daily figures are bars (or a thin line over long periods, where bars would merge),
holes stay empty, the 7-day average is a thicker line and record days are stars. Rendering is
slow next to everything else the bot does, so charts are cached per (category, period, language,
figures snapshot) and rendered off the event loop.
"""

from __future__ import annotations

import asyncio
import io
import math
from collections.abc import Callable, Iterable
from datetime import date, datetime

from babel.dates import format_date
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from bot.domain.chart_request import ChartRequest
from bot.domain.history import History
from bot.domain.records import RecordBook
from bot.domain.series import DailySeries, chart_series
from bot.render.formatting import category_name, locale, number
from bot.render.i18n import text, translator
from bot.render.periods import date_range
from bot.render.picture_cache import CHARTS, CacheKey, Chart, ChartCache, drawn_once

__all__ = ["Chart", "ChartCache", "chart", "chart_image", "draw_chart", "render_chart"]

WIDTH_PX, HEIGHT_PX, DPI = 1200, 675, 100
BARS_UP_TO = 120
"""Days drawn as bars; beyond this a bar is under a pixel wide and a thin line reads better."""
BAR_WIDTH = 0.8
"""Of a day; the rest is the gap between bars."""
PNG_COMPRESSION = 1
"""zlib level: 1 encodes several times faster than the default 6 for a slightly larger file."""
HEADROOM = 1.12
"""The y axis reaches this far above the highest bar, so that the legend row never covers one."""
DAILY_COLOUR, AVERAGE_COLOUR, RECORD_COLOUR, NOTE_COLOUR = "#8fb3d9", "#1f4e79", "#d4a017", "#666"

# matplotlib.dates is not annotated; these typed names keep the calls below checked.
_day_number: Callable[[date], float] = mdates.date2num
_number_day: Callable[[float], datetime] = mdates.num2date
_date_locator: Callable[..., Locator] = mdates.AutoDateLocator


def _positions(days: Iterable[date], first_day: date) -> list[float]:
    """matplotlib's numbers for `days`: one conversion, then whole days (date2num is slow)."""
    origin = _day_number(first_day)
    return [origin + (day - first_day).days for day in days]


def _tick_label(value: float, span_days: int, lang: str) -> str:
    day = _number_day(value).date()
    pattern = "d MMM" if span_days <= BARS_UP_TO * 2 else "LLL y"
    return str(format_date(day, pattern, locale=locale(lang)))


def _plot_daily(axes: Axes, series: DailySeries, label: str) -> None:
    if len(series.points) <= BARS_UP_TO:
        # One collection of rectangles: `axes.bar` adds a patch per day, several times slower.
        drawn = [point for point in series.points if point.losses is not None]
        days = _positions((point.date for point in drawn), series.first_day)
        half = BAR_WIDTH / 2
        bars = [
            [(day - half, 0), (day - half, height), (day + half, height), (day + half, 0)]
            for day, height in zip(days, (point.losses or 0 for point in drawn), strict=True)
        ]
        axes.add_collection(PolyCollection(bars, facecolors=DAILY_COLOUR, label=label))
        return
    days = _positions(series.dates, series.first_day)
    values = [math.nan if point.losses is None else point.losses for point in series.points]
    axes.plot(days, values, color=DAILY_COLOUR, linewidth=0.7, label=label)


def _style_axes(axes: Axes, series: DailySeries, lang: str) -> None:
    span_days = (series.last_day - series.first_day).days + 1
    axes.xaxis.set_major_locator(_date_locator(minticks=4, maxticks=8))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: _tick_label(value, span_days, lang))
    )
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value), lang)))
    left, right = _positions((series.first_day, series.last_day), series.first_day)
    axes.set_xlim(left - 0.6, right + 0.6)
    highest = max((point.losses or 0 for point in series.points), default=0)
    axes.set_ylim(0, max(highest, 1) * HEADROOM)
    axes.grid(axis="y", color="#ddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=12)


def plot_series(axes: Axes, series: DailySeries, lang: str) -> None:
    """Daily figures, their 7-day average and record days on `axes`, with a legend in `lang`."""
    legend = [text(lang, key) for key in ("chart-legend-daily", "chart-legend-average")]
    _plot_daily(axes, series, legend[0])
    days = _positions(series.dates, series.first_day)
    averages = [math.nan if point.average is None else point.average for point in series.points]
    axes.plot(days, averages, color=AVERAGE_COLOUR, linewidth=2.4, label=legend[1])
    if series.records:
        legend.append(text(lang, "chart-legend-record"))
        axes.scatter(
            _positions((entry.date for entry in series.records), series.first_day),
            [entry.value for entry in series.records],
            marker="*",
            s=160,
            color=RECORD_COLOUR,
            edgecolors=AVERAGE_COLOUR,
            linewidths=0.6,
            zorder=3,
            label=legend[2],
        )
    _style_axes(axes, series, lang)
    handles, labels = axes.get_legend_handles_labels()
    by_label = dict(zip(labels, handles, strict=True))
    in_order = [by_label[label] for label in legend]
    axes.legend(in_order, legend, loc="upper left", ncols=3, frameon=False, fontsize=12)


def blank_figure() -> Figure:
    """An empty figure of WIDTH_PX × HEIGHT_PX pixels on its own Agg canvas."""
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def draw_chart(series: DailySeries, lang: str) -> Figure:
    """The chart of `series` as a figure of WIDTH_PX × HEIGHT_PX pixels, texts in `lang`."""
    figure = blank_figure()
    figure.subplots_adjust(left=0.08, right=0.98, top=0.84, bottom=0.12)
    plot_series(figure.add_subplot(), series, lang)
    name = category_name(series.key, lang)
    figure.text(0.08, 0.93, text(lang, "chart-title", name=name), fontsize=20, weight="bold")
    dates = date_range(series.first_day, series.last_day, lang)
    figure.text(0.08, 0.875, text(lang, "chart-dates", dates=dates), fontsize=13)
    figure.text(0.08, 0.02, text(lang, "chart-source"), fontsize=9, color=NOTE_COLOUR)
    return figure


def png_of(figure: Figure) -> bytes:
    """`figure` encoded as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=DPI,
        metadata={"Software": None},
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    return buffer.getvalue()


def render_chart(series: DailySeries, lang: str) -> bytes:
    """The chart of `series` as PNG bytes."""
    return png_of(draw_chart(series, lang))


def cache_key(history: History, request: ChartRequest, lang: str) -> CacheKey:
    language = translator().language(lang)
    return (request.category, request.period, language, history)


def chart(
    history: History,
    book: RecordBook,
    request: ChartRequest,
    lang: str,
    cache: ChartCache = CHARTS,
) -> Chart:
    """The chart `request` asks for, from the cache or drawn now (blocking: see `chart_image`).

    Raises the query errors of `chart_request.period_bounds` (a month outside the history …).
    """

    def draw() -> Chart:
        series = chart_series(history, request.category, request.period, book)
        return Chart(render_chart(series, lang), series)

    return drawn_once(cache_key(history, request, lang), draw, cache)


async def chart_image(
    history: History,
    book: RecordBook,
    request: ChartRequest,
    lang: str,
    cache: ChartCache = CHARTS,
) -> Chart:
    """`chart(...)` for the event loop: a cached chart at once, a new one drawn in a thread."""
    found = cache.get(cache_key(history, request, lang))
    if found is not None:
        return found
    return await asyncio.to_thread(chart, history, book, request, lang, cache)
