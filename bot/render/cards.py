"""The picture card of a daily post: the day's personnel figure above its last 30 days.

A chat that asks for it (`ChatSettings.picture_card`) gets its daily post as this picture, with
the post's text as the caption. The card shows the report's date and day of the war, the day's
personnel losses (the published change, so never a recount) and the total, and below them the
30-day chart of the daily figures, their 7-day average and the record days. Every chat of one
language gets the same card, so it is drawn once per (report, language, figures snapshot).
"""

from __future__ import annotations

import asyncio
import html
import re
from datetime import date, timedelta

from matplotlib.figure import Figure

from bot.domain.categories import PERSONNEL
from bot.domain.chart_request import DateRange
from bot.domain.dates import report_on
from bot.domain.history import History
from bot.domain.records import RecordBook
from bot.domain.series import DailySeries, daily_series
from bot.render.charts import (
    AVERAGE_COLOUR,
    NOTE_COLOUR,
    NOTE_PT,
    TEXT_PT,
    TITLE_PT,
    WIDTH_IN,
    add_legend,
    blank_figure,
    plot_series,
    png_of,
)
from bot.render.formatting import category_name, long_date, signed, total
from bot.render.i18n import text, translator
from bot.render.picture_cache import CacheKey, Chart, ChartCache, drawn_once

CARD_DAYS = 30
CARD_HEIGHT_IN = 5.0
"""A square (1080 × 1080 pixels): the headline above a chart as tall as a chart's."""
HEADLINE_PT = 34.0
CAPTION_LIMIT = 1024
"""Telegram's longest photo caption, in characters (UTF-16 code units) once markup is parsed."""
CARDS = ChartCache(size=8)
"""A card per language for the newest report or two is all a broadcast asks for."""

_TAG = re.compile(r"<[^>]*>")


def card_series(history: History, book: RecordBook, report_date: date) -> DailySeries:
    """Personnel over the 30 days ending on the report of `report_date` (raises `QueryError`s of
    `report_on` when there is no such report)."""
    report_on(history, report_date)
    first_day = max(report_date - timedelta(days=CARD_DAYS - 1), history.first.date)
    return daily_series(history, PERSONNEL, first_day, report_date, book)


def _headline(series: DailySeries, history: History, report_date: date, lang: str) -> list[str]:
    """The big figure and the words under it."""
    found = history.daily(report_date).report.totals.get(PERSONNEL)
    point = series.point(report_date)
    if point is None or point.losses is None or found is None:
        shown = "—" if found is None else total(PERSONNEL, found, lang)
        return [shown, text(lang, "card-personnel-total")]
    record = any(entry.date == report_date for entry in series.records)
    words = "card-personnel-record" if record else "card-personnel-day"
    return [signed(point.losses, lang), text(lang, words, total=total(PERSONNEL, found, lang))]


def draw_card(series: DailySeries, history: History, report_date: date, lang: str) -> Figure:
    """The card of the report of `report_date` in `lang`, drawn from its `card_series`: a square
    laid out for a phone like the charts (`bot.render.charts`), its texts as large."""
    figure = blank_figure(WIDTH_IN, CARD_HEIGHT_IN)
    figure.subplots_adjust(left=0.13, right=0.97, top=0.5, bottom=0.12)
    axes = figure.add_subplot()
    legend = plot_series(axes, series, lang)
    title = text(lang, "card-title", date=long_date(report_date, lang))
    figure.text(0.02, 0.965, title, fontsize=TITLE_PT, weight="bold", va="top")
    war_day = text(lang, "card-war-day", day=history.daily(report_date).report.day)
    figure.text(0.02, 0.905, war_day, fontsize=TEXT_PT, va="top")
    headline, words = _headline(series, history, report_date, lang)
    figure.text(
        0.02, 0.84, headline, fontsize=HEADLINE_PT, weight="bold", color=AVERAGE_COLOUR, va="top"
    )
    figure.text(0.02, 0.72, words, fontsize=TEXT_PT, va="top")
    chart_name = text(lang, "card-chart", name=html.unescape(category_name(PERSONNEL, lang)))
    figure.text(0.02, 0.65, chart_name, fontsize=NOTE_PT, color=NOTE_COLOUR, va="top")
    add_legend(figure, axes, legend, 0.595)
    figure.text(0.02, 0.02, text(lang, "chart-source"), fontsize=NOTE_PT, color=NOTE_COLOUR)
    return figure


def _drawn(history: History, book: RecordBook, report_date: date, lang: str) -> Chart:
    series = card_series(history, book, report_date)
    return Chart(png_of(draw_card(series, history, report_date, lang)), series)


def _key(history: History, report_date: date, lang: str) -> CacheKey:
    period = DateRange(report_date - timedelta(days=CARD_DAYS - 1), report_date)
    return ("card", period, translator().language(lang), history)


def daily_card(
    history: History, book: RecordBook, report_date: date, lang: str, cache: ChartCache = CARDS
) -> bytes:
    """The card as PNG bytes, from the cache or drawn now (blocking: see `daily_card_image`)."""
    return drawn_once(
        _key(history, report_date, lang),
        lambda: _drawn(history, book, report_date, lang),
        cache,
    ).png


async def daily_card_image(
    history: History, book: RecordBook, report_date: date, lang: str, cache: ChartCache = CARDS
) -> bytes:
    """`daily_card(...)` for the event loop: a cached card at once, a new one drawn in a thread."""
    found = cache.get(_key(history, report_date, lang))
    if found is not None:
        return found.png
    return await asyncio.to_thread(daily_card, history, book, report_date, lang, cache)


def fits_caption(post: str) -> bool:
    """Whether the Telegram-HTML `post` is short enough to be the card's caption (else the post
    goes as text alone)."""
    shown = html.unescape(_TAG.sub("", post))
    return len(shown.encode("utf-16-le")) // 2 <= CAPTION_LIMIT
