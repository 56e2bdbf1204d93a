"""A fake of the General Staff's channel preview, `https://t.me/s/GeneralStaffZSU`, on 127.0.0.1.

    async with FakeChannel() as channel:        # channel.url = http://127.0.0.1:P/s/GeneralStaffZSU
        channel.publish_until(date(2024, 1, 1)) # the page ends with that morning's report
        channel.split(date(2024, 1, 1))         # traps on one report: split, edit, typos, digits
        channel.wording = Wording(separator=" ")  # the typography of every post
        channel.inject(TooManyRequests("3"))    # the next request fails that way
        channel.fail_always(Down(), Empty())    # every request fails, in turn, until cleared

Built from the real history: every report is a photo post with its text as the caption, written
in its era's wording (`tests/fakes/channel_posts.py`), published on its morning (Kyiv), among the
channel's other posts (operational updates morning and evening that mention losses, a weekly
summary with figure-like lines, an anniversary post quoting the losses header mid-text, photos
without captions). Each page holds the newest 20 posts before `?before=<id>`, oldest first.

Fidelity, and where it is uncertain:
- Markup: taken from pages saved from t.me/s/ by other projects (2023-2026). Class names, the
  `data-post`, `time[datetime]` in UTC, "edited &nbsp;" in the meta, photo wraps, emoji and
  hashtags are as seen there. Telegram changes this markup without notice.
- Paging: `?before=N` gives posts with ids below N; real pages hold "about 20 messages", an album
  counting each photo, so a real page may hold fewer posts. Ids here leave gaps, as deleted
  posts and albums do there.
- Faults: how t.me answers a flood (429, Retry-After or not) is not documented and was never
  observed by the projects we read; a channel without a preview answers with a redirect to
  `t.me/<channel>` (observed for a missing channel); "preview unavailable" as a 200 card page
  is modelled on t.me's channel card. Connection resets were observed (about 4 % of requests
  at one request per second through a proxy).
- Wording: 2022 lines are modelled on two real posts (30.04.2022, 21.08.2022); 2023 lines on a
  real post of September 2023. Not seen by us: how a first value (cruise missiles on 2022-05-01,
  ground robotic systems on 2026-05-03) and a negative published change are written (here
  `(+84)` and `(-3)`); where the General Staff put `(1/2)` in a split post (here at the end of
  part 1's header and as part 2's first line); which separator each day's post used (here one
  of the three per post, from 2025); the ground robotic systems line's words; the other posts'
  exact texts. The parser is written for more variety than the fake produces (unit tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType

from aiohttp import web

from bot.domain.reports import Report
from tests.fakes.channel_html import PagePost, blocked_page, changed_page, channel_page
from tests.fakes.channel_posts import Wording
from tests.fakes.channel_timeline import Timeline
from tests.support.dataset import history_reports

CHANNEL = "GeneralStaffZSU"
PAGE_SIZE = 20


@dataclass(frozen=True)
class Down:
    """The connection is dropped without an answer."""


@dataclass(frozen=True)
class HttpError:
    status: int = 502


@dataclass(frozen=True)
class TooManyRequests:
    retry_after: str | None = "3"


@dataclass(frozen=True)
class Slow:
    """Answer only after `seconds` (longer than any timeout in the tests)."""

    seconds: float = 30.0


@dataclass(frozen=True)
class Blocked:
    """No preview: a redirect to the channel's card (`redirect`), or the card itself with 200."""

    redirect: bool = True


@dataclass(frozen=True)
class Empty:
    """A history without posts ("No posts found")."""


@dataclass(frozen=True)
class ChangedShape:
    """The posts in a markup the reader does not know."""


Fault = Down | HttpError | TooManyRequests | Slow | Blocked | Empty | ChangedShape


@dataclass(frozen=True)
class Seen:
    """One request as the fake received it."""

    path: str
    at: float
    """`time.monotonic()` on arrival."""
    user_agent: str


