"""Which deliveries a poll's news owes to which chats, on the real history."""

from __future__ import annotations

from datetime import date

from bot.domain.chats import Chat, ChatKind, ChatSettings
from bot.domain.deliveries import Campaign, DeliveryKind, NewDelivery
from bot.domain.history import History
from bot.domain.news import News, fresh_news
from bot.domain.planning import plan_campaigns, plan_deliveries, wants, wants_record
from tests.support.dataset import history_reports, report_of

BASELINE = date(2022, 4, 1)
DAILY, RECORD, MILESTONE = DeliveryKind.DAILY, DeliveryKind.RECORD, DeliveryKind.MILESTONE


def chat(chat_id: int, settings: ChatSettings | None = None, *, subscribed: bool = True) -> Chat:
    return Chat(chat_id, ChatKind.PRIVATE, None, subscribed, settings or ChatSettings())


def news_of(last_known: str, *new: str) -> News:
    """The news when the store ends at `last_known` and the reports of `new` arrive."""
    end = date.fromisoformat(last_known)
    history = History(report for report in history_reports() if report.date <= end)
    return fresh_news(history, [report_of(day) for day in new], BASELINE)


def news_after_gap(last_known: str, newest: str) -> News:
    start, end = date.fromisoformat(last_known), date.fromisoformat(newest)
    days = [r.date.isoformat() for r in history_reports() if start < r.date <= end]
    return news_of(last_known, *days)


def owed(plan: list[NewDelivery], chat_id: int) -> list[tuple[str, DeliveryKind]]:
    return [(d.report_date.isoformat(), d.kind) for d in plan if d.chat_id == chat_id]


def test_the_first_backfill_plans_nothing() -> None:
    news = fresh_news(History(), list(history_reports()), BASELINE)

    assert plan_deliveries(news, [chat(1)]) == []


def test_a_new_report_owes_the_daily_post_to_each_subscribed_chat_that_wants_it() -> None:
    chats = [chat(1), chat(2), chat(3, ChatSettings(daily_post=False))]

    plan = plan_deliveries(news_of("2024-12-18", "2024-12-19"), chats)

    assert [(d.chat_id, d.kind) for d in plan] == [(1, DAILY), (2, DAILY)]


def test_a_chat_that_is_not_subscribed_gets_nothing() -> None:
    news = news_of("2024-12-19", "2024-12-20")

    assert plan_deliveries(news, [chat(1, subscribed=False)]) == []


def test_a_personnel_record_day_owes_a_record_alert_to_chats_with_record_alerts() -> None:
    news = news_of("2024-12-19", "2024-12-20")
    chats = [chat(1), chat(2, ChatSettings(record_alerts=False))]

    plan = plan_deliveries(news, chats)

    assert owed(plan, 1) == [("2024-12-20", DAILY), ("2024-12-20", RECORD)]
    assert owed(plan, 2) == [("2024-12-20", DAILY)]


def test_a_category_record_alerts_only_the_chats_that_chose_that_category() -> None:
    news = news_of("2024-12-14", "2024-12-15")  # records in UAVs and vehicles, not personnel
    chats = [chat(1), chat(2, ChatSettings(category_records=frozenset({"uav_systems"}))), chat(3)]

    plan = plan_deliveries(news, chats)

    assert [d.chat_id for d in plan if d.kind is RECORD] == [2]


def test_personnel_records_follow_record_alerts_not_the_category_choice() -> None:
    settings = ChatSettings(record_alerts=False, category_records=frozenset({"personnel_units"}))

    assert not wants_record(settings, "personnel_units")
    assert wants_record(ChatSettings(record_alerts=True), "personnel_units")


def test_several_records_of_one_report_owe_one_record_delivery_per_chat() -> None:
    news = news_of("2023-10-19", "2023-10-20")  # personnel, tanks and AFV records
    wants_all = chat(
        1, ChatSettings(category_records=frozenset({"tanks", "armoured_fighting_vehicles"}))
    )

    plan = plan_deliveries(news, [wants_all])

    assert owed(plan, 1) == [
        ("2023-10-20", DAILY),
        ("2023-10-20", RECORD),
        ("2023-10-20", MILESTONE),
    ]


