"""Charts of a category's daily series: a PNG drawn for a phone with matplotlib's Figure API.

A picture in Telegram is shown about as wide as the phone, 360 dp on most of them. The figure is
laid out at that width in points (5 inches, 360 pt) and rendered at `DPI` for a 1080-pixel PNG,
so a font of N points reads as about N dp: every text is at least `MIN_TEXT_PT` (the tests check
each one against the PNG's size, and that none leaves the canvas). Ticks are evenly spaced
(weeks, months or years, never one at an edge where its label would be cut), the period before
the records' baseline (early-war estimates) is shaded on the charts that reach it.

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
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta

from babel.dates import format_date
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from bot.domain.chart_request import ChartRequest
from bot.domain.history import History
from bot.domain.inputs import months_back
from bot.domain.records import RecordBook
from bot.domain.series import DailySeries, chart_series
from bot.render.formatting import category_name, locale, long_date, number
from bot.render.i18n import text, translator
from bot.render.periods import date_range
from bot.render.picture_cache import CHARTS, CacheKey, Chart, ChartCache, drawn_once

__all__ = ["Chart", "ChartCache", "chart", "chart_image", "draw_chart", "render_chart"]

PHONE_WIDTH_DP = 360
"""How wide a phone shows a picture: most phones are 360 dp wide."""
WIDTH_IN, HEIGHT_IN = 5.0, 3.75
"""360 × 270 points: a point of text reads as a dp on a phone (4:3, Telegram's usual shape)."""
DPI = 216
"""1080 × 810 pixels: sharp on a 3× phone screen."""
TITLE_PT, TEXT_PT, NOTE_PT = 15.0, 11.0, 10.0
MIN_TEXT_PT = NOTE_PT
"""The smallest text on a picture: about 10 dp on a phone, the size of its own small print."""
BARS_UP_TO = 120
"""Days drawn as bars; beyond this a bar is under a pixel wide and a thin line reads better."""
BAR_WIDTH = 0.8
"""Of a day; the rest is the gap between bars."""
PNG_COMPRESSION = 1
"""zlib level: 1 encodes several times faster than the default 6 for a slightly larger file."""
HEADROOM = 1.06
"""The y axis reaches this far above the highest bar."""
EDGE_SHARE = 0.07
"""No tick this close (a share of the period) to either end: its label would be cut or crowded."""
DAILY_COLOUR, AVERAGE_COLOUR, RECORD_COLOUR, NOTE_COLOUR = "#8fb3d9", "#1f4e79", "#d4a017", "#555"
ESTIMATES_COLOUR = "#dddddd"

# matplotlib.dates is not annotated; these typed names keep the calls below checked.
_day_number: Callable[[date], float] = mdates.date2num
_number_day: Callable[[float], datetime] = mdates.num2date


def _positions(days: Iterable[date], first_day: date) -> list[float]:
    """matplotlib's numbers for `days`: one conversion, then whole days (date2num is slow)."""
    origin = _day_number(first_day)
    return [origin + (day - first_day).days for day in days]


def tick_days(first_day: date, last_day: date) -> tuple[list[date], str]:
    """Evenly spaced tick days for a period and their Babel pattern.

    Every day or two up to 10 days; Mondays every week or two up to 100 days; the 1st of every
    1, 2 or 3 months up to 13 months; the 1st of January (of July too, for two years or less)
    beyond. Beyond 10 days, no tick within `EDGE_SHARE` of an end.
    """
    span = (last_day - first_day).days + 1
    margin = timedelta(days=math.ceil(span * EDGE_SHARE))
    low, high = first_day + margin, last_day - margin
    if span <= 10:
        step = 1 if span <= 5 else 2
        days = [first_day + timedelta(days=n) for n in range(0, span, step)]
        return days, "d MMM"
    if span <= 100:
        step = 7 if span <= 45 else 14
        monday = low + timedelta(days=-low.weekday() % 7)
        days = [monday + timedelta(days=step * n) for n in range(span // step + 2)]
        pattern = "d MMM"
    elif span <= 400:
        months = 1 if span <= 130 else 2 if span <= 250 else 3
        days = _month_starts(low, high, months)
        pattern = "LLL" if months == 1 else "LLL y"
    else:
        days = _month_starts(low, high, 6 if span <= 730 else 12)
        pattern = "LLL y" if span <= 730 else "y"
    return [day for day in days if low <= day <= high], pattern


def _month_starts(low: date, high: date, every: int) -> list[date]:
    """The 1sts of every `every`-th month (counted from January) between `low` and `high`."""
    first = date(low.year, 1, 1)
    days = [first]
    while days[-1] <= high:
        days.append(months_back(days[-1], -every))
    return [day for day in days if day >= low]


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
    axes.plot(days, values, color=DAILY_COLOUR, linewidth=0.8, label=label)


def _style_axes(axes: Axes, series: DailySeries, lang: str) -> None:
    ticks, pattern = tick_days(series.first_day, series.last_day)
    axes.xaxis.set_major_locator(FixedLocator(_positions(ticks, series.first_day)))
    shown = locale(lang)
    axes.xaxis.set_major_formatter(
        FuncFormatter(
            lambda value, _: str(format_date(_number_day(value).date(), pattern, locale=shown))
        )
    )
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, min_n_ticks=2))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value), lang)))
    left, right = _positions((series.first_day, series.last_day), series.first_day)
    axes.set_xlim(left - 0.6, right + 0.6)
    highest = max((point.losses or 0 for point in series.points), default=0)
    axes.set_ylim(0, max(highest, 1) * HEADROOM)
    axes.grid(axis="y", color="#ddd", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=TEXT_PT, length=3, pad=2)