class FakeChannel:
    """The fake page; `seen` logs each request (path with its query, time, User-Agent)."""

    def __init__(self, reports: Iterable[Report] | None = None, *, others: bool = True) -> None:
        self.url = ""
        self.seen: list[Seen] = []
        chosen = history_reports() if reports is None else reports
        self.timeline = Timeline({report.date: report for report in chosen}, others=others)
        self._until: datetime | None = None
        self._faults: deque[Fault] = deque()
        self._always: tuple[Fault, ...] = ()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None

    @property
    def requests(self) -> list[str]:
        """The paths requested, with their queries, in order."""
        return [seen.path for seen in self.seen]

    # Controls.

    @property
    def wording(self) -> Wording:
        return self.timeline.wording

    @wording.setter
    def wording(self, wording: Wording) -> None:
        self.timeline.wording = wording

    def publish_until(self, day: date | None) -> None:
        """The page ends with the report of `day` (the posts before it included); None: all."""
        self._until = None if day is None else self.timeline.report_slot(day).published

    def publish_at(self, moment: datetime | None) -> None:
        """Only posts published up to `moment` (aware) are visible; None: all."""
        self._until = moment

    def trap(self, day: date, **changes: object) -> None:
        """Traps on the report of `day`: any field of `tests.fakes.channel_timeline.Trap`."""
        self.timeline.set_trap(day, **changes)

    def split(self, day: date, *, half: bool = False) -> None:
        """The report of `day` in two posts; `half`: the second part never appears."""
        self.trap(day, split=True, half=half)

    def edit(self, day: date, report: Report) -> None:
        """The post of `day` now shows `report`'s figures and is marked edited."""
        self.trap(day, edited=True, report=report)

    def add_post(self, text: str | None, published: datetime, *, photo: bool = False) -> int:
        """Another post (newer than every post of the history); its id."""
        return self.timeline.add(text, published, photo)

    def inject(self, *faults: Fault) -> None:
        """The next requests fail in these ways, one fault per request, in order."""
        self._faults.extend(faults)

    def fail_always(self, *faults: Fault) -> None:
        """Every request from now on fails, in these ways in turn (none: the page is back)."""
        self._always = faults

    def report_post(self, day: date) -> PagePost:
        """The (first) post of the report of `day`, as the page shows it."""
        return self.timeline.post(self.timeline.report_slot(day))

    def page_posts(self, before: int | None = None) -> list[PagePost]:
        """The posts of the page `?before=` (None: the newest page), ascending."""
        slots = self.timeline.visible(self._until)
        if before is not None:
            slots = [slot for slot in slots if slot.id < before]
        return [self.timeline.post(slot) for slot in slots[-PAGE_SIZE:]]

    # The server.

    async def __aenter__(self) -> FakeChannel:
        app = web.Application()
        app.router.add_get("/s/{channel}", self._page)
        app.router.add_get("/{channel}", self._card)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.root = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        self.url = f"{self.root}/s/{CHANNEL}"
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _page(self, request: web.Request) -> web.StreamResponse:
        agent = request.headers.get("User-Agent", "")
        self.seen.append(Seen(request.path_qs, time.monotonic(), agent))
        channel = request.match_info["channel"]
        fault = self._faults.popleft() if self._faults else None
        if fault is None and self._always:
            fault = self._always[len(self.seen) % len(self._always)]
        if channel != CHANNEL:
            raise web.HTTPFound("https://t.me/")
        try:
            before = int(request.query["before"]) if "before" in request.query else None
        except ValueError:
            before = None
        match fault:
            case Down():
                assert request.transport is not None
                request.transport.abort()
                return web.Response()
            case HttpError(status):
                return web.Response(status=status, text="Bad Gateway")
            case TooManyRequests(retry_after):
                headers = {} if retry_after is None else {"Retry-After": retry_after}
                return web.Response(status=429, text="Too Many Requests", headers=headers)
            case Slow(seconds):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), seconds)
            case Blocked(redirect=True):
                raise web.HTTPFound(f"/{CHANNEL}")
            case Blocked(redirect=False):
                return _html(blocked_page(CHANNEL))
            case Empty():
                return _html(channel_page(CHANNEL, [], older=False, newer=False))
            case ChangedShape():
                return _html(changed_page(CHANNEL, self.page_posts(before)))
        posts = self.page_posts(before)
        all_ids = [slot.id for slot in self.timeline.visible(self._until)]
        older = bool(posts) and all_ids[0] < posts[0].id
        newer = bool(posts) and all_ids[-1] > posts[-1].id
        return _html(channel_page(CHANNEL, posts, older=older, newer=newer))

    async def _card(self, request: web.Request) -> web.Response:
        agent = request.headers.get("User-Agent", "")
        self.seen.append(Seen(request.path_qs, time.monotonic(), agent))
        return _html(blocked_page(request.match_info["channel"]))


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html")
