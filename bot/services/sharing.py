"""Charts, weeks, months and digests as the bot sends them, from one snapshot of the figures.

Each answer parses its argument with the domain's parser, computes on the snapshot and renders in
the reader's language; a typed query error becomes a short reply with an example (a `str` where a
picture was asked for). Charts are drawn off the event loop and cached per snapshot.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from bot.domain.categories import PERSONNEL
from bot.domain.chart_request import ChartRequest, calendar_chart_period, parse_chart_request
from bot.domain.dates import parse_date, report_on
from bot.domain.digests import (
    CalendarPeriod,
    NoReportsInWeek,
    NotADigest,
    compare,
    latest_digest_period,
    month_of,
    parse_digest_kind,
    parse_month,
    week_of,
)
from bot.domain.errors import EmptyHistory, QueryError
from bot.render.chart_texts import chart_caption, chart_error, nothing_to_draw
from bot.render.errors import query_error
from bot.render.i18n import text
from bot.render.periods import digest_text, month_error, period_text
from bot.render.vocabulary import vocabulary
from bot.services.figures import Figures

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Picture:
    """A PNG and its caption (Telegram HTML)."""

    png: bytes
    caption: str


@dataclass(frozen=True, slots=True)
class Digest:
    """A week's or month's digest: its text, then its personnel chart."""

    text: str
    picture: Picture | None


async def chart_answer(figures: Figures, args: Sequence[str], lang: str) -> Picture | str:
    """`/chart [category] [period]`: the chart with its caption, or why it cannot be drawn."""
    history = figures.history
    known = history.latest.totals.keys() if history else ()
    try:
        request = parse_chart_request(args, vocabulary(), known=known)
        drawn = await _charts().chart_image(history, figures.records, request, lang)
    except QueryError as error:
        return chart_error(error, lang)
    if not drawn.png:
        return nothing_to_draw(drawn.series, history, lang)
    return Picture(drawn.png, chart_caption(drawn.series, lang))


async def card_answer(figures: Figures, raw_date: str, lang: str, today: date) -> Picture | str:
    """The picture card of a report (what the 📈 button and a card chat get), or why not."""
    try:
        day = report_on(figures.history, parse_date(raw_date, vocabulary(), today)).date
        png = await _cards().daily_card_image(figures.history, figures.records, day, lang)
    except QueryError as error:
        return query_error(error, lang, command="/day")
    series = _cards().card_series(figures.history, figures.records, day)
    return Picture(png, chart_caption(series, lang))


def week_answer(figures: Figures, raw_date: str, lang: str, today: date) -> str:
    """`/week [DATE]`: the ISO week of DATE (of the latest report without one), compared."""
    try:
        if raw_date.strip():
            day = parse_date(raw_date, vocabulary(), today)
        else:
            day = figures.history.latest.date
        return period_text(compare(figures.history, week_of(day)), lang)
    except NoReportsInWeek as error:
        return month_error(error, lang, command="/week")
    except QueryError as error:
        return query_error(error, lang, command="/week")


def month_answer(figures: Figures, raw_month: str, lang: str, today: date) -> str:
    """`/month [YYYY-MM]`: the month (of the latest report without one), compared."""
    try:
        if raw_month.strip():
            year, month = parse_month(raw_month, vocabulary(), today)
        else:
            latest = figures.history.latest.date
            year, month = latest.year, latest.month
        return period_text(compare(figures.history, month_of(year, month)), lang)
    except QueryError as error:
        return month_error(error, lang, command="/month")


async def digest(figures: Figures, period: CalendarPeriod, lang: str) -> Digest | None:
    """The digest of a week or month, or None when the history does not reach it."""
    try:
        comparison = compare(figures.history, period)
        request = ChartRequest(PERSONNEL, calendar_chart_period(period))
        drawn = await _charts().chart_image(figures.history, figures.records, request, lang)
    except QueryError as error:
        log.warning("no %s digest of %s: %r", period.kind, period.first_day, error)
        return None
    picture = Picture(drawn.png, chart_caption(drawn.series, lang)) if drawn.png else None
    return Digest(digest_text(comparison, lang), picture)


async def latest_digest(figures: Figures, raw_kind: str, lang: str) -> Digest | str:
    """`/digest [week|month]`: the latest digest of that kind, or why there is none."""
    try:
        kind = parse_digest_kind(raw_kind, vocabulary())
        period = latest_digest_period(figures.history, kind)
    except NotADigest as error:
        return text(lang, "periods-errors-not-a-digest", raw=html.escape(error.raw))
    except QueryError as error:
        return query_error(error, lang, command="/digest")
    found = await digest(figures, period, lang)
    return found if found is not None else query_error(EmptyHistory(), lang, command="/digest")


def _charts() -> ModuleType:
    """`bot.render.charts`, imported on first use: it loads matplotlib (some 40 MB of memory)."""
    import bot.render.charts

    return bot.render.charts


def _cards() -> ModuleType:
    """`bot.render.cards`, imported on first use (it loads matplotlib too)."""
    import bot.render.cards

    return bot.render.cards
