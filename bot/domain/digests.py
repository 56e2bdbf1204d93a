"""Weeks and months for /week, /month and the digests: totals, daily averages and comparisons.

A period's figures follow the rule of daily figures (`periods.daily_figures`): the published daily
figures of its reports summed, and averaged over the days that have one (what its chart shows
too); recounts and first values apart. A period compares with the one before it and with the same
period a year earlier, each only where the history covers that period whole.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.dates import parse_date
from bot.domain.deliveries import Campaign, DeliveryKind
from bot.domain.errors import (
    BeforeFirstReport,
    EmptyHistory,
    InTheFuture,
    NoReportsInMonth,
    QueryError,
    _truncated,
)
from bot.domain.history import History
from bot.domain.inputs import NO_WORDS, Unit, Vocabulary, normalised
from bot.domain.periods import CategoryFigures, PeriodChange, change_between, daily_figures


class PeriodKind(StrEnum):
    WEEK = "week"
    """An ISO week, Monday to Sunday."""
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class CalendarPeriod:
    """A calendar week or month, by report dates (both days included)."""

    kind: PeriodKind
    first_day: date
    last_day: date

    def before(self) -> CalendarPeriod:
        """The week or month right before this one."""
        return period_of(self.kind, self.first_day - timedelta(days=1))

    def year_earlier(self) -> CalendarPeriod:
        """The same ISO week (or the last one, if that year has fewer) or month a year earlier."""
        if self.kind is PeriodKind.MONTH:
            return month_of(self.first_day.year - 1, self.first_day.month)
        year, week, _ = self.first_day.isocalendar()
        weeks_then = date(year - 1, 12, 28).isocalendar().week
        return week_of(date.fromisocalendar(year - 1, min(week, weeks_then), 1))


def week_of(day: date) -> CalendarPeriod:
    """The ISO week (Monday to Sunday) that contains `day`, cut at the calendar's end (9999)."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=min(6, (date.max - monday).days))
    return CalendarPeriod(PeriodKind.WEEK, monday, sunday)


def month_of(year: int, month: int) -> CalendarPeriod:
    """The month; a year beyond the calendar (0, 10000) stands for its nearest end, which no
    history reaches either, so that the range checks answer as for any month outside it."""
    year = min(max(year, MINYEAR), MAXYEAR)
    last = calendar.monthrange(year, month)[1]
    return CalendarPeriod(PeriodKind.MONTH, date(year, month, 1), date(year, month, last))


def period_of(kind: PeriodKind, day: date) -> CalendarPeriod:
    """The week or month of `kind` that contains `day`."""
    return week_of(day) if kind is PeriodKind.WEEK else month_of(day.year, day.month)


class NoReportsInWeek(QueryError):
    """The week starting on Monday `first_day` lies within the history but has no report."""

    def __init__(self, first_day: date) -> None:
        self.first_day = first_day
        super().__init__(first_day)


class NotAMonth(QueryError):
    """`raw` is not a month written as `YYYY-MM` or `MM.YYYY`."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


_ISO_MONTH = re.compile(r"([0-9]{4})[-./]([0-9]{1,2})")
_NUMERIC_MONTH = re.compile(r"([0-9]{1,2})[-./]([0-9]{4})")
_NAMED_MONTH = re.compile(r"([^\W\d_]+)(?: ([0-9]{4}))?")


def parse_month(
    raw: str, words: Vocabulary = NO_WORDS, today: date | None = None
) -> tuple[int, int]:
    """The (year, month) `raw` names (surrounding spaces ignored).

    `2025-02`, `02.2025`, `02/2025`, `February 2025`, `лютий 2025`, a month name alone (the
    latest such month up to `today`), or any date `dates.parse_date` reads (its month).
    """
    text = raw.strip()
    if match := _ISO_MONTH.fullmatch(text):
        year, month = match.groups()
    elif match := _NUMERIC_MONTH.fullmatch(text):
        month, year = match.groups()
    else:
        return _month_in_words(raw, words, today)
    if not 1 <= int(month) <= 12:
        raise NotAMonth(raw)
    return int(year), int(month)


def _month_in_words(raw: str, words: Vocabulary, today: date | None) -> tuple[int, int]:
    if (match := _NAMED_MONTH.fullmatch(normalised(raw))) and match.group(1) in words.months:
        month, year = words.months[match.group(1)], match.group(2)
        if year is not None:
            return int(year), month
        if today is not None:
            return (today.year, month) if month <= today.month else (today.year - 1, month)
    try:
        day = parse_date(raw, words, today)
    except QueryError:
        raise NotAMonth(raw) from None
    return day.year, day.month


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    """A week or month: each category's daily figures over it, and the change of its totals."""

    period: CalendarPeriod
    change: PeriodChange
    """From the last report before the period (or its first report) to its last report."""
    figures: Mapping[str, CategoryFigures]
    """By the rule of daily figures (`periods.daily_figures`): what its lines and averages say."""
    from_first_report: bool = False
    """The period holds the first report, whose totals are its starting point, not a day."""

    @property
    def days(self) -> int:
        """Days covered by `change`, from its start report to its end report."""
        return self.change.days

    @property
    def complete(self) -> bool:
        """Whether the period's last day has a report (the period is over in the history)."""
        return self.change.end.date == self.period.last_day

    @property
    def whole(self) -> bool:
        """Whether the history covers the period from the day before it to its last day."""
        return self.complete and self.change.start.date == self.period.first_day - timedelta(1)

    def daily_average(self, key: str) -> float | None:
        """The mean of `key`'s daily figures over the period (what its chart states too)."""
        found = self.figures.get(key)
        return None if found is None else found.average


