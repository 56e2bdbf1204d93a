"""The channel reader: the General Staff's own post, read from the channel's public preview.

A second `FiguresSource` beside the API client, reading `LOSSES_CHANNEL_URL`
(`https://t.me/s/GeneralStaffZSU`). It asks for the newest page and, when the posts it needs
have scrolled off (the morning's report behind the day's other posts, the first part of a split
report), pages back with `?before=<id>`: at most `max_pages` pages for the latest report,
`history_pages` for a past date or the recent history. How each page is fetched (pace,
Retry-After, retries, timeouts) is `channel_fetch.PageFetcher`'s business; what the posts say
is the domain parser's (`bot/domain/post_*.py`). A post that cannot be read whole is refused,
never half-used; the check against the report before it comes after, in the caller.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, date, datetime

import httpx

from bot.domain.post_header import KYIV
from bot.domain.post_parser import ChannelPost
from bot.domain.post_readings import PostReading, PostRefused, Reading, read_reports
from bot.domain.post_refusals import PartMissing, describe
from bot.domain.reports import Report
from bot.sources.channel_fetch import PageFetcher
from bot.sources.channel_raw import encode_posts
from bot.sources.errors import ChannelUnavailable, UnavailableKind
from bot.sources.protocol import Observation
from bot.sources.retry import RetryPolicy

log = logging.getLogger(__name__)

CHANNEL_RETRY = RetryPolicy(attempts=3, base_delay=2.0, max_delay=60.0)
Clock = Callable[[], datetime]


class ChannelReader:
    """Reads daily reports from the channel preview at `url`."""

    name = "channel"

    def __init__(
        self,
        url: str,
        *,
        poll_interval: float,
        timeout: float = 10.0,
        retry: RetryPolicy = CHANNEL_RETRY,
        max_pages: int = 3,
        history_pages: int = 10,
        http: httpx.AsyncClient | None = None,
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        if max_pages < 1 or history_pages < 1:
            raise ValueError("the reader reads at least one page")
        self._fetcher = PageFetcher(
            url, poll_interval=poll_interval, timeout=timeout, retry=retry, http=http
        )
        self._max_pages = max_pages
        self._history_pages = history_pages
        self._clock = clock

    async def latest_reading(self) -> Reading:
        """The newest daily losses post, read or refused (with its raw posts)."""
        readings, _ = await self._readings(pages=self._max_pages)
        if not readings:
            raise ChannelUnavailable(
                UnavailableKind.NO_REPORT, f"no losses post in the newest {self._max_pages} pages"
            )
        return readings[-1]

    async def observe(self) -> Observation:
        reading = await self.latest_reading()
        return Observation(
            source=self.name,
            read_at=self._clock(),
            raw=encode_posts(reading.posts),
            report=reading.report if isinstance(reading, PostReading) else None,
            refusal=reading.refusal if isinstance(reading, PostRefused) else None,
            revision=any(post.edited for post in reading.posts),
            locator=reading.posts[0].url,
        )

    async def latest(self) -> Report:
        return _report(await self.latest_reading())

    async def on_date(self, report_date: date) -> Report | None:
        readings, reached = await self._readings(pages=self._history_pages, back_to=report_date)
        found = [
            reading
            for reading in readings
            if (reading.report.date if isinstance(reading, PostReading) else _day(reading))
            == report_date
        ]
        if not found and not reached:
            raise ChannelUnavailable(
                UnavailableKind.NO_REPORT,
                f"{report_date} lies beyond the newest {self._history_pages} pages",
            )
        return _report(found[-1]) if found else None

    async def history(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> AsyncIterator[list[Report]]:
        """The reports on the newest `history_pages` pages (fewer when `date_from` is reached),
        ascending; a refused post is logged and left out."""
        readings, _ = await self._readings(pages=self._history_pages, back_to=date_from or date.min)
        by_date: dict[date, Report] = {}
        for reading in readings:
            if isinstance(reading, PostRefused):
                reason = describe(reading.refusal)
                log.warning("channel: post %s refused: %s", _ids(reading), reason)
                continue
            day = reading.report.date
            if (date_from is None or day >= date_from) and (date_to is None or day <= date_to):
                by_date[day] = reading.report
        if by_date:
            yield [by_date[day] for day in sorted(by_date)]

    async def aclose(self) -> None:
        await self._fetcher.aclose()

    async def _readings(
        self, *, pages: int, back_to: date | None = None
    ) -> tuple[list[Reading], bool]:
        """The losses posts of up to `pages` newest pages: enough to hold the newest one whole,
        or to reach back past `back_to`; and whether that was reached (or the channel's start)."""
        posts: dict[int, ChannelPost] = {}
        before: int | None = None
        readings: list[Reading] = []
        for _ in range(pages):
            page = await self._fetcher.page(before)
            posts.update((post.id, post) for post in page.posts)
            readings = read_reports(posts.values())
            if page.before is None or _enough(readings, posts, back_to):
                return readings, True
            before = page.before
        return readings, False


def _enough(
    readings: Sequence[Reading], posts: dict[int, ChannelPost], back_to: date | None
) -> bool:
    """Whether the posts read so far answer the question, or an older page is needed."""
    oldest = min(posts)
    if back_to is not None:
        return posts[oldest].published.astimezone(KYIV).date() < back_to
    if not readings:
        return False
    newest = readings[-1]
    orphan = (
        isinstance(newest, PostRefused)
        and isinstance(newest.refusal, PartMissing)
        and 1 in newest.refusal.missing
    )
    return not (orphan and newest.posts[0].id == oldest)


def _report(reading: Reading) -> Report:
    if isinstance(reading, PostRefused):
        raise ChannelUnavailable(
            UnavailableKind.REFUSED, f"post {_ids(reading)}: {describe(reading.refusal)}"
        )
    return reading.report


def _day(reading: PostRefused) -> date:
    return reading.posts[0].published.astimezone(KYIV).date()


def _ids(reading: Reading) -> str:
    return "+".join(str(post.id) for post in reading.posts)
