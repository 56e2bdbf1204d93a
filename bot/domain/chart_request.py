"""The arguments of `/chart [category] [period]`, and the report dates a chart period covers.

A category is named by its key or a short alias in Ukrainian or English (`tanks`, `танки`); a
period is a count of days, weeks, months or years back from the latest report (`30d`, `1y`,
`90д`), the whole war (`all`), or a month (`2025-02`). Either may come first, either may be left
out (personnel, 90 days). Bad input raises a typed error that carries the argument.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.categories import CATALOGUE, PERSONNEL
from bot.domain.digests import CalendarPeriod, NotAMonth, PeriodKind, month_of, parse_month
from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    InTheFuture,
    NoReportsInMonth,
    QueryError,
    _truncated,
)
from bot.domain.history import History


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


_ALIASES_BY_KEY: dict[str, tuple[str, ...]] = {
    PERSONNEL: ("personnel", "people", "особовий", "люди"),
    "tanks": ("tank", "танки", "танк"),
    "armoured_fighting_vehicles": ("afv", "apc", "ббм"),
    "artillery_systems": ("artillery", "артилерія", "арта"),
    "mlrs": ("рсзв",),
    "aa_warfare_systems": ("air-defence", "ppo", "ппо"),
    "planes": ("aircraft", "літаки"),
    "helicopters": ("гелікоптери",),
    "uav_systems": ("uav", "drones", "бпла", "дрони"),
    "cruise_missiles": ("missiles", "ракети"),
    "warships_cutters": ("ships", "кораблі"),
    "submarines": ("підводні",),
    "vehicles_fuel_tanks": ("vehicles", "автотехніка", "авто"),
    "special_military_equip": ("special", "спецтехніка"),
    "atgm_srbm_systems": ("srbm", "отрк"),
    "ground_robotic_systems": ("robots", "нрк"),
}
CATEGORY_ALIASES: Mapping[str, str] = {
    alias: key for key, aliases in _ALIASES_BY_KEY.items() for alias in aliases
}
"""Alias → category key, lower case; every catalogue key also names itself."""

_WHOLE_WAR = frozenset({"all", "все", "усе"})
_UNIT_DAYS = {"d": 1, "д": 1, "w": 7, "т": 7, "m": 30, "м": 30, "y": 365, "р": 365}
_COUNT = re.compile(r"([0-9]{1,4})([a-zа-яіїєґ]+)")


def parse_period(raw: str) -> ChartPeriod | None:
    """The period `raw` names; None if it does not look like a period at all."""
    word = raw.strip().casefold()
    if word in _WHOLE_WAR:
        return WholeWar()
    if match := _COUNT.fullmatch(word):
        count, unit = int(match.group(1)), _UNIT_DAYS.get(match.group(2))
        if unit is None or count == 0:
            raise NotAPeriod(raw)
        return LastDays(count * unit)
    if word[:1].isdigit():
        try:
            return CalendarMonth(*parse_month(word))
        except NotAMonth:
            raise NotAPeriod(raw) from None
    return None


def find_category(
    raw: str, aliases: Mapping[str, str] = CATEGORY_ALIASES, known: Collection[str] = ()
) -> str | None:
    """The category key `raw` names (a catalogue key, an alias, or a `known` key), or None."""
    word = raw.strip().casefold()
    if word in aliases:
        return aliases[word]
    keys = {entry.key for entry in CATALOGUE} | set(known)
    return word if word in keys else None


def parse_chart_request(
    args: Sequence[str], aliases: Mapping[str, str] = CATEGORY_ALIASES, known: Collection[str] = ()
) -> ChartRequest:
    """`/chart` arguments in either order; `known` adds keys seen upstream but not catalogued."""
    category: str | None = None
    period: ChartPeriod | None = None
    for raw in args:
        found_period = parse_period(raw)
        found_category = None if found_period else find_category(raw, aliases, known)
        if found_period is None and found_category is None:
            raise UnknownCategory(raw)
        if (found_period and period) or (found_category and category):
            raise TooManyArguments(raw)
        period = period or found_period
        category = category or found_category
    return ChartRequest(category or PERSONNEL, period or DEFAULT_PERIOD)


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
