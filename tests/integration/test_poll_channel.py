"""The official post and the figures API polled into one store, on both databases: the first valid
new report makes the news (the other source's same figures change nothing), the official post
outranks the API, a disagreement is found once, a lost digit is refused or held, and what the
channel read is kept raw."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from bot.domain.readings import Source, Verdict
from bot.domain.reports import Report
from bot.services.figures import FiguresReader
from bot.services.poll import PollResult, poll
from bot.sources import ChannelReader, RussianWarshipClient
from bot.sources.channel_raw import decode_posts
from bot.store.database import Database
from bot.store.disagreements import DisagreementRepository
from bot.store.observations import ObservationRepository, Recorded
from bot.store.reports import ReportRepository
from tests.fakes.channel_page import FakeChannel
from tests.fakes.figures_api import FakeFiguresApi
from tests.integration.test_poll import BASELINE, FixedClock, subscribe
from tests.support.dataset import history_records
from tests.support.fixtures_figures import FAST_RETRY

DAY = date(2022, 4, 20)
"""Personnel about 20,900 (+100); a short history before it keeps each backfill quick."""
API, CHANNEL = Source.API, Source.CHANNEL


@dataclass
class Sources:
    api: FakeFiguresApi
    channel: FakeChannel
    client: RussianWarshipClient
    reader: ChannelReader
    database: Database

    async def poll(self, source: str) -> PollResult:
        reader = self.client if source == API else self.reader
        figures = FiguresReader(self.database, BASELINE)
        return await poll(
            reader, self.database, figures, FixedClock(), BASELINE, source_name=source
        )

    async def stored(self, day: date = DAY) -> tuple[Report | None, str | None]:
        async with self.database.session() as session:
            reports = ReportRepository(session)
            return await reports.get(day), (await reports.sources(day, day)).get(day)

    async def recorded(self, source: str, day: date | None = DAY) -> list[Recorded]:
        async with self.database.session() as session:
            return await ObservationRepository(session).of_date(source, day)

    def link(self, day: date = DAY) -> str:
        return f"https://t.me/GeneralStaffZSU/{self.channel.report_post(day).id}"


@pytest.fixture
async def sources(
    figures_api: FakeFiguresApi,
    channel_page: FakeChannel,
    channel_reader: ChannelReader,
    database: Database,
) -> AsyncIterator[Sources]:
    client = RussianWarshipClient(figures_api.url, timeout=0.5, retry=FAST_RETRY)
    found = Sources(figures_api, channel_page, client, channel_reader, database)
    await subscribe(database, 1)
    figures_api.publish_until(DAY - timedelta(days=1))
    assert (await found.poll(API)).backfill  # the store ends the day before
    channel_page.publish_until(DAY - timedelta(days=1))
    yield found
    await client.aclose()


def api_record(day: date = DAY, **increase: int) -> dict[str, object]:
    """The real API record of `day`, with some published changes (and their totals) changed."""
    record = next(r for r in history_records() if r["date"] == day.isoformat())
    stats = {**record["stats"]}
    for key, change in increase.items():
        stats[key] += change - record["increase"][key]
    return {**record, "stats": stats, "increase": {**record["increase"], **increase}}


async def test_the_channel_alone_never_fills_an_empty_store(
    figures_api: FakeFiguresApi, channel_reader: ChannelReader, database: Database
) -> None:
    figures = FiguresReader(database, BASELINE)
    result = await poll(
        channel_reader, database, figures, FixedClock(), BASELINE, source_name=CHANNEL
    )

    assert (result.latest, result.stored, result.unavailable) == (None, 0, None)


async def test_the_official_post_first_makes_the_news_with_a_link_to_the_post(
    sources: Sources,
) -> None:
    sources.channel.publish_until(DAY)

    first = await sources.poll(CHANNEL)

    assert (first.new_reports, first.campaigns, first.deliveries) == ((DAY,), 1, 1)
    report, stored_by = await sources.stored()
    assert report is not None
    assert (report.source_url, stored_by) == (sources.link(), CHANNEL)


async def test_the_apis_later_arrival_of_the_same_figures_changes_and_owes_nothing(
    sources: Sources,
) -> None:
    sources.channel.publish_until(DAY)
    await sources.poll(CHANNEL)
    sources.api.publish_until(DAY)

    later = await sources.poll(API)

    assert (later.stored, later.revised, later.campaigns, later.disagreements) == (0, (), 0, ())
    assert [r.verdict for r in await sources.recorded(API)] == [Verdict.ACCEPTED]
    assert (await sources.stored())[1] == CHANNEL


async def test_the_posts_later_arrival_of_the_apis_figures_changes_nothing(
    sources: Sources,
) -> None:
    sources.api.publish_until(DAY)
    assert (await sources.poll(API)).new_reports == (DAY,)
    sources.channel.publish_until(DAY)

    later = await sources.poll(CHANNEL)

    assert (later.stored, later.revised, later.campaigns, later.disagreements) == (0, (), 0, ())
    assert (await sources.stored())[1] == API


async def test_a_disagreement_is_found_once_and_the_official_figures_replace_the_apis(
    sources: Sources,
) -> None:
    sources.api.add(api_record(personnel_units=130))
    sources.api.publish_until(DAY)
    await sources.poll(API)
    sources.channel.publish_until(DAY)

    found = await sources.poll(CHANNEL)
    again = [await sources.poll(CHANNEL), await sources.poll(API)]

    (disagreement,) = found.disagreements
    assert (disagreement.date, disagreement.first, disagreement.second) == (DAY, CHANNEL, API)
    (difference,) = disagreement.differences
    assert (difference.key, difference.first.change, difference.second.change) == (
        "personnel_units",
        100,
        130,
    )
    assert (found.revised, found.campaigns) == ((DAY,), 0)  # edited, never announced again
    assert [result.disagreements for result in again] == [(), ()]
    report, stored_by = await sources.stored()
    assert report is not None
    assert (report.changes["personnel_units"], stored_by) == (100, CHANNEL)
    async with sources.database.session() as session:
        count, _ = await DisagreementRepository(session).open(5)
    assert count == 1


async def test_sources_that_come_to_agree_close_their_disagreement(sources: Sources) -> None:
    sources.channel.publish_until(DAY)
    await sources.poll(CHANNEL)
    sources.api.add(api_record(personnel_units=130))
    sources.api.publish_until(DAY)
    assert len((await sources.poll(API)).disagreements) == 1

    sources.api.add(api_record())
    await sources.poll(API)

    async with sources.database.session() as session:
        assert (await DisagreementRepository(session).open(5))[0] == 0


async def test_a_post_with_a_lost_digit_in_a_total_is_refused_kept_raw_and_told_once(
    sources: Sources,
) -> None:
    sources.channel.trap(DAY, lost_digit="personnel_units")  # about 20 900 read as 2 900
    sources.channel.publish_until(DAY)

    first, second = await sources.poll(CHANNEL), await sources.poll(CHANNEL)

    assert [reading.date for reading in first.refused] == [DAY]
    assert (second.refused, first.stored, first.campaigns) == ((), 0, 0)
    (refused,) = await sources.recorded(CHANNEL)
    assert refused.verdict is Verdict.REFUSED
    assert [reason["code"] for reason in refused.reasons] == ["total-fell"]
    (post,) = decode_posts(refused.raw or "")
    assert post.url == sources.link()
    assert (await sources.stored())[0] is None


async def test_a_lost_digit_in_a_published_change_is_held_and_the_apis_figures_go_out(
    sources: Sources,
) -> None:
    sources.channel.trap(DAY, lost_change_digit="personnel_units")  # (+100) read as (+10)
    sources.channel.publish_until(DAY)

    held = await sources.poll(CHANNEL)
    assert ([r.date for r in held.held], held.stored, held.campaigns) == ([DAY], 0, 0)
    assert [r.verdict for r in await sources.recorded(CHANNEL)] == [Verdict.HELD]
    sources.api.publish_until(DAY)

    valid = await sources.poll(API)

    assert (valid.new_reports, valid.campaigns) == ((DAY,), 1)
    assert len(valid.disagreements) == 1
    report, stored_by = await sources.stored()
    assert report is not None
    assert (report.changes["personnel_units"], stored_by) == (100, API)


async def test_a_held_post_confirmed_by_the_api_goes_out_as_the_official_post(
    sources: Sources,
) -> None:
    sources.channel.trap(DAY, lost_change_digit="personnel_units")
    sources.channel.publish_until(DAY)
    await sources.poll(CHANNEL)
    sources.api.add(api_record(personnel_units=10) | {"stats": api_record()["stats"]})
    sources.api.publish_until(DAY)  # the same figures: a correction day after all

    confirmed = await sources.poll(API)

    assert (confirmed.new_reports, confirmed.disagreements) == ((DAY,), ())
    report, stored_by = await sources.stored()
    assert report is not None
    assert (report.changes["personnel_units"], report.source_url) == (10, sources.link())
    assert stored_by == CHANNEL


async def test_a_post_that_is_no_whole_report_is_kept_without_a_date_once(
    sources: Sources,
) -> None:
    sources.channel.split(DAY, half=True)  # part 2 of 2 never appears
    sources.channel.publish_until(DAY)

    first, second = await sources.poll(CHANNEL), await sources.poll(CHANNEL)

    assert [reading.date for reading in first.refused] == [None]
    assert second.refused == ()
    (kept,) = await sources.recorded(CHANNEL, None)
    assert [reason["code"] for reason in kept.reasons] == ["part-missing"]
    assert json.loads(kept.raw or "")[0]["url"] == sources.link()


async def test_an_edited_post_revises_the_report_and_announces_nothing_again(
    sources: Sources,
) -> None:
    sources.channel.publish_until(DAY)
    await sources.poll(CHANNEL)
    report, _ = await sources.stored()
    assert report is not None
    tanks = report.totals["tanks"]
    edited = Report(
        DAY,
        {**report.totals, "tanks": tanks + 1},
        {**report.changes, "tanks": report.changes["tanks"] + 1},
    )
    sources.channel.edit(DAY, edited)

    revised = await sources.poll(CHANNEL)

    assert (revised.revised, revised.campaigns) == ((DAY,), 0)
    report, stored_by = await sources.stored()
    assert report is not None
    assert (report.totals["tanks"], stored_by) == (tanks + 1, CHANNEL)


async def test_a_correction_the_api_already_gave_is_accepted_as_the_post_is_read(
    sources: Sources,
) -> None:
    sources.api.add(api_record(personnel_units=10) | {"stats": api_record()["stats"]})
    sources.api.publish_until(DAY)
    await sources.poll(API)
    sources.channel.trap(DAY, lost_change_digit="personnel_units")  # the same figures
    sources.channel.publish_until(DAY)

    read = await sources.poll(CHANNEL)

    assert (read.held, read.disagreements, read.stored, read.revised) == ((), (), 0, ())
    assert [r.verdict for r in await sources.recorded(CHANNEL)] == [Verdict.ACCEPTED]
