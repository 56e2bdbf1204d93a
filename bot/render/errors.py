"""Query errors worded for people: what is wrong, then a correct example to copy.

The example uses the command that was asked (`/since`, `/day` …) and, where the error knows one,
a date that works: the first report for a date too early, the latest for a date too late.
"""

from __future__ import annotations

import html
from datetime import date

from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NoReportsInMonth,
    NotADate,
    NothingSince,
    QueryError,
)
from bot.render.formatting import long_date, month_name
from bot.render.i18n import text

SAMPLE_DATE = date(2024, 10, 20)


def example(command: str, lang: str, day: date = SAMPLE_DATE) -> str:
    """`<code>/since 2024-10-20</code> or <code>/since 20.10.2024</code>`."""
    return text(
        lang,
        "errors-example",
        command=html.escape(command),
        iso=day.isoformat(),
        dotted=day.strftime("%d.%m.%Y"),
    )


def no_data(lang: str) -> str:
    """The store is still empty: the history is being loaded."""
    return text(lang, "errors-no-data")


def query_error(error: QueryError, lang: str, *, command: str = "/since") -> str:
    """Why the question about `command` cannot be answered, with an example that works."""
    match error:
        case EmptyHistory():
            return no_data(lang)
        case NotADate(raw=raw) if not raw.strip():
            return text(lang, "errors-missing-date", example=example(command, lang))
        case NotADate(raw=raw):
            return text(
                lang, "errors-not-a-date", raw=html.escape(raw), example=example(command, lang)
            )
        case ImpossibleDate(raw=raw):
            return text(
                lang, "errors-impossible-date", raw=html.escape(raw), example=example(command, lang)
            )
        case BeforeFirstReport(first=first):
            return text(
                lang,
                "errors-before-first-report",
                first=long_date(first, lang),
                example=example(command, lang, first),
            )
        case InTheFuture(date=day, latest=latest):
            return text(
                lang,
                "errors-in-the-future",
                date=long_date(day, lang),
                latest=long_date(latest, lang),
                example=example(command, lang, latest),
            )
        case NoReportFor(date=day):
            return text(
                lang,
                "errors-no-report-for",
                date=long_date(day, lang),
                example=example(command, lang),
            )
        case NothingSince(latest=latest, earlier=earlier):
            return text(
                lang,
                "errors-nothing-since",
                latest=long_date(latest, lang),
                example=example(command, lang, earlier),
            )
        case NoReportsInMonth(year=year, month=month):
            return text(
                lang,
                "errors-no-reports-in-month",
                month=month_name(year, month, lang, capital=False),
                command=html.escape(command),
                sample=SAMPLE_DATE.strftime("%Y-%m"),
            )
    return text(lang, "errors-query", example=example(command, lang))
