"""What people type for dates, periods and categories: the words, and how a phrase is compared.

The words come from the catalogs of every language the bot speaks (month names from Babel,
relative words such as `yesterday`/`вчора`, units such as `d`/`д`, the names of categories as the
bot shows them and their short forms); `bot.render.vocabulary` gathers them into a `Vocabulary`
and the parsers here and in `dates`, `digests` and `chart_request` take it as an argument, so
that parsing stays pure: a value or a typed `QueryError`, whatever the input.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

_SEPARATORS = re.compile(r"[\W_]+")


class Unit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


UNIT_DAYS = {Unit.DAY: 1, Unit.WEEK: 7, Unit.MONTH: 30, Unit.YEAR: 365}
"""A unit's length in days where a count of days is meant (`/chart tanks 1y`: 365 days)."""


def normalised(raw: str) -> str:
    """`raw` compared as people mean it: lower case, any run of punctuation one space.

    `Air-defence`, `air defence` and `AIR_DEFENCE` read the same; so do `Кораблі / катери` and
    `кораблі катери`.
    """
    return " ".join(_SEPARATORS.sub(" ", raw.casefold()).split())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of every language, each already `normalised`."""

    months: Mapping[str, int] = field(default_factory=dict)
    """Month names and their short forms in every case the catalogs' locales use → 1..12."""
    days_ago: Mapping[str, int] = field(default_factory=dict)
    """`today` → 0, `yesterday`/`вчора` → 1, `позавчора` → 2."""
    ago: frozenset[str] = frozenset()
    """Words that may follow a count (`7 days ago`, `7 днів тому`)."""
    units: Mapping[str, Unit] = field(default_factory=dict)
    """`d`, `day`, `days`, `д`, `днів` … → their unit."""
    whole_war: frozenset[str] = frozenset()
    """`all`, `все` …: the whole war as a chart period."""
    categories: Mapping[str, str] = field(default_factory=dict)
    """A category's names as the bot shows them, and their short forms → its key."""


NO_WORDS = Vocabulary()
"""Numbers only: ISO and dotted dates, `30d`-style counts with one-letter English units."""

_COUNT = re.compile(r"([0-9]{1,4}) ?([^\W\d_]+(?: [^\W\d_]+)?)")


def count_and_unit(phrase: str, words: Vocabulary) -> tuple[int, Unit] | None:
    """(7, DAY) for `7d`, `7 days`, `7 днів тому`; None if `phrase` is no such count."""
    if not (match := _COUNT.fullmatch(phrase)):
        return None
    count, rest = int(match.group(1)), match.group(2).split(" ")
    if len(rest) == 2 and rest[1] not in words.ago:
        return None
    unit = words.units.get(rest[0]) or _LATIN_UNITS.get(rest[0])
    return None if unit is None else (count, unit)


_LATIN_UNITS = {"d": Unit.DAY, "w": Unit.WEEK, "m": Unit.MONTH, "y": Unit.YEAR}


def months_back(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter);
    raises OverflowError before year 1."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    if year < date.min.year:
        raise OverflowError("before year 1")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def back_from(today: date, count: int, unit: Unit) -> date:
    """`today` minus `count` units: days and weeks exactly, months and years by the calendar.
    Raises OverflowError before year 1."""
    match unit:
        case Unit.DAY | Unit.WEEK:
            return today - timedelta(days=count * UNIT_DAYS[unit])
        case Unit.MONTH:
            return months_back(today, count)
        case Unit.YEAR:
            return months_back(today, count * 12)
