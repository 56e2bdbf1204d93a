"""Texts for /week, /month and the digests: a period's daily figures beside earlier periods.

Each line is the sum of the category's published daily figures over the period and their average
a day (the rule of daily figures, the same as the period's chart: `periods.daily_figures`);
below it, the average a day of the period before and of the same period a year earlier, with the
change in per cent (averages compare periods of different lengths fairly). What the General Staff
corrected in the totals is one line at the end, never counted as losses; the text says the rule.
Errors about a month answer with a month.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from babel.dates import format_date

from bot.domain.categories import category
from bot.domain.digests import (
    Comparison,
    NoReportsInWeek,
    NotAMonth,
    PeriodKind,
    PeriodSummary,
)
from bot.domain.errors import BeforeFirstReport, InTheFuture, QueryError
from bot.domain.periods import CategoryFigures
from bot.render.answers import delta_lines, in_order
from bot.render.errors import query_error
from bot.render.formatting import (
    average,
    category_label,
    inline_name,
    locale,
    long_date,
    month_name,
    number,
    percent,
    signed,
)
from bot.render.i18n import text

PARTS_SEPARATOR = " · "
SAMPLE_MONTH = "2024-10"
PERCENT_FROM = 1.0
"""A change in per cent only against at least one a day: 0.1 → 4.5 a day is not "+4,400%"."""


def date_range(first: date, last: date, lang: str) -> str:
    """`3–9 August 2026`, `27 July – 2 August 2026`, `29 December 2025 – 4 January 2026`."""
    if first == last:
        return long_date(first, lang)
    if first.year != last.year:
        return f"{long_date(first, lang)} – {long_date(last, lang)}"
    if first.month == last.month:
        return f"{first.day}–{long_date(last, lang)}"
    start = str(format_date(first, "d MMMM", locale=locale(lang)))
    return f"{start} – {long_date(last, lang)}"


def _title(summary: PeriodSummary, lang: str) -> str:
    period = summary.period
    if period.kind is PeriodKind.WEEK:
        dates = date_range(period.first_day, period.last_day, lang)
        return text(lang, "periods-week-title", dates=dates, days=summary.days)
    month = month_name(period.first_day.year, period.first_day.month, lang)
    return text(lang, "periods-month-title", month=month, days=summary.days)


def _versus(comparison: Comparison, key: str, lang: str) -> str | None:
    """`↳ week before: 1,447 (−14%) · a year earlier: 1,016 (+23%)`, or None if all are nil."""
    before = "periods-versus-week"
    if comparison.current.period.kind is PeriodKind.MONTH:
        before = "periods-versus-month"
    others = ((before, comparison.previous), ("periods-versus-year", comparison.year_earlier))
    parts: list[str] = []
    for message, other in others:
        mean = None if other is None else other.daily_average(key)
        if mean is None or mean < 0:
            continue
        part = text(lang, message, average=average(mean, lang))
        share = comparison.average_change(key, other)
        if share is not None and mean >= PERCENT_FROM:
            part = text(lang, "periods-versus-percent", versus=part, percent=percent(share, lang))
        parts.append(part)
    return text(lang, "periods-versus", parts=PARTS_SEPARATOR.join(parts)) if parts else None


def period_text(comparison: Comparison, lang: str) -> str:
    """/week or /month: each category's daily figures summed and averaged, beside the earlier
    periods; the totals' corrections in one line; the rule said at the end."""
    current = comparison.current
    head = [_title(current, lang)]
    if not current.complete:
        head.append(text(lang, "periods-incomplete", end=long_date(current.change.end.date, lang)))
    if current.from_first_report:
        head.append(
            text(lang, "periods-first-report", date=long_date(current.change.start.date, lang))
        )
    lines: list[str] = []
    for delta in in_order(current.change):
        figures = current.figures.get(delta.key)
        if figures is None or delta.end_total is None:
            lines.extend(delta_lines(delta, lang))
            continue
        if category(delta.key).frozen and not (figures.losses or figures.corrections):
            continue
        lines.extend(_category_lines(comparison, figures, lang))
    body = ["\n".join(head), "\n".join(lines)]
    corrected = [
        (key, found.corrections) for key, found in current.figures.items() if found.corrections
    ]
    if corrected:
        parts = ", ".join(
            f"{inline_name(key, lang)} {signed(moved, lang)}" for key, moved in corrected
        )
        body.append(text(lang, "periods-corrections", count=len(corrected), corrections=parts))
    body.append(text(lang, "periods-note"))
    return "\n\n".join(body)


def _category_lines(comparison: Comparison, figures: CategoryFigures, lang: str) -> list[str]:
    label = category_label(figures.key, lang)
    mean = figures.average
    if not figures.losses or mean is None:
        lines = [text(lang, "periods-line-none", label=label)]
    else:
        change, mean_text = signed(figures.losses, lang), average(mean, lang)
        lines = [text(lang, "periods-line", label=label, change=change, average=mean_text)]
        versus = _versus(comparison, figures.key, lang)
        if versus is not None:
            lines.append(versus)
    if figures.first_value is not None:
        day, first = figures.first_value
        lines.append(
            text(lang, "period-appeared", date=long_date(day, lang), total=number(first, lang))
        )
    return lines


def digest_text(comparison: Comparison, lang: str) -> str:
    """The digest of a week or month: a heading above the period's text (the chart goes along)."""
    kind = comparison.current.period.kind
    heading = "periods-digest-week" if kind is PeriodKind.WEEK else "periods-digest-month"
    return f"{text(lang, heading)}\n{period_text(comparison, lang)}"


def month_error(error: QueryError, lang: str, *, command: str = "/month") -> str:
    """Why a month (or week) cannot be answered, with a month that works as the example."""
    match error:
        case NotAMonth(raw=raw):
            return text(
                lang,
                "periods-errors-not-a-month",
                raw=html.escape(raw),
                command=html.escape(command),
                sample=SAMPLE_MONTH,
            )
        case BeforeFirstReport(first=first):
            return text(
                lang,
                "periods-errors-before-first-report",
                first=long_date(first, lang),
                command=html.escape(command),
                sample=first.strftime("%Y-%m"),
            )
        case InTheFuture(date=day, latest=latest):
            return text(
                lang,
                "periods-errors-in-the-future",
                month=month_name(day.year, day.month, lang, capital=False),
                latest=long_date(latest, lang),
                command=html.escape(command),
                sample=latest.strftime("%Y-%m"),
            )
        case NoReportsInWeek(first_day=first_day):
            dates = date_range(first_day, first_day + timedelta(days=6), lang)
            return text(lang, "periods-errors-no-reports-in-week", dates=dates)
    return query_error(error, lang, command=command)
