"""The words around a chart: its caption, and why a `/chart` request cannot be drawn.

The caption sums up what the picture shows: the average of the daily figures drawn (published
changes, holes left out), the highest one and the number of record days in the period.
"""

from __future__ import annotations

import html

from bot.domain.chart_request import NotAPeriod, TooManyArguments, UnknownCategory
from bot.domain.errors import QueryError
from bot.domain.series import DailySeries
from bot.render.formatting import average, category_label, long_date, number
from bot.render.i18n import text
from bot.render.periods import date_range, month_error


def chart_caption(series: DailySeries, lang: str) -> str:
    """`<b>🪖 Personnel</b> · 1–30 November 2024`, the average and peak, the record days."""
    dates = date_range(series.first_day, series.last_day, lang)
    lines = [text(lang, "chart-caption-title", label=category_label(series.key, lang), dates=dates)]
    drawn = [losses for losses in series.losses if losses is not None]
    peak = series.peak()
    if not drawn or peak is None or peak.losses is None:
        lines.append(text(lang, "chart-caption-empty"))
        return "\n".join(lines)
    lines.append(
        text(
            lang,
            "chart-caption-average",
            average=average(sum(drawn) / len(drawn), lang),
            peak=number(peak.losses, lang),
            date=long_date(peak.date, lang),
        )
    )
    if series.records:
        lines.append(text(lang, "chart-caption-records", count=len(series.records)))
    return "\n".join(lines)


def chart_error(error: QueryError, lang: str) -> str:
    """Why `/chart` cannot draw what was asked, with an example that works."""
    match error:
        case UnknownCategory(raw=raw):
            return text(lang, "chart-errors-unknown-category", raw=html.escape(raw))
        case NotAPeriod(raw=raw):
            return text(lang, "chart-errors-not-a-period", raw=html.escape(raw))
        case TooManyArguments(extra=extra):
            return text(lang, "chart-errors-too-many", extra=html.escape(extra))
    return month_error(error, lang, command="/chart")
