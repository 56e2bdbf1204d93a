"""Helpers for composer tests: the real history's figures as a snapshot, and a delivery owed
to a chat."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus
from bot.domain.history import History
from bot.domain.records import record_book
from bot.domain.reports import Report
from bot.services.figures import Figures
from tests.support.dataset import history_reports

BASELINE = date(2022, 4, 1)
ENGLISH = ChatSettings(language="en")
UKRAINIAN = ChatSettings(language="uk")


class FixedFigures:
    """The figures of the real history up to a date; `revise` makes a new snapshot."""

    def __init__(self, until: str = "2026-08-08") -> None:
        last = date.fromisoformat(until)
        self._snapshot = self._figures(r for r in history_reports() if r.date <= last)

    async def figures(self, covering: date | None = None) -> Figures:
        return self._snapshot

    def revise(self, report: Report) -> None:
        self._snapshot = self._figures([*self._snapshot.history, report])

    @staticmethod
    def _figures(reports: Iterator[Report] | list[Report]) -> Figures:
        history = History(reports)
        return Figures(history, record_book(history, BASELINE))


def delivery(day: str, kind: DeliveryKind) -> Delivery:
    return Delivery(1, 42, date.fromisoformat(day), kind, DeliveryStatus.PENDING)


def chat(settings: ChatSettings | None = None, *, subscribed: bool = True) -> Chat:
    return Chat(42, ChatKind.PRIVATE, None, subscribed, settings or ENGLISH)