def _shade_estimates(axes: Axes, series: DailySeries, lang: str) -> str | None:
    """Shades the days before the records' baseline; the legend's words for it, if drawn."""
    if not series.before_baseline or series.baseline is None:
        return None
    start, end = _positions((series.first_day, series.baseline), series.first_day)
    words = text(lang, "chart-legend-estimates", date=long_date(series.baseline, lang))
    axes.axvspan(start - 0.6, end - 0.5, color=ESTIMATES_COLOUR, zorder=0, label=words)
    return words


def plot_series(axes: Axes, series: DailySeries, lang: str) -> list[str]:
    """Daily figures, their 7-day average and record days on `axes`; the legend's words."""
    legend = [text(lang, key) for key in ("chart-legend-daily", "chart-legend-average")]
    _plot_daily(axes, series, legend[0])
    days = _positions(series.dates, series.first_day)
    averages = [math.nan if point.average is None else point.average for point in series.points]
    axes.plot(days, averages, color=AVERAGE_COLOUR, linewidth=1.6, label=legend[1])
    if series.records:
        legend.append(text(lang, "chart-legend-record"))
        axes.scatter(
            _positions((entry.date for entry in series.records), series.first_day),
            [entry.value for entry in series.records],
            marker="*",
            s=70,
            color=RECORD_COLOUR,
            edgecolors=AVERAGE_COLOUR,
            linewidths=0.4,
            zorder=3,
            label=legend[-1],
        )
    estimates = _shade_estimates(axes, series, lang)
    if estimates is not None:
        legend.append(estimates)
    _style_axes(axes, series, lang)
    return legend


def add_legend(figure: Figure, axes: Axes, legend: Sequence[str], top: float) -> None:
    """The legend in rows of two above the axes, its top at `top` (a share of the height)."""
    handles, labels = axes.get_legend_handles_labels()
    by_label = dict(zip(labels, handles, strict=True))
    shown = [by_label.get(label) or Patch(color=ESTIMATES_COLOUR) for label in legend]
    figure.legend(
        shown,
        list(legend),
        loc="upper left",
        bbox_to_anchor=(0.02, top),
        ncols=2,
        frameon=False,
        fontsize=NOTE_PT,
        handlelength=1.2,
        columnspacing=1.0,
        borderaxespad=0,
        borderpad=0,
    )


def blank_figure(width: float = WIDTH_IN, height: float = HEIGHT_IN) -> Figure:
    """An empty figure of `width` × `height` inches at `DPI`, on its own Agg canvas."""
    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def draw_chart(series: DailySeries, lang: str) -> Figure:
    """The chart of `series` as a phone-sized figure, texts in `lang`."""
    figure = blank_figure()
    rows = 1 if len(_legend_size(series)) <= 2 else 2
    top = 0.70 if rows == 1 else 0.64
    figure.subplots_adjust(left=0.13, right=0.97, top=top, bottom=0.16)
    axes = figure.add_subplot()
    legend = plot_series(axes, series, lang)
    name = category_name(series.key, lang)
    figure.text(0.02, 0.955, name, fontsize=TITLE_PT, weight="bold", va="top")
    dates = date_range(series.first_day, series.last_day, lang)
    figure.text(0.02, 0.875, text(lang, "chart-dates", dates=dates), fontsize=TEXT_PT, va="top")
    add_legend(figure, axes, legend, 0.80)
    figure.text(0.02, 0.025, text(lang, "chart-source"), fontsize=NOTE_PT, color=NOTE_COLOUR)
    return figure


def _legend_size(series: DailySeries) -> list[bool]:
    """One entry per legend line: daily, average, records, estimates."""
    return [True, True, *([True] if series.records else []), *([True] * series.before_baseline)]


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
    A series without a single day's losses is not drawn: its `png` is empty (say so in words).
    """

    def draw() -> Chart:
        series = chart_series(history, request.category, request.period, book)
        return Chart(render_chart(series, lang) if series.has_losses else b"", series)

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