def summary(history: History, period: CalendarPeriod) -> PeriodSummary:
    """The summary of a week or a month, by report dates.

    Raises `EmptyHistory`, `BeforeFirstReport` / `InTheFuture` for a period outside the history,
    and `NoReportsInWeek` / `NoReportsInMonth` for one inside it without any report.
    """
    if not history:
        raise EmptyHistory
    if period.last_day < history.first.date:
        raise BeforeFirstReport(period.first_day, history.first.date)
    if period.first_day > history.latest.date:
        raise InTheFuture(period.first_day, history.latest.date)
    inside = history.between(period.first_day, period.last_day)
    if not inside:
        if period.kind is PeriodKind.WEEK:
            raise NoReportsInWeek(period.first_day)
        raise NoReportsInMonth(period.first_day.year, period.first_day.month)
    before = history.on_or_before(period.first_day - timedelta(days=1))
    change = change_between(history, before or inside[0], inside[-1])
    figures = daily_figures(before, inside)
    return PeriodSummary(period, change, figures, from_first_report=before is None)


def week_summary(history: History, week_ending: date) -> PeriodSummary:
    """The ISO week closed by the Sunday `week_ending` (another day stands for its own week)."""
    return summary(history, week_of(week_ending))


@dataclass(frozen=True, slots=True)
class Comparison:
    """A period beside the one before it and the same period a year earlier (None if not whole)."""

    current: PeriodSummary
    previous: PeriodSummary | None
    year_earlier: PeriodSummary | None

    def average_change(self, key: str, other: PeriodSummary | None) -> float | None:
        """How the daily average of `key` moved against `other`: 0.25 is a quarter more."""
        mean = self.current.daily_average(key)
        base = None if other is None else other.daily_average(key)
        if mean is None or base is None or base <= 0 or mean < 0:
            return None
        return mean / base - 1


def _whole_summary(history: History, period: CalendarPeriod) -> PeriodSummary | None:
    try:
        found = summary(history, period)
    except QueryError:
        return None
    return found if found.whole else None


def compare(history: History, period: CalendarPeriod) -> Comparison:
    """`period` with the period before and the same one a year earlier, where those are whole."""
    return Comparison(
        summary(history, period),
        _whole_summary(history, period.before()),
        _whole_summary(history, period.year_earlier()),
    )


def digest_periods(run_day: date) -> tuple[CalendarPeriod, ...]:
    """What a digest run on `run_day` (in the bot's time zone) covers.

    On a Monday the previous full week, on the 1st the previous month, on a Monday the 1st both.
    """
    yesterday = run_day - timedelta(days=1)
    due: list[CalendarPeriod] = []
    if run_day.weekday() == 0:
        due.append(week_of(yesterday))
    if run_day.day == 1:
        due.append(month_of(yesterday.year, yesterday.month))
    return tuple(due)


class NotADigest(QueryError):
    """`raw` names neither a week nor a month (`/digest week`, `/digest місяць`)."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


def parse_digest_kind(raw: str, words: Vocabulary = NO_WORDS) -> PeriodKind:
    """The digest `/digest` asks for: a week (also without an argument) or a month."""
    word = normalised(raw)
    if not word:
        return PeriodKind.WEEK
    match words.units.get(word):
        case Unit.WEEK:
            return PeriodKind.WEEK
        case Unit.MONTH:
            return PeriodKind.MONTH
    raise NotADigest(raw)


def latest_digest_period(history: History, kind: PeriodKind) -> CalendarPeriod:
    """The latest week (Monday to Sunday) or month whose last day has a report: the period of
    the latest digest (a digest goes out once its period is over)."""
    if not history:
        raise EmptyHistory
    latest = history.latest.date
    if kind is PeriodKind.WEEK:
        return week_of(latest - timedelta(days=(latest.weekday() + 1) % 7))
    this_month = month_of(latest.year, latest.month)
    return this_month if this_month.last_day == latest else this_month.before()


def digest_campaigns(local: datetime, at: time) -> tuple[Campaign, ...]:
    """The digests due by the moment `local` (in the bot's time zone), with digests sent at `at`.

    Those of `digest_periods(local.date())`, once it is `at` or later that day: the run at `at`
    plans them, and a bot that was down then plans them when it comes back the same day (the
    store keeps one campaign per digest, so the second time changes nothing).
    """
    if local.time() < at:
        return ()
    kinds = {PeriodKind.WEEK: DeliveryKind.WEEKLY, PeriodKind.MONTH: DeliveryKind.MONTHLY}
    return tuple(
        Campaign(period.first_day, kinds[period.kind]) for period in digest_periods(local.date())
    )


def period_of_digest(kind: DeliveryKind, first_day: date) -> CalendarPeriod:
    """The week or month a digest delivery of `kind` dated `first_day` covers."""
    if kind is DeliveryKind.WEEKLY:
        return week_of(first_day)
    return month_of(first_day.year, first_day.month)
