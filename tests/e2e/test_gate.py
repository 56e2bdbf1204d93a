"""The gate end to end: an absurd answer upstream reaches no subscriber, the admins are told once,
the reading is kept raw, and polling goes on to post the next true report.

Each case starts the real bot on a store that ends the day before 20 December 2024 (a personnel
record of 2,200), its clock at 08:00 that morning in Kyiv, polling every 0.2 s, with one
subscriber who wants every alert and one admin.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.categories import CATALOGUE
from bot.domain.chats import ChatSettings
from bot.domain.readings import Source, Verdict
from bot.store import ReportRepository
from bot.store.observations import ObservationRepository, Recorded
from tests.fakes.bot_api_objects import FakeChat
from tests.support.dataset import history_records
from tests.support.fixtures_delivery import ONE_DAY, DeliveryBot, StartDeliveryBot, kyiv

DAY = date(2024, 12, 20)
POLLS = 3
"""Polls to wait for after a refusal: the refused reading is read again by each of them."""


def record_of(day: date, **stats: int) -> dict[str, Any]:
    """The real API record of `day`, with some totals changed."""
    record = next(r for r in history_records() if r["date"] == day.isoformat())
    return {**record, "stats": {**record["stats"], **stats}}


@dataclass
class Scene:
    bot: DeliveryBot
    subscriber: FakeChat
    since: int

    def received(self) -> list[str]:
        return [m.text or "" for m in self.bot.messages_to(self.subscriber, self.since)]

    def notices(self) -> list[str]:
        """The refusal notices the admin got."""
        messages = self.bot.messages_to(self.bot.admin, self.since)
        return [m.text or "" for m in messages if (m.text or "").startswith("⛔️")]

    async def recorded(self, day: date) -> list[Recorded]:
        async with self.bot.services.database.session() as session:
            return await ObservationRepository(session).of_date(Source.API, day)

    async def latest_stored(self) -> date | None:
        async with self.bot.services.database.session() as session:
            return await ReportRepository(session).latest_date()

    async def posted(self, count: int) -> None:
        """Waits until the subscriber got `count` messages (the true report and its alerts)."""
        await self.bot.api.wait_until(lambda: len(self.received()) >= count, 10)
        await self.bot.settled()


@asynccontextmanager
async def scene(
    start: StartDeliveryBot, last_stored: date = DAY - ONE_DAY, hour: int = 8
) -> AsyncIterator[Scene]:
    async with start(last_stored=last_stored, now=kyiv(DAY, hour)) as bot:
        (subscriber,) = await bot.subscribe_private(1)
        every_category = frozenset(category.key for category in CATALOGUE)
        settings = ChatSettings(category_records=every_category, language="en")
        await bot.choose(subscriber, settings)
        yield Scene(bot, subscriber, bot.mark())


async def test_a_report_dated_2030_is_refused_and_the_next_true_report_is_posted(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot, hour=13) as s:  # after STALE_AFTER: the report is late
        s.bot.figures_api.add({**record_of(DAY), "date": "2030-01-01", "day": 2869})
        s.bot.figures_api.show(date(2030, 1, 1))
        await s.bot.polls(POLLS)

        assert s.received() == []
        told = [m.text or "" for m in s.bot.messages_to(s.bot.admin, s.since)]
        assert not [message for message in told if "The figures are back" in message]
        assert await s.latest_stored() == DAY - ONE_DAY
        (refused,) = await s.recorded(date(2030, 1, 1))
        assert refused.verdict is Verdict.REFUSED
        assert json.loads(refused.raw or "")["date"] == "2030-01-01"

        s.bot.publish(DAY)  # the 2030 report stays visible upstream
        await s.posted(2)

    (notice,) = s.notices()
    assert "1 January 2030" in notice
    assert "its date is not between 24 February 2022 and 21 December 2024" in notice
    daily, record = s.received()
    assert "20 December 2024" in daily
    assert "2030" not in daily + record
    assert "Personnel: <b>2,200</b>" in record


async def test_a_personnel_total_of_ten_to_the_fifteen_is_refused_until_upstream_corrects_it(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot) as s:
        s.bot.figures_api.add(record_of(DAY, personnel_units=10**15))
        s.bot.publish(DAY)
        await s.bot.polls(POLLS)

        assert s.received() == []
        assert await s.latest_stored() == DAY - ONE_DAY

        s.bot.figures_api.add(record_of(DAY))
        await s.posted(2)

    (notice,) = s.notices()
    assert "Personnel rose by 999,999,999,231,780 in 1 day" in notice
    assert "15,800" in notice
    daily, record = s.received()
    assert "770,420" in daily
    assert "1,000,000,000,000,000" not in daily + record


async def test_a_total_of_two_to_the_sixty_three_is_refused_without_an_overflow(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot) as s:
        s.bot.figures_api.add(record_of(DAY, tanks=2**63))
        s.bot.publish(DAY)
        await s.bot.polls(POLLS)

        assert s.received() == []
        (refused,) = await s.recorded(DAY)
        assert (refused.verdict, refused.totals["tanks"]) == (Verdict.REFUSED, 2**63)

        s.bot.figures_api.add(record_of(DAY))
        await s.posted(2)

    (notice,) = s.notices()
    assert "Tanks: 9,223,372,036,854,775,808 cannot be a total" in notice
    assert "Tanks: 9,584 (+8)" in s.received()[0]


async def test_a_page_holding_a_date_twice_refuses_the_whole_answer(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot) as s:
        record = record_of(DAY)
        forged = record["stats"]["personnel_units"] - 2_200 + 9_999
        s.bot.figures_api.twin(
            DAY, stats={"personnel_units": forged}, increase={"personnel_units": 9_999}
        )
        s.bot.publish(DAY)
        await s.bot.polls(POLLS)

        assert s.received() == []
        assert await s.latest_stored() == DAY - ONE_DAY
        assert [r.verdict for r in await s.recorded(DAY)] == [Verdict.REFUSED] * 2

        s.bot.figures_api.untwin()
        await s.posted(2)

    (notice,) = s.notices()
    assert "the answer gives this date twice, with different figures" in notice
    daily, record_alert = s.received()
    assert "9,999" not in daily + record_alert
    assert "Personnel: <b>2,200</b>" in record_alert


async def test_a_glitch_in_the_previous_days_report_leaves_it_and_its_post_alone(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot, last_stored=DAY - 2 * ONE_DAY) as s:
        s.bot.publish(DAY - ONE_DAY)
        await s.posted(1)
        glitch = record_of(DAY - ONE_DAY)
        del glitch["stats"]["tanks"]
        s.bot.figures_api.add(glitch)  # read again by every poll from now on
        await s.bot.polls(POLLS)
        assert len(s.received()) == 1

        s.bot.publish(DAY)
        await s.posted(3)

        async with s.bot.services.database.session() as session:
            stored = await ReportRepository(session).get(DAY - ONE_DAY)
        assert stored is not None
        assert (stored.totals["tanks"], stored.changes["tanks"]) == (9_576, 5)

    (notice,) = s.notices()
    assert "19 December 2024" in notice
    assert "a revision that lacks Tanks" in notice
    assert s.bot.edits_in(s.subscriber, s.since) == []
    assert "Tanks: 9,584 (+8)" in s.received()[1]


async def test_a_revision_that_undoes_a_record_edits_the_record_alert_to_say_so(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with scene(start_delivery_bot) as s:
        s.bot.publish(DAY)
        await s.posted(2)

        before = record_of(DAY - ONE_DAY)["stats"]["personnel_units"]
        s.bot.figures_api.revise(
            DAY, stats={"personnel_units": before + 1_500}, increase={"personnel_units": 1_500}
        )
        s.bot.clock.move_to(kyiv(DAY + ONE_DAY, 7))  # the next morning: polling resumes
        await s.bot.api.wait_until(lambda: len(s.bot.edits_in(s.subscriber, s.since)) == 2, 10)
        await s.bot.settled()

    post, alert = s.bot.messages_to(s.subscriber, s.since)
    edits = {edit.message_id: edit.text or "" for edit in s.bot.edits_in(s.subscriber, s.since)}
    assert "Personnel: about 769,720 (+1,500)" in edits[post.message_id]
    assert edits[alert.message_id].startswith("⚠️ <b>Correction</b>")
    assert "the record announced here no longer holds" in edits[alert.message_id]
    assert s.notices() == []
