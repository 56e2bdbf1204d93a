"""What a poll's news (or a digest day) owes to which chats: campaigns, and who wants each.

The daily post goes to chats that want it, for the newest new report only. A record alert is owed
for each date with record days to chats that want any of them: personnel records with
`record_alerts`, every other category only when the chat chose it in `category_records`. A
milestone alert is owed for each date with milestones to chats with `milestone_alerts`; a digest
to chats that asked for it. Chats that are not subscribed get nothing, and empty news (the first
backfill, a revision) plans nothing.

`plan_campaigns` decides what is owed, without any chat: a poll stores its campaigns in the same
transaction as the reports, and the sender expands them chat by chat (in the store, by the same
rule as `wants`). `plan_deliveries` spells out that expansion for a list of chats. A "chat" here
is a subscription: a chat's own, or one forum topic's, each with its own settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.domain.categories import PERSONNEL
from bot.domain.chats import Chat, ChatSettings
from bot.domain.deliveries import Campaign, DeliveryKind, NewDelivery
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


def wants(campaign: Campaign, chat: Chat) -> bool:
    """Whether `chat` is owed a delivery of `campaign`."""
    settings = chat.settings
    if not chat.subscribed:
        return False
    match campaign.kind:
        case DeliveryKind.DAILY:
            return settings.daily_post
        case DeliveryKind.RECORD:
            return any(wants_record(settings, key) for key in campaign.categories)
        case DeliveryKind.MILESTONE:
            return settings.milestone_alerts
        case DeliveryKind.WEEKLY:
            return settings.weekly_digest
        case DeliveryKind.MONTHLY:
            return settings.monthly_digest


def _record_days_by_date(records: Iterable[RecordDay]) -> dict[date, frozenset[str]]:
    by_date: dict[date, set[str]] = {}
    for record in records:
        by_date.setdefault(record.date, set()).add(record.category)
    return {day: frozenset(keys) for day, keys in sorted(by_date.items())}


def plan_campaigns(news: News) -> list[Campaign]:
    """The campaigns `news` owes, ordered by date, then kind."""
    if news.daily is None:
        return []
    campaigns = [Campaign(news.daily.report.date, DeliveryKind.DAILY)]
    campaigns.extend(
        Campaign(day, DeliveryKind.RECORD, keys)
        for day, keys in _record_days_by_date(news.records).items()
    )
    campaigns.extend(
        Campaign(day, DeliveryKind.MILESTONE)
        for day in sorted({milestone.date for milestone in news.milestones})
    )
    return sorted(campaigns, key=lambda campaign: (campaign.day, campaign.kind.rank))


def expand(campaigns: Iterable[Campaign], chats: Iterable[Chat]) -> list[NewDelivery]:
    """The deliveries `campaigns` owe to `chats` (subscriptions: chats and topics), campaign by
    campaign, then by chat id and topic (a chat's own before its topics)."""
    by_id = sorted(chats, key=lambda chat: (chat.chat_id, chat.thread_id or 0))
    return [
        NewDelivery(chat.chat_id, campaign.day, campaign.kind, chat.thread_id)
        for campaign in campaigns
        for chat in by_id
        if wants(campaign, chat)
    ]


def plan_deliveries(news: News, chats: Iterable[Chat]) -> list[NewDelivery]:
    """The deliveries `news` owes to `chats`, ordered by report date, kind, then chat id."""
    return expand(plan_campaigns(news), chats)
