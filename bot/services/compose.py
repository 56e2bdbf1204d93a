"""The composer: the text a delivery sends to a chat, from the current figures snapshot.

A daily post is the report's post with that day's record categories marked (the same text as
`/day`); a record delivery is the record days of its date that the chat wants, personnel first,
each naming the record it beat; a milestone delivery is every milestone of its date. Several
alerts of one kind and date make one message. A chat with `picture_card` on gets its daily post as
the day's card (`render/cards.py`) with the post as the caption, or as text when the post is too
long for a caption. A digest is two messages, its text and then its chart (`follow_up`). When
nothing applies any more (the chat stopped wanting it, unsubscribed, or the report is gone) the
answer is None and the worker skips it.

The figures are read at sending time, not planning time, so a revised report is sent as revised
(and a report another replica stored is read from the store if the snapshot predates it). An
alert sent before a revision is edited to the record days or milestones that still hold, or, when
none does any more, to a note that the revision withdrew it. matplotlib (charts, cards) is
imported only when a chat first needs a picture.
Messages are cached per (date, kind, language, variant) within one snapshot: a broadcast to 100,000
chats renders each distinct text once, and every card chat of one language gets the same card
bytes object (which lets the sender upload it once).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Protocol

from bot.domain.chats import Chat
from bot.domain.deliveries import Delivery, DeliveryKind
from bot.domain.digests import period_of_digest
from bot.domain.events import Milestone, RecordDay
from bot.domain.milestones import milestones_in
from bot.domain.planning import wanted_records
from bot.render.delivery import milestone_alerts, record_alerts
from bot.render.posts import daily_post
from bot.render.refusals import withdrawn_alert
from bot.services.figures import Figures

_TextKey = tuple[date, DeliveryKind, str, tuple[str, ...]]
"""(report date, kind, language, variant); the variant of a record alert is its categories, of
a daily post whether it is a card."""
_CARD = ("card",)


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: it sends `callback_data` back, or opens inline mode with a query."""

    text: str
    callback_data: str | None = None
    switch_inline_query: str | None = None


Buttons = tuple[tuple[Button, ...], ...]
"""Rows of buttons under a message."""
ButtonsOf = Callable[[DeliveryKind, date, str], Buttons]
"""The buttons under a delivery of a kind, date and language (`bot.telegram.post_buttons`)."""


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """What to send: Telegram-HTML `text`, or a PNG `photo` with `text` as its caption, and the
    `buttons` under it."""

    text: str
    photo: bytes | None = None
    buttons: Buttons = ()
    follow_up: OutgoingMessage | None = None
    """A second message that goes right after this one, to the same chat (a digest's chart)."""


class Composer(Protocol):
    async def compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        """The message to send for `delivery` in `chat`'s language and settings, or None when
        there is nothing to send (the worker marks it skipped)."""
        ...


class SnapshotSource(Protocol):
    """Where the current figures come from: `FiguresReader`, or a fixed snapshot in tests."""

    async def figures(self, covering: date | None = None) -> Figures: ...


