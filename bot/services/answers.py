"""The answers to the query commands, as the text the bot sends: shared by handlers and the CLI.

Each answer parses its argument with the domain's parser, computes from the in-memory figures and
renders in the reader's language; a typed query error becomes a short reply with an example.
"""

from __future__ import annotations

from datetime import date

from bot.domain.dates import parse_date, report_on
from bot.domain.errors import EmptyHistory, QueryError
from bot.domain.periods import since
from bot.render import daily_post, query_error, records_answer, since_answer
from bot.services.figures import Figures, FiguresReader


def _daily(figures: Figures, report_date: date, lang: str) -> str:
    daily = figures.history.daily(report_date)
    record_keys = frozenset(event.category for event in figures.records.records_on(report_date))
    return daily_post(daily, lang, record_keys=record_keys)


class Answers:
    def __init__(self, figures: FiguresReader) -> None:
        self._figures = figures

    async def today(self, lang: str) -> str:
        """The latest report with its changes (the same text as the daily post)."""
        figures = await self._figures.figures()
        try:
            return _daily(figures, figures.history.latest.date, lang)
        except EmptyHistory as error:
            return query_error(error, lang, command="/today")

    async def day(self, raw_date: str, lang: str) -> str:
        """One report with its published changes."""
        figures = await self._figures.figures()
        try:
            report = report_on(figures.history, parse_date(raw_date))
            return _daily(figures, report.date, lang)
        except QueryError as error:
            return query_error(error, lang, command="/day")

    async def since(self, raw_date: str, lang: str) -> str:
        """The change of each total from the report of a date to the latest."""
        figures = await self._figures.figures()
        try:
            return since_answer(since(figures.history, parse_date(raw_date)), lang)
        except QueryError as error:
            return query_error(error, lang, command="/since")

    async def records(self, lang: str) -> str:
        """Each category's one-day record since the baseline, with its date."""
        figures = await self._figures.figures()
        if not figures.history:
            return query_error(EmptyHistory(), lang, command="/records")
        return records_answer(figures.records, lang)
