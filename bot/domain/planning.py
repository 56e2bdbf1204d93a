"""Which deliveries a poll's news owes to which chats: one row per (chat, report date, kind).

The daily post goes to chats that want it, for the newest new report only. A record alert is owed
for each date with record days to chats that want any of them: personnel records with
`record_alerts`, every other category only when the chat chose it in `category_records`. A
milestone alert is owed for each date with milestones to chats with `milestone_alerts`. Chats
that are not subscribed get nothing, and empty news (the first backfill, a revision) plans nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from bot.domain.categories import PERSONNEL
from bot.domain.chats import Chat, ChatSettings
from bot.domain.deliveries import DeliveryKind, NewDelivery
from bot.domain.events import RecordDay
from bot.domain.news import News


def wants_record(settings: ChatSettings, key: str) -> bool:
    """Whether a chat with `settings` wants an alert for a record day in category `key`."""
    if key == PERSONNEL:
        return settings.record_alerts
    return key in settings.category_records


def wanted_records(settings: ChatSettings, records: Iterable[RecordDay]) -> tuple[RecordDay, ...]:
    """The record days among `records` that a chat with `settings` wants, in the given order."""
    return tuple(record for record in records if wants_record(settings, record.category))


def _record_days_by_date(records: Iterable[RecordDay]) -> dict[date, frozenset[str]]:
    by_date: dict[date, set[str]] = {}
    for record in records:
        by_date.setdefault(record.date, set()).add(record.category)
    return {day: frozenset(keys) for day, keys in sorted(by_date.items())}


def _wants_any_of(keys: frozenset[str]) -> Callable[[ChatSettings], bool]:
    """A fast test for "wants a record alert for at least one of `keys`" (run once per chat)."""
    personnel = PERSONNEL in keys
    others = keys - {PERSONNEL}

    def wants(settings: ChatSettings) -> bool:
        return (personnel and settings.record_alerts) or not others.isdisjoint(
            settings.category_records
        )

    return wants


def plan_deliveries(news: News, chats: Iterable[Chat]) -> list[NewDelivery]:
    """The deliveries `news` owes to `chats`, ordered by report date, kind, then chat id."""
    if news.daily is None:
        return []
    subscribed = sorted((chat for chat in chats if chat.subscribed), key=lambda c: c.chat_id)
    slots: list[tuple[date, DeliveryKind, Callable[[ChatSettings], bool]]] = [
        (news.daily.report.date, DeliveryKind.DAILY, lambda settings: settings.daily_post)
    ]
    slots.extend(
        (day, DeliveryKind.RECORD, _wants_any_of(keys))
        for day, keys in _record_days_by_date(news.records).items()
    )
    slots.extend(
        (day, DeliveryKind.MILESTONE, lambda settings: settings.milestone_alerts)
        for day in sorted({milestone.date for milestone in news.milestones})
    )
    order = list(DeliveryKind)
    slots.sort(key=lambda slot: (slot[0], order.index(slot[1])))
    return [
        NewDelivery(chat.chat_id, day, kind)
        for day, kind, wants in slots
        for chat in subscribed
        if wants(chat.settings)
    ]