def test_milestones_alert_only_the_chats_with_milestone_alerts() -> None:
    news = news_of("2024-11-18", "2024-11-19")  # day 1,000 of the war
    chats = [chat(1), chat(2, ChatSettings(milestone_alerts=False))]

    plan = plan_deliveries(news, chats)

    assert [d.chat_id for d in plan if d.kind is MILESTONE] == [1]


def test_after_a_gap_only_the_newest_report_gets_the_daily_post() -> None:
    plan = plan_deliveries(news_after_gap("2024-11-10", "2024-11-19"), [chat(1)])

    assert [d.report_date.isoformat() for d in plan if d.kind is DAILY] == ["2024-11-19"]


def test_after_a_gap_records_and_milestones_of_the_skipped_days_are_owed_with_their_dates() -> None:
    news = news_after_gap("2024-11-10", "2024-11-19")
    chosen = ChatSettings(category_records=frozenset({"vehicles_fuel_tanks", "cruise_missiles"}))

    plan = plan_deliveries(news, [chat(1, chosen), chat(2)])

    assert owed(plan, 2) == [
        ("2024-11-11", RECORD),
        ("2024-11-12", RECORD),
        ("2024-11-17", MILESTONE),
        ("2024-11-19", DAILY),
        ("2024-11-19", MILESTONE),
    ]
    assert owed(plan, 1) == [
        ("2024-11-11", RECORD),
        ("2024-11-12", RECORD),
        ("2024-11-14", RECORD),
        ("2024-11-17", MILESTONE),
        ("2024-11-18", RECORD),
        ("2024-11-19", DAILY),
        ("2024-11-19", MILESTONE),
    ]


def test_deliveries_come_by_date_then_kind_then_chat() -> None:
    plan = plan_deliveries(news_of("2023-10-19", "2023-10-20"), [chat(3), chat(1), chat(2)])

    assert [(d.kind, d.chat_id) for d in plan] == [
        (kind, chat_id) for kind in (DAILY, RECORD, MILESTONE) for chat_id in (1, 2, 3)
    ]


def test_news_without_a_new_report_plans_nothing() -> None:
    assert plan_deliveries(News(), [chat(1)]) == []


def test_news_owes_one_campaign_per_date_and_kind_whatever_the_number_of_chats() -> None:
    campaigns = plan_campaigns(news_after_gap("2024-11-10", "2024-11-19"))

    assert [(c.day.isoformat(), c.kind) for c in campaigns] == [
        ("2024-11-11", RECORD),
        ("2024-11-12", RECORD),
        ("2024-11-14", RECORD),
        ("2024-11-17", MILESTONE),
        ("2024-11-18", RECORD),
        ("2024-11-19", DAILY),
        ("2024-11-19", MILESTONE),
    ]


def test_a_record_campaign_names_the_categories_with_a_record_that_day() -> None:
    campaigns = plan_campaigns(news_of("2023-10-19", "2023-10-20"))

    [record] = [c for c in campaigns if c.kind is RECORD]
    assert record.categories == {"personnel_units", "tanks", "armoured_fighting_vehicles"}


def test_a_digest_is_owed_to_subscribed_chats_that_asked_for_it() -> None:
    weekly = Campaign(date(2026, 7, 27), DeliveryKind.WEEKLY)
    monthly = Campaign(date(2026, 7, 1), DeliveryKind.MONTHLY)
    asked = chat(1, ChatSettings(weekly_digest=True))

    assert wants(weekly, asked)
    assert not wants(monthly, asked)
    assert not wants(weekly, chat(2, ChatSettings(weekly_digest=True), subscribed=False))


def test_the_sender_goes_through_the_kinds_daily_posts_first_then_alerts_then_digests() -> None:
    assert sorted(DeliveryKind, key=lambda kind: kind.rank) == [
        DAILY,
        RECORD,
        MILESTONE,
        DeliveryKind.WEEKLY,
        DeliveryKind.MONTHLY,
    ]
