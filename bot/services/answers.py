"""The answers to the query commands, as the text the bot sends: shared by handlers and the CLI.

Each answer parses its argument with the domain's parser, computes from the in-memory figures and
renders in the reader's language; a typed query error becomes a short reply with an example.
Answers are kept per snapshot of the figures: the same question gets the same text without being
rendered again until the figures change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from bot.domain.dates import parse_date, report_on
from bot.domain.errors import EmptyHistory, QueryError
from bot.domain.periods import since
from bot.render import daily_post, query_error, records_answer, since_answer
from bot.render.vocabulary import vocabulary
from bot.services.clock import Today, system_today
from bot.services.figures import Figures, FiguresReader

MEMO_SIZE = 4096
"""How many answers are kept (a few kilobytes each at most)."""


def _daily(figures: Figures, report_date: date, lang: str) -> str:
    daily = figures.history.daily(report_date)
    record_keys = frozenset(event.category for event in figures.records.records_on(report_date))
    return daily_post(daily, lang, record_keys=record_keys)


def _today(figures: Figures, lang: str) -> str:
    try:
        return _daily(figures, figures.history.latest.date, lang)
    except EmptyHistory as error:
        return query_error(error, lang, command="/today")


def _day(figures: Figures, raw_date: str, lang: str, today: date) -> str:
    try:
        report = report_on(figures.history, parse_date(raw_date, vocabulary(), today))
        return _daily(figures, report.date, lang)
    except QueryError as error:
        return query_error(error, lang, command="/day")


def _since(figures: Figures, raw_date: str, lang: str, today: date) -> str:
    try:
        return since_answer(since(figures.history, parse_date(raw_date, vocabulary(), today)), lang)
    except QueryError as error:
        return query_error(error, lang, command="/since")


def _records(figures: Figures, lang: str) -> str:
    if not figures.history:
        return query_error(EmptyHistory(), lang, command="/records")
    return records_answer(figures.records, lang)


_Key = tuple[str, str, str, date | None]
"""(question, argument, language, today where the argument may be relative to it)."""


class _Memo:
    """The answers computed on one snapshot of the figures, forgotten when it is replaced."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._size = size
        self._figures: Figures | None = None
        self._answers: OrderedDict[_Key, str] = OrderedDict()

    def answer(self, figures: Figures, key: _Key, compute: Callable[[], str]) -> str:
        if figures is not self._figures:
            self._figures = figures
            self._answers.clear()
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = compute()
            if len(self._answers) > self._size:
                self._answers.popitem(last=False)
        return answer


class Answers:
    """The query commands' answers; `today` is the date relative dates (`yesterday`, `7d`)
    count back from: the bot's clock in its time zone."""

    def __init__(
        self, figures: FiguresReader, memo_size: int = MEMO_SIZE, today: Today = system_today
    ) -> None:
        self._figures = figures
        self._memo = _Memo(memo_size)
        self._today = today

    async def today(self, lang: str) -> str:
        """The latest report with its changes (the same text as the daily post)."""
        figures = await self._figures.figures()
        key = ("today", "", lang, None)
        return self._memo.answer(figures, key, lambda: _today(figures, lang))

    async def day(self, raw_date: str, lang: str) -> str:
        """One report with its published changes."""
        figures, today = await self._figures.figures(), self._today()
        key = ("day", raw_date, lang, today)
        return self._memo.answer(figures, key, lambda: _day(figures, raw_date, lang, today))

    async def since(self, raw_date: str, lang: str) -> str:
        """The change of each total from the report of a date to the latest."""
        figures, today = await self._figures.figures(), self._today()
        key = ("since", raw_date, lang, today)
        return self._memo.answer(figures, key, lambda: _since(figures, raw_date, lang, today))

    async def records(self, lang: str) -> str:
        """Each category's one-day record since the baseline, with its date."""
        figures = await self._figures.figures()
        key = ("records", "", lang, None)
        return self._memo.answer(figures, key, lambda: _records(figures, lang))
