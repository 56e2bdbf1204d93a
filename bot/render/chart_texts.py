"""The words around a chart: its caption, and why a `/chart` request cannot be drawn.

The caption sums up what the picture shows: the average of the daily figures drawn (published
changes, holes left out), the highest one and the number of record days in the period.
"""

from __future__ import annotations

import html

from bot.domain.changes import ChangeKind
from bot.domain.chart_request import NotAPeriod, TooManyArguments, UnknownCategory
from bot.domain.errors import QueryError
from bot.domain.history import History
from bot.domain.series import DailySeries
from bot.render.formatting import average, category_label, long_date, number, total
from bot.render.i18n import text, translator
from bot.render.periods import date_range, month_error
from bot.render.vocabulary import category_names


def chart_caption(series: DailySeries, lang: str) -> str:
    """`<b>🪖 Personnel</b> · 1–30 November 2024`, the average and peak, the record days."""
    lines = [chart_caption_title(series, lang)]
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


def nothing_to_draw(series: DailySeries, history: History, lang: str) -> str:
    """Why a category's chart over a period is words: not reported then, or no losses."""
    title = chart_caption_title(series, lang)
    if all(point.kind is ChangeKind.NOT_REPORTED for point in series.points):
        return f"{title}\n{text(lang, 'chart-not-reported')}"
    last_report = history.get(series.last_day)
    found = None if last_report is None else last_report.totals.get(series.key)
    shown = "—" if found is None else total(series.key, found, lang)
    whole_war = text(lang, "input-whole-war").split(",")[0].strip()
    example = html.escape(f"/chart {short_name(series.key, lang)} {whole_war}")
    return f"{title}\n{text(lang, 'chart-no-losses', total=shown, example=example)}"


def category_list(lang: str) -> str:
    """The categories as the bot shows them, the way /help and the error list them."""
    return ", ".join(category_names(lang))


def help_text(lang: str) -> str:
    """/help: the commands, the forms of dates and periods, the categories."""
    return text(lang, "help-text", categories=category_list(lang))


def short_name(key: str, lang: str) -> str:
    """The shortest name `/chart` takes for `key` in `lang` (its first `.names`), else the key."""
    names = translator().attribute(lang, f"category-{key}", "names") or ""
    first = names.split(",")[0].strip()
    return first or key


def chart_caption_title(series: DailySeries, lang: str) -> str:
    dates = date_range(series.first_day, series.last_day, lang)
    return text(lang, "chart-caption-title", label=category_label(series.key, lang), dates=dates)


def chart_error(error: QueryError, lang: str) -> str:
    """Why `/chart` cannot draw what was asked, with an example that works."""
    match error:
        case UnknownCategory(raw=raw):
            return text(
                lang,
                "chart-errors-unknown-category",
                raw=html.escape(raw),
                categories=category_list(lang),
            )
        case NotAPeriod(raw=raw):
            return text(lang, "chart-errors-not-a-period", raw=html.escape(raw))
        case TooManyArguments(extra=extra):
            return text(lang, "chart-errors-too-many", extra=html.escape(extra))
    return month_error(error, lang, command="/chart")
