"""The channel reader against the fake channel page: reports, paging, split and edited posts,
every fault of the page, and its manners (pace, Retry-After, User-Agent)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.post_checks import check_report
from bot.domain.post_readings import PostReading, read_reports
from bot.domain.post_refusals import PartMissing, TotalFell
from bot.sources import ChannelReader, ChannelUnavailable, RetryPolicy, UnavailableKind
from bot.sources.channel_raw import decode_posts
from tests.fakes.channel_page import (
    Blocked,
    ChangedShape,
    Down,
    Empty,
    FakeChannel,
    Fault,
    HttpError,
    Slow,
    TooManyRequests,
)
from tests.support.dataset import history_reports, report_of
from tests.support.fixtures_channel import FAST_CHANNEL_RETRY, FAST_PACE

KYIV = ZoneInfo("Europe/Kyiv")
LAST = history_reports()[-1]


def link(channel: FakeChannel, day: date) -> str:
    return f"https://t.me/GeneralStaffZSU/{channel.report_post(day).id}"


def newer_posts(channel: FakeChannel, count: int) -> None:
    """`count` other posts on the evening of the last day, after everything else."""
    evening = datetime.combine(LAST.date, datetime.min.time(), KYIV) + timedelta(hours=21)
    for minute in range(count):
        channel.add_post(f"Новина {minute}", evening + timedelta(minutes=minute))


async def test_the_latest_report_is_read_with_a_link_to_its_post(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    latest = await channel_reader.latest()

    assert latest == replace(LAST, source_url=link(channel_page, LAST.date))
    assert channel_page.requests == ["/s/GeneralStaffZSU"]


async def test_the_evening_posts_after_the_report_do_not_hide_it(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    day = date(2024, 12, 23)  # a Monday: the weekly summary comes in the evening
    channel_page.publish_at(datetime.combine(day, datetime.min.time(), KYIV) + timedelta(hours=23))

    latest = await channel_reader.latest()

    assert (latest.date, dict(latest.totals)) == (day, dict(report_of("2024-12-23").totals))


async def test_a_report_scrolled_off_the_newest_page_is_found_on_the_page_before(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    newer_posts(channel_page, 25)

    latest = await channel_reader.latest()

    assert latest.date == LAST.date
    assert len(channel_page.requests) == 2
    assert channel_page.requests[1].startswith("/s/GeneralStaffZSU?before=")


async def test_without_a_losses_post_on_its_pages_the_reader_says_so(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    newer_posts(channel_page, 100)

    with pytest.raises(ChannelUnavailable) as raised:
        await channel_reader.latest()

    assert raised.value.kind is UnavailableKind.NO_REPORT
    assert len(channel_page.requests) == 3


async def test_a_split_report_with_its_first_part_on_the_page_before_is_joined(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    channel_page.split(LAST.date)
    second = channel_page.report_post(LAST.date).id + 1
    already_after = sum(post.id > second for post in channel_page.page_posts())
    newer_posts(channel_page, 19 - already_after)
    assert channel_page.page_posts()[0].id == second

    latest = await channel_reader.latest()

    assert dict(latest.totals) == dict(LAST.totals)
    assert len(channel_page.requests) == 2


async def test_half_a_split_report_is_refused_and_kept_raw(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    channel_page.split(LAST.date, half=True)

    with pytest.raises(ChannelUnavailable) as raised:
        await channel_reader.latest()
    observation = await channel_reader.observe()

    assert raised.value.kind is UnavailableKind.REFUSED
    assert (observation.report, observation.refusal) == (None, PartMissing((2,), 2))
    assert [post.id for post in decode_posts(observation.raw)] == [
        channel_page.report_post(LAST.date).id
    ]


async def test_an_edited_post_is_read_with_its_new_figures_as_a_revision(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    corrected = replace(LAST, totals={**LAST.totals, "tanks": LAST.totals["tanks"] + 1})
    channel_page.edit(LAST.date, replace(corrected, changes={**LAST.changes, "tanks": 5}))

    observation = await channel_reader.observe()

    assert observation.revision
    assert observation.report is not None
    assert (observation.report.totals["tanks"], observation.report.changes["tanks"]) == (
        LAST.totals["tanks"] + 1,
        5,
    )


async def test_the_observation_keeps_the_posts_raw_enough_to_read_them_again(
    channel_reader: ChannelReader,
) -> None:
    observation = await channel_reader.observe()

    (again,) = read_reports(decode_posts(observation.raw))

    assert observation.source == "channel"
    assert isinstance(again, PostReading)
    assert again.report == observation.report
    assert observation.locator == again.report.source_url


async def test_a_past_report_and_the_recent_history_are_found_by_paging_back(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    week_ago = LAST.date - timedelta(days=7)

    on_date = await channel_reader.on_date(week_ago)
    pages = [page async for page in channel_reader.history(date_from=week_ago)]

    assert on_date is not None
    assert on_date.date == week_ago
    assert [report.date for report in pages[0]] == [week_ago + timedelta(days=n) for n in range(8)]


async def test_a_date_beyond_the_pages_it_may_read_is_not_taken_for_a_gap(
    channel_reader: ChannelReader,
) -> None:
    with pytest.raises(ChannelUnavailable) as raised:
        await channel_reader.on_date(date(2023, 1, 1))

    assert raised.value.kind is UnavailableKind.NO_REPORT


async def test_a_header_typo_on_the_page_is_mended_to_the_day_of_the_post(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    channel_page.trap(LAST.date, written_date="08.07.26")

    reading = await channel_reader.latest_reading()

    assert isinstance(reading, PostReading)
    assert (reading.report.date, reading.header.mended) == (LAST.date, True)


async def test_a_lost_digit_on_the_page_is_read_as_written_and_refused_by_the_check(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    channel_page.trap(LAST.date, lost_digit="tanks")

    latest = await channel_reader.latest()

    assert latest.totals["tanks"] == 1251
    assert isinstance(check_report(latest, history_reports()[-2]), TotalFell)


async def test_a_date_without_a_report_is_none() -> None:
    gap = LAST.date - timedelta(days=2)
    reports = [report for report in history_reports() if report.date != gap]
    async with FakeChannel(reports) as channel:
        reader = ChannelReader(channel.url, poll_interval=FAST_PACE, retry=FAST_CHANNEL_RETRY)
        try:
            assert await reader.on_date(gap) is None
        finally:
            await reader.aclose()


@pytest.mark.parametrize(
    "fault",
    [Down(), HttpError(502), HttpError(503), TooManyRequests("0"), TooManyRequests(None), Slow(5)],
    ids=["down", "502", "503", "429-retry-after", "429-bare", "slow"],
)
async def test_one_failed_request_is_retried(
    channel_page: FakeChannel, channel_reader: ChannelReader, fault: Fault
) -> None:
    channel_page.inject(fault)

    assert (await channel_reader.latest()).date == LAST.date
    assert len(channel_page.requests) == 2


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (Down(), UnavailableKind.DOWN),
        (HttpError(500), UnavailableKind.DOWN),
        (TooManyRequests("0"), UnavailableKind.RATE_LIMITED),
        (Slow(5), UnavailableKind.SLOW),
    ],
    ids=["down", "500", "429", "slow"],
)
async def test_a_page_failing_every_attempt_is_unavailable_without_a_traceback(
    channel_page: FakeChannel,
    channel_reader: ChannelReader,
    fault: Fault,
    kind: UnavailableKind,
    caplog: pytest.LogCaptureFixture,
) -> None:
    channel_page.inject(*[fault] * FAST_CHANNEL_RETRY.attempts)

    with caplog.at_level(logging.WARNING), pytest.raises(ChannelUnavailable) as raised:
        await channel_reader.latest()

    assert raised.value.kind is kind
    assert len(channel_page.requests) == FAST_CHANNEL_RETRY.attempts
    assert [record.exc_info for record in caplog.records] == [None] * len(caplog.records)


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (Blocked(redirect=True), UnavailableKind.BLOCKED),
        (Blocked(redirect=False), UnavailableKind.BLOCKED),
        (HttpError(404), UnavailableKind.BLOCKED),
        (Empty(), UnavailableKind.EMPTY),
        (ChangedShape(), UnavailableKind.CHANGED_SHAPE),
    ],
    ids=["redirect-to-card", "card", "404", "empty", "changed-shape"],
)
async def test_a_page_that_is_no_channel_history_is_unavailable_at_once(
    channel_page: FakeChannel, channel_reader: ChannelReader, fault: Fault, kind: UnavailableKind
) -> None:
    channel_page.inject(fault)

    with pytest.raises(ChannelUnavailable) as raised:
        await channel_reader.latest()

    assert raised.value.kind is kind
    assert channel_page.requests == ["/s/GeneralStaffZSU"]
    assert (await channel_reader.latest()).date == LAST.date


async def test_an_unreachable_page_is_down() -> None:
    async with FakeChannel() as channel:
        url = channel.url
    reader = ChannelReader(url, poll_interval=FAST_PACE, retry=FAST_CHANNEL_RETRY)
    try:
        with pytest.raises(ChannelUnavailable) as raised:
            await reader.latest()
    finally:
        await reader.aclose()

    assert raised.value.kind is UnavailableKind.DOWN


@pytest.fixture
async def patient_reader(channel_page: FakeChannel) -> AsyncIterator[ChannelReader]:
    retry = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.5)
    reader = ChannelReader(channel_page.url, poll_interval=FAST_PACE, retry=retry)
    yield reader
    await reader.aclose()


async def test_retry_after_is_waited_out_before_asking_again(
    channel_page: FakeChannel, patient_reader: ChannelReader
) -> None:
    channel_page.inject(TooManyRequests("0.3"))

    await patient_reader.latest()

    first, second = channel_page.seen
    assert second.at - first.at >= 0.3


async def test_a_retry_after_longer_than_the_reader_waits_holds_every_request(
    channel_page: FakeChannel, patient_reader: ChannelReader
) -> None:
    channel_page.inject(TooManyRequests("3600"))

    for _ in range(2):
        with pytest.raises(ChannelUnavailable) as raised:
            await patient_reader.latest()
        assert raised.value.kind is UnavailableKind.RATE_LIMITED

    assert len(channel_page.requests) == 1


async def test_never_more_than_one_request_per_poll_interval(channel_page: FakeChannel) -> None:
    interval = 0.5
    reader = ChannelReader(channel_page.url, poll_interval=interval, retry=FAST_CHANNEL_RETRY)
    channel_page.inject(HttpError(502))
    try:
        await reader.latest()
        await reader.latest()
    finally:
        await reader.aclose()

    times = [seen.at for seen in channel_page.seen]
    assert len(times) == 3
    # The server notes each request when it arrives, a little after the limiter let it go, and
    # on a busy machine a little more for one request than for the next: hence the margin.
    # Without the limiter the retries (no backoff here) arrive a few milliseconds apart.
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) > interval * 0.7


async def test_the_user_agent_names_the_bot(
    channel_page: FakeChannel, channel_reader: ChannelReader
) -> None:
    await channel_reader.latest()

    assert channel_page.seen[0].user_agent.startswith("losses-bot/")
