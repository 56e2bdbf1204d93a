"""Why a question about the history cannot be answered: typed errors that carry data, not prose.

Renderers word each one (with `match` on the type) in the chat's language; the attributes are what
they may show: the raw argument (truncated), the date asked for, the first or latest report date.
"""

from __future__ import annotations

from datetime import date

MAX_RAW_LENGTH = 32
"""How much of a user's raw argument an error keeps (a 5,000-character string is not echoed)."""


def _truncated(raw: str) -> str:
    return raw if len(raw) <= MAX_RAW_LENGTH else raw[: MAX_RAW_LENGTH - 1] + "…"


class QueryError(Exception):
    """A question the history cannot answer; the subclass says why."""


class NotADate(QueryError):
    """`raw` is not a date in any accepted form (`YYYY-MM-DD`, `DD.MM.YYYY`)."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


class ImpossibleDate(QueryError):
    """`raw` has the form of a date but names no day of the calendar (30 February)."""

    def __init__(self, raw: str) -> None:
        self.raw = _truncated(raw)
        super().__init__(self.raw)


class EmptyHistory(QueryError):
    """There are no reports at all yet."""


class BeforeFirstReport(QueryError):
    """`date` is earlier than the first report (`first`)."""

    def __init__(self, date: date, first: date) -> None:
        self.date = date
        self.first = first
        super().__init__(date, first)


class InTheFuture(QueryError):
    """`date` is later than the latest report (`latest`); the wall clock is never consulted."""

    def __init__(self, date: date, latest: date) -> None:
        self.date = date
        self.latest = latest
        super().__init__(date, latest)


class NoReportFor(QueryError):
    """`date` lies within the history but has no report (a gap)."""

    def __init__(self, date: date) -> None:
        self.date = date
        super().__init__(date)


class NoReportsInMonth(QueryError):
    """The month lies within the history but none of its days has a report."""

    def __init__(self, year: int, month: int) -> None:
        self.year = year
        self.month = month
        super().__init__(year, month)


class NothingSince(QueryError):
    """`/since` the latest report (`latest`): nothing has changed since; `earlier` is a date to
    suggest instead."""

    def __init__(self, latest: date, earlier: date) -> None:
        self.latest = latest
        self.earlier = earlier
        super().__init__(latest, earlier)
