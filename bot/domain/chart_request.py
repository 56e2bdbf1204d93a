"""The arguments of `/chart [category] [period]`, and the report dates a chart period covers.

A category is named as the bot shows it or by a short form, in any language the bot speaks
(`air defence`, `Засоби ППО`, `танки`: the `Vocabulary`), or by its key; a period is a count of
days, weeks, months or years back from the latest report (`30d`, `1y`, `90 днів`), the whole war
(`all`, `все`), or a month (`2025-02`, `лютий 2025`). Either may come first, either may be left
out (personnel, 90 days). Bad input raises a typed error that carries the argument.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.categories import CATALOGUE, PERSONNEL
from bot.domain.digests import CalendarPeriod, PeriodKind, month_of, parse_month
from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    InTheFuture,
    NoReportsInMonth,
    QueryError,
    _truncated,
)
from bot.domain.history import History
from bot.domain.inputs import NO_WORDS, UNIT_DAYS, Vocabulary, count_and_unit, normalised


@dataclass(frozen=True, slots=True)
class LastDays:
    """The `days` report dates up to the latest report, both ends included."""

    days: int


@dataclass(frozen=True, slots=True)
class WholeWar:
    """Every report."""


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    year: int
    month: int


@dataclass(frozen=True, slots=True)
class DateRange:
    """Any dates (a digest's week); clipped to the history."""

    first_day: date
    last_day: date


ChartPeriod = LastDays | WholeWar | CalendarMonth | DateRange
DEFAULT_PERIOD = LastDays(90)


@dataclass(frozen=True, slots=True)
class ChartRequest:
    category: str = PERSONNEL
    period: ChartPeriod = DEFAULT_PERIOD


class UnknownCategory(QueryError):
    """`raw` names no category (neither a key nor an alias)."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


class NotAPeriod(QueryError):
    """`raw` looks like a period (it starts with a digit) but is not one (`0d`, `2025-13`)."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


class TooManyArguments(QueryError):
    """More than one category and one period; `extra` is the first argument left over."""

    def __init__(self, extra: str) -> None:
        self.extra = _truncated(extra)
        super().__init__(self.extra)


def parse_period(raw: str, words: Vocabulary = NO_WORDS) -> ChartPeriod | None:
    """The period `raw` names; None if it names none (never raises).

    `all`/`все`, a count back from the latest report (`30d`, `90 днів`, `1y`: a month is 30 days,
    a year 365), or a month (`2025-02`, `February 2025`, `лютий 2025`).
    """
    phrase = normalised(raw)
    if phrase in words.whole_war or phrase in _WHOLE_WAR:
        return WholeWar()
    if (counted := count_and_unit(phrase, words)) is not None:
        count, unit = counted
        return LastDays(count * UNIT_DAYS[unit]) if count > 0 else None
    try:
        return CalendarMonth(*parse_month(raw, words))
    except QueryError:
        return None


_WHOLE_WAR = frozenset({"all"})


def find_category(
    raw: str, words: Vocabulary = NO_WORDS, known: Collection[str] = ()
) -> str | None:
    """The category key `raw` names (a name from `words`, a catalogue key, or a `known` key)."""
    phrase = normalised(raw)
    if phrase in words.categories:
        return words.categories[phrase]
    keys = {entry.key for entry in CATALOGUE} | set(known)
    return next((key for key in sorted(keys) if normalised(key) == phrase), None)


def parse_chart_request(
    args: Sequence[str], words: Vocabulary = NO_WORDS, known: Collection[str] = ()
) -> ChartRequest:
    """`/chart` arguments in either order, names of several words included (`air defence 1y`);
    `known` adds keys seen upstream but not catalogued."""
    tokens = [token for arg in args for token in arg.split()]
    category: str | None = None
    period: ChartPeriod | None = None
    start = 0
    while start < len(tokens):
        found = _longest(tokens, start, words, known)
        if found is None:
            raise _unknown(tokens, start, words, known)
        end, found_category, found_period = found
        if (found_period and period) or (found_category and category):
            raise TooManyArguments(" ".join(tokens[start:end]))
        period = period or found_period
        category = category or found_category
        start = end
    return ChartRequest(category or PERSONNEL, period or DEFAULT_PERIOD)


def _longest(
    tokens: Sequence[str], start: int, words: Vocabulary, known: Collection[str]
) -> tuple[int, str | None, ChartPeriod | None] | None:
    """The longest run of tokens from `start` that names a period or a category."""
    for end in range(min(len(tokens), start + MAX_WORDS), start, -1):
        phrase = " ".join(tokens[start:end])
        if (period := parse_period(phrase, words)) is not None:
            return end, None, period
        if (key := find_category(phrase, words, known)) is not None:
            return end, key, None
    return None


MAX_WORDS = 5
"""The most words a category's name or a period takes (`вся війна`, `Автотехніка й цистерни`)."""


def _unknown(
    tokens: Sequence[str], start: int, words: Vocabulary, known: Collection[str]
) -> QueryError:
    """The error for the words from `start` up to the next one that means something."""
    end = start + 1
    while end < len(tokens) and _longest(tokens, end, words, known) is None:
        end += 1
    raw = " ".join(tokens[start:end])
    return NotAPeriod(raw) if raw[:1].isdigit() else UnknownCategory(raw)


def calendar_chart_period(period: CalendarPeriod) -> ChartPeriod:
    """The chart period of a week or month (a digest's chart)."""
    if period.kind is PeriodKind.MONTH:
        return CalendarMonth(period.first_day.year, period.first_day.month)
    return DateRange(period.first_day, period.last_day)


def period_bounds(period: ChartPeriod, history: History) -> tuple[date, date]:
    """The first and last report dates the period covers in `history`.

    A count of days is clipped to the history, and so are a month or a range that overlap it; one
    outside it raises `BeforeFirstReport` / `InTheFuture`, and a month inside it without a report
    `NoReportsInMonth`.
    """
    if not history:
        raise EmptyHistory
    first, latest = history.first.date, history.latest.date
    match period:
        case LastDays(days=days):
            if days - 1 >= (latest - first).days:
                return first, latest
            return latest - timedelta(days=days - 1), latest
        case WholeWar():
            return first, latest
        case CalendarMonth(year=year, month=month):
            month_period = month_of(year, month)
            if month_period.last_day < first:
                raise BeforeFirstReport(month_period.first_day, first)
            if month_period.first_day > latest:
                raise InTheFuture(month_period.first_day, latest)
            if not history.between(month_period.first_day, month_period.last_day):
                raise NoReportsInMonth(year, month)
            return max(month_period.first_day, first), min(month_period.last_day, latest)
        case DateRange(first_day=first_day, last_day=last_day):
            if last_day < first:
                raise BeforeFirstReport(first_day, first)
            if first_day > latest:
                raise InTheFuture(first_day, latest)
            return max(first_day, first), min(last_day, latest)
