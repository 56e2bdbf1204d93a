"""Dates typed by people (`YYYY-MM-DD`, `DD.MM.YYYY`) and the checks that place them in the history.

Each failure is a typed error from `bot.domain.errors`, so that renderers can word it.
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    ImpossibleDate,
    InTheFuture,
    NoReportFor,
    NotADate,
)
from bot.domain.history import History
from bot.domain.reports import Report

# [0-9], not \d: \d also matches other scripts' digits, which int() would quietly accept.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def parse_date(raw: str) -> date:
    """The date written as `YYYY-MM-DD` or `DD.MM.YYYY` (surrounding spaces ignored)."""
    text = raw.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DOTTED.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise NotADate(raw)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ImpossibleDate(raw) from None


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
