"""The composer: the text a delivery sends to a chat, from the current figures snapshot.

A daily post is the report's post with that day's record categories marked (the same text as
`/day`); a record delivery is the record days of its date that the chat wants, personnel first,
each naming the record it beat; a milestone delivery is every milestone of its date. Several
alerts of one kind and date make one message. When nothing applies any more (the chat stopped
wanting it, unsubscribed, or the report is gone) the answer is None and the worker skips it.

The figures are read at sending time, not planning time, so a revised report is sent as revised.
Texts are cached per (date, kind, language, variant) within one snapshot: a broadcast to 100,000
chats renders each distinct text once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from bot.domain.chats import Chat
from bot.domain.deliveries import Delivery, DeliveryKind
from bot.domain.events import Milestone, RecordDay
from bot.domain.milestones import milestones_in
from bot.domain.planning import wanted_records
from bot.render.delivery import milestone_alerts, record_alerts
from bot.render.posts import daily_post
from bot.services.figures import Figures

_TextKey = tuple[date, DeliveryKind, str, tuple[str, ...]]
"""(report date, kind, language, variant); the variant of a record alert is its categories."""


class Composer(Protocol):
    async def compose(self, delivery: Delivery, chat: Chat) -> str | None:
        """The Telegram-HTML text to send for `delivery` in `chat`'s language and settings, or
        None when there is nothing to send (the worker marks it skipped)."""
        ...


class SnapshotSource(Protocol):
    """Where the current figures come from: `FiguresReader`, or a fixed snapshot in tests."""

    async def figures(self) -> Figures: ...


class FiguresComposer:
    """A `Composer` on the current figures snapshot; a new snapshot empties its caches."""

    def __init__(self, figures: SnapshotSource) -> None:
        self._figures = figures
        self._snapshot: Figures | None = None
        self._texts: dict[_TextKey, str] = {}
        self._milestones: dict[date, tuple[Milestone, ...]] = {}

    async def compose(self, delivery: Delivery, chat: Chat) -> str | None:
        figures = await self._current()
        day, settings, lang = delivery.report_date, chat.settings, chat.language.value
        if not chat.subscribed or figures.history.get(day) is None:
            return None
        match delivery.kind:
            case DeliveryKind.DAILY:
                if not settings.daily_post:
                    return None
                key: _TextKey = (day, delivery.kind, lang, ())
                return self._cached(key, lambda: self._daily(figures, day, lang))
            case DeliveryKind.RECORD:
                records = wanted_records(settings, figures.records.records_on(day))
                if not records:
                    return None
                variant = tuple(record.category for record in records)
                key = (day, delivery.kind, lang, variant)
                return self._cached(key, lambda: self._records(figures, records, lang))
            case DeliveryKind.MILESTONE:
                milestones = self._milestones_on(figures, day)
                if not settings.milestone_alerts or not milestones:
                    return None
                key = (day, delivery.kind, lang, ())
                return self._cached(key, lambda: milestone_alerts(milestones, lang))

    async def _current(self) -> Figures:
        """The current snapshot; a new one (after a write) empties the caches."""
        figures = await self._figures.figures()
        if figures is not self._snapshot:
            self._snapshot = figures
            self._texts.clear()
            self._milestones.clear()
        return figures

    def _cached(self, key: _TextKey, render: Callable[[], str]) -> str:
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = render()
        return found

    @staticmethod
    def _daily(figures: Figures, day: date, lang: str) -> str:
        record_keys = frozenset(record.category for record in figures.records.records_on(day))
        return daily_post(figures.history.daily(day), lang, record_keys=record_keys)

    @staticmethod
    def _records(figures: Figures, records: tuple[RecordDay, ...], lang: str) -> str:
        book = figures.records
        return record_alerts(
            records, lang, rank_of=lambda record: book.rank(record.category, record.value)
        )

    def _milestones_on(self, figures: Figures, day: date) -> tuple[Milestone, ...]:
        found = self._milestones.get(day)
        if found is None:
            report = figures.history.get(day)
            found = () if report is None else tuple(milestones_in(figures.history, report))
            self._milestones[day] = found
        return found