class FiguresComposer:
    """A `Composer` on the current figures snapshot; a new snapshot empties its caches."""

    def __init__(self, figures: SnapshotSource, buttons: ButtonsOf | None = None) -> None:
        self._figures = figures
        self._buttons = buttons
        self._snapshot: Figures | None = None
        self._messages: dict[_TextKey, OutgoingMessage] = {}
        self._milestones: dict[date, tuple[Milestone, ...]] = {}

    async def compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        day, settings, lang = delivery.report_date, chat.settings, chat.language
        if delivery.kind.is_digest:
            return await self._digest(delivery, chat)
        figures = await self._current(covering=day)
        if not chat.subscribed or figures.history.get(day) is None:
            return None
        match delivery.kind:
            case DeliveryKind.DAILY:
                if not settings.daily_post:
                    return None
                key: _TextKey = (day, delivery.kind, lang, ())
                post = await self._cached(key, lambda: self._daily(figures, day, lang))
                if not settings.picture_card or not _cards().fits_caption(post.text):
                    return post
                card_key: _TextKey = (day, delivery.kind, lang, _CARD)
                return await self._cached(card_key, lambda: self._card(figures, post, day, lang))
            case DeliveryKind.RECORD:
                on_day = figures.records.records_on(day)
                records = wanted_records(settings, on_day)
                if delivery.needs_edit:  # the alert was sent: it must stay true, or say it is not
                    records = records or on_day
                    if not records:
                        return OutgoingMessage(withdrawn_alert(delivery.kind, day, lang))
                if not records:
                    return None
                variant = tuple(record.category for record in records)
                key = (day, delivery.kind, lang, variant)
                return await self._cached(key, lambda: self._records(figures, records, lang))
            case DeliveryKind.MILESTONE:
                milestones = self._milestones_on(figures, day)
                if delivery.needs_edit and not milestones:
                    return OutgoingMessage(withdrawn_alert(delivery.kind, day, lang))
                if not (settings.milestone_alerts or delivery.needs_edit) or not milestones:
                    return None
                key = (day, delivery.kind, lang, ())
                return await self._cached(key, lambda: _text(milestone_alerts(milestones, lang)))
        return None

    async def _digest(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        """The digest's text with its chart to follow; None if the chat no longer wants it or the
        history does not reach its period."""
        from bot.services.sharing import digest  # draws charts: matplotlib loads on first use

        settings, lang = chat.settings, chat.language
        weekly = delivery.kind is DeliveryKind.WEEKLY
        wanted = settings.weekly_digest if weekly else settings.monthly_digest
        if not chat.subscribed or not wanted:
            return None
        figures = await self._current()
        key: _TextKey = (delivery.report_date, delivery.kind, lang, ())
        if key not in self._messages:
            period = period_of_digest(delivery.kind, delivery.report_date)
            found = await digest(figures, period, lang)
            if found is None:
                self._messages[key] = _NOTHING
            else:
                picture = found.picture  # None: a period without daily losses, said in words
                chart = None if picture is None else OutgoingMessage(picture.caption, picture.png)
                self._messages[key] = OutgoingMessage(found.text, follow_up=chart)
        message = self._messages[key]
        return None if message is _NOTHING else message

    async def _current(self, covering: date | None = None) -> Figures:
        """The current snapshot; a new one (after a write) empties the caches."""
        figures = await self._figures.figures(covering)
        if figures is not self._snapshot:
            self._snapshot = figures
            self._messages.clear()
            self._milestones.clear()
        return figures

    async def _cached(
        self, key: _TextKey, render: Callable[[], Awaitable[OutgoingMessage]]
    ) -> OutgoingMessage:
        found = self._messages.get(key)
        if found is None:
            found = await render()
            if self._buttons is not None:
                day, kind, lang, _ = key
                found = dataclasses.replace(found, buttons=self._buttons(kind, day, lang))
            self._messages[key] = found
        return found

    @staticmethod
    async def _daily(figures: Figures, day: date, lang: str) -> OutgoingMessage:
        record_keys = frozenset(record.category for record in figures.records.records_on(day))
        return OutgoingMessage(
            daily_post(figures.history.daily(day), lang, record_keys=record_keys)
        )

    @staticmethod
    async def _card(
        figures: Figures, post: OutgoingMessage, day: date, lang: str
    ) -> OutgoingMessage:
        # The card cache hands every caller the same bytes object, even when two chats ask for
        # a card at once: the sender recognises it by that identity.
        photo = await _cards().daily_card_image(figures.history, figures.records, day, lang)
        return OutgoingMessage(post.text, photo)

    @staticmethod
    async def _records(
        figures: Figures, records: tuple[RecordDay, ...], lang: str
    ) -> OutgoingMessage:
        book = figures.records
        return OutgoingMessage(
            record_alerts(
                records, lang, rank_of=lambda record: book.rank(record.category, record.value)
            )
        )

    def _milestones_on(self, figures: Figures, day: date) -> tuple[Milestone, ...]:
        found = self._milestones.get(day)
        if found is None:
            report = figures.history.get(day)
            found = () if report is None else tuple(milestones_in(figures.history, report))
            self._milestones[day] = found
        return found


async def _text(text: str) -> OutgoingMessage:
    return OutgoingMessage(text)


_NOTHING = OutgoingMessage("")
"""Cached for a digest whose period the history does not reach."""


def _cards() -> ModuleType:
    """`bot.render.cards`, imported on first use (it loads matplotlib: some 40 MB)."""
    import bot.render.cards

    return bot.render.cards
