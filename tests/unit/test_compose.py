"""The composer: what a delivery says in a chat, from the current figures, on the real history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.domain.chats import Chat
from bot.domain.deliveries import DeliveryKind
from bot.domain.history import History
from bot.domain.reports import Report
from bot.render.posts import daily_post
from bot.services.compose import FiguresComposer
from tests.support.composing import ENGLISH, UKRAINIAN, FixedFigures, chat, delivery
from tests.support.dataset import history_reports, report_of

ALL_CATEGORIES = frozenset({"tanks", "armoured_fighting_vehicles", "uav_systems"})


async def compose(day: str, kind: DeliveryKind, reader: Chat | None = None) -> str | None:
    """The text of the message composed, or None."""
    message = await FiguresComposer(FixedFigures()).compose(delivery(day, kind), reader or chat())
    return None if message is None else message.text


async def test_a_daily_delivery_is_the_report_s_post_with_its_records_marked() -> None:
    text = await compose("2024-12-20", DeliveryKind.DAILY)

    history = History(history_reports())
    expected = daily_post(
        history.daily(date(2024, 12, 20)), "en", record_keys=frozenset({"personnel_units"})
    )
    assert text == expected
    assert "🪖 Personnel: about 770,420 (+2,200) 🏆" in expected


async def test_a_daily_delivery_speaks_the_chat_s_language() -> None:
    text = await compose("2024-12-20", DeliveryKind.DAILY, chat(UKRAINIAN))

    assert text is not None
    assert text.startswith("<b>Втрати ворога · 20 грудня 2024</b>")


async def test_a_chat_that_stopped_wanting_the_daily_post_gets_nothing() -> None:
    assert (
        await compose("2024-12-20", DeliveryKind.DAILY, chat(replace(ENGLISH, daily_post=False)))
        is None
    )


async def test_a_chat_that_unsubscribed_gets_nothing() -> None:
    assert await compose("2024-12-20", DeliveryKind.DAILY, chat(subscribed=False)) is None


async def test_a_delivery_for_a_report_that_is_not_stored_gets_nothing() -> None:
    assert await compose("2030-01-01", DeliveryKind.DAILY) is None


async def test_a_record_alert_names_the_previous_record_and_its_date() -> None:
    text = await compose("2024-12-20", DeliveryKind.RECORD)

    assert text == "\n".join(
        [
            "🏆 <b>One-day record</b>",
            "🪖 Personnel: <b>2,200</b>",
            "Report of 20 December 2024",
            "Previous record: 2,030 (29 November 2024)",
        ]
    )


async def test_several_records_make_one_message_with_personnel_first() -> None:
    composer = FiguresComposer(FixedFigures(until="2023-10-20"))
    wants_all = chat(replace(ENGLISH, category_records=ALL_CATEGORIES))

    message = await composer.compose(delivery("2023-10-20", DeliveryKind.RECORD), wants_all)

    assert message is not None
    assert message.text == "\n".join(
        [
            "🏆 <b>One-day records</b>",
            "Report of 20 October 2023",
            "",
            "🪖 Personnel: <b>1,380</b>",
            "↳ previous record: 1,140 (11 February 2023)",
            "🛡 Tanks: <b>55</b>",
            "↳ previous record: 44 (4 October 2022)",
            "🚛 Armoured combat vehicles: <b>120</b>",
            "↳ previous record: 91 (11 October 2023)",
        ]
    )


async def test_a_record_alert_holds_only_the_categories_the_chat_wants() -> None:
    text = await compose(
        "2023-10-20", DeliveryKind.RECORD, chat(replace(ENGLISH, record_alerts=False))
    )

    assert text is None
    tanks_only = chat(replace(ENGLISH, record_alerts=False, category_records=frozenset({"tanks"})))
    text = await compose("2023-10-20", DeliveryKind.RECORD, tanks_only)
    assert text is not None
    assert "Tanks: <b>55</b>" in text
    assert "Personnel" not in text


async def test_a_chat_that_no_longer_wants_the_category_gets_nothing() -> None:
    # 2024-12-15 set records in UAVs and vehicles only; this chat follows neither.
    assert await compose("2024-12-15", DeliveryKind.RECORD) is None


async def test_a_record_beaten_since_says_its_rank_now() -> None:
    text = await compose("2024-11-11", DeliveryKind.RECORD)

    assert text is not None
    assert "the record has since been beaten" in text


async def test_a_single_milestone_reads_as_its_own_alert() -> None:
    text = await compose("2024-11-19", DeliveryKind.MILESTONE)

    assert text == "\n".join(
        (
            "🗓 <b>Day 1,000 of the war</b>",
            "Report of 19 November 2024",
            "🪖 Personnel since 24 February 2022: about 724,050, 724 a day on average.",
            "The last 100 days: +133,130, 1,331 a day, "
            "against 1,188 a day in the 100 days before (+12%).",
        )
    )


async def test_several_milestones_of_one_report_make_one_message() -> None:
    text = await compose("2023-10-20", DeliveryKind.MILESTONE, chat(UKRAINIAN))

    assert text == "\n".join(
        [
            "🎯 <b>Рубежі</b>",
            "Зведення за 20 жовтня 2023",
            "",
            "🛡 Танки: рубіж <b>5\u00a0000</b> (загалом 5\u00a0047)",
            "💥 Артилерійські системи: рубіж <b>7\u00a0000</b> (загалом 7\u00a0012)",
        ]
    )


async def test_a_chat_without_milestone_alerts_gets_nothing() -> None:
    assert (
        await compose(
            "2024-11-19", DeliveryKind.MILESTONE, chat(replace(ENGLISH, milestone_alerts=False))
        )
        is None
    )


async def test_a_day_without_milestones_gets_nothing() -> None:
    assert await compose("2024-11-18", DeliveryKind.MILESTONE) is None


async def test_one_text_is_rendered_once_for_every_chat_of_a_snapshot() -> None:
    composer = FiguresComposer(FixedFigures())

    first = await composer.compose(delivery("2024-12-20", DeliveryKind.DAILY), chat())
    second = await composer.compose(delivery("2024-12-20", DeliveryKind.DAILY), chat())

    assert first is second


async def test_a_revised_report_is_composed_with_its_new_figures() -> None:
    figures = FixedFigures(until="2024-12-20")
    composer = FiguresComposer(figures)
    before = await composer.compose(delivery("2024-12-20", DeliveryKind.DAILY), chat())
    original = report_of("2024-12-20")
    totals = {**original.totals, "tanks": original.totals["tanks"] + 1}
    figures.revise(Report(original.date, totals, {**original.changes, "tanks": 9}))

    after = await composer.compose(delivery("2024-12-20", DeliveryKind.DAILY), chat())

    assert before is not None
    assert after is not None
    assert "Tanks: 9,584 (+8)" in before.text
    assert "Tanks: 9,585 (+9)" in after.text
