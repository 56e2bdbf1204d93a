"""Dates typed by people, and the checks that place them in the history.

People write `2025-02-28`, `28.02.2025`, `28/02/2025`, `28.02.25`, `28 February 2025`,
`28 лютого 2025`, `February 28`, or a day relative to today: `today`, `yesterday`, `вчора`, `7d`,
`2 weeks ago`, `1y` (months and years by the calendar). The words come from a `Vocabulary`;
today from the caller (the bot's clock in its time zone). Each failure is a typed error from
`bot.domain.errors`, so that renderers can word it; nothing else is ever raised.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NotADate,
)
from bot.domain.history import History
from bot.domain.inputs import NO_WORDS, Vocabulary, back_from, count_and_unit, normalised
from bot.domain.reports import Report

# [0-9], not \d: \d also matches other scripts' digits, which int() would quietly accept.
_ISO = re.compile(r"([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_DAY = r"([0-9]{1,2})(?:st|nd|rd|th| го)?"
_DAY_MONTH = re.compile(_DAY + r" ([^\W\d_]+)(?: ([0-9]{4}))?")
_MONTH_DAY = re.compile(r"([^\W\d_]+) " + _DAY + r"(?: ([0-9]{4}))?")
CENTURY = 2000
"""Two-digit years are of this century: `28.02.25` is 2025."""


def parse_date(raw: str, words: Vocabulary = NO_WORDS, today: date | None = None) -> date:
    """The date `raw` names (surrounding spaces ignored); see the module's docstring.

    Without `today`, relative forms and dates without a year are not dates.
    """
    text = raw.strip()
    try:
        found = _numeric(text) or _named(normalised(text), words, today)
        if found is None:
            found = _relative(normalised(text), words, today)
    except (ValueError, OverflowError):
        raise ImpossibleDate(raw) from None
    if found is None:
        raise NotADate(raw)
    return found


def _numeric(text: str) -> date | None:
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        return date(int(year), int(month), int(day))
    if match := _NUMERIC.fullmatch(text):
        day, _, month, year = match.groups()
        full_year = int(year) + (CENTURY if len(year) == 2 else 0)
        return date(full_year, int(month), int(day))
    return None


def _named(phrase: str, words: Vocabulary, today: date | None) -> date | None:
    """`28 february 2025`, `28 лютого`, `february 28 2025` (a month from the vocabulary)."""
    if match := _DAY_MONTH.fullmatch(phrase):
        day, name, year = match.groups()
    elif match := _MONTH_DAY.fullmatch(phrase):
        name, day, year = match.groups()
    else:
        return None
    month = words.months.get(name)
    if month is None:
        return None
    if year is not None:
        return date(int(year), month, int(day))
    if today is None:
        return None
    # The latest such day up to today: in February, "28 December" is last December, and
    # "29 February" the last leap year's.
    for year in range(today.year, today.year - 8, -1):
        try:
            candidate = date(year, month, int(day))
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError(f"no day {day} of month {month} up to {today}")


def _relative(phrase: str, words: Vocabulary, today: date | None) -> date | None:
    """`today`, `вчора`, `7d`, `2 weeks ago`, `1y` counted back from `today`."""
    if today is None:
        return None
    if phrase in words.days_ago:
        return today - timedelta(days=words.days_ago[phrase])
    counted = count_and_unit(phrase, words)
    return None if counted is None else back_from(today, *counted)


def check_within(history: History, day: date) -> None:
    """Raise unless `day` lies between the first and the latest report (both included)."""
    if not history:
        raise EmptyHistory
    if day < history.first.date:
        raise BeforeFirstReport(day, history.first.date)
    if day > history.latest.date:
        raise InTheFuture(day, history.latest.date)


def report_on(history: History, day: date) -> Report:
    """The report of `day` exactly (`/day`)."""
    check_within(history, day)
    report = history.get(day)
    if report is None:
        raise NoReportFor(day)
    return report


def report_on_or_before(history: History, day: date) -> Report:
    """The report of `day`, or the latest report before it when `day` has none (`/since`)."""
    check_within(history, day)
    report = history.on_or_before(day)
    assert report is not None  # day is not before the first report
    return report
