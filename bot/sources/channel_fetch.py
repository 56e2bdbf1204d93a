"""The channel reader's manners: how one page of the preview is fetched.

Never more than one request per `poll_interval` (CHANNEL_POLL_INTERVAL), however many calls,
retries and pages (aiolimiter); a `Retry-After` holds every request until it has passed, and a
request that would have to wait longer than the retry policy's longest wait fails at once
instead; a timeout on every request; retries of timeouts, resets, 5xx and 429 with backoff and
jitter through `channel_retry.retrying`, the one seam onto the retry policy; a User-Agent that
names the bot; no redirect followed (t.me redirects when the preview is not available). Every
fault ends as `ChannelUnavailable` with its kind and a reason, never a traceback.
"""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from aiolimiter import AsyncLimiter

from bot.sources.channel_page import ChannelPage, PageUnreadable, parse_page
from bot.sources.channel_retry import Retry, retrying
from bot.sources.errors import ChannelUnavailable, UnavailableKind
from bot.sources.retry import RetryPolicy

USER_AGENT = "losses-bot/0.1 (Telegram bot relaying the General Staff's daily figures)"


class PageFetcher:
    """Fetches pages of the channel preview at `url` (`https://t.me/s/<channel>`)."""

    def __init__(
        self,
        url: str,
        *,
        poll_interval: float,
        timeout: float,
        retry: RetryPolicy,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._url = httpx.URL(url)
        self.channel = self._url.path.rstrip("/").rpartition("/")[2]
        self._timeout = timeout
        self._retry = retry
        self._pace = AsyncLimiter(1, poll_interval)
        self._held_until = 0.0
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept": "text/html"}, follow_redirects=False
        )

    async def page(self, before: int | None = None) -> ChannelPage:
        """The newest page, or the one before post `before`; raises `ChannelUnavailable`."""
        what = "page" if before is None else f"page before {before}"
        return await retrying(self._retry, lambda: self._attempt(before), what=what)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def _attempt(self, before: int | None) -> ChannelPage:
        await self._wait_turn()
        params = {} if before is None else {"before": str(before)}
        try:
            response = await self._http.get(self._url, params=params, timeout=self._timeout)
        except httpx.TimeoutException:
            raise Retry(UnavailableKind.SLOW, "timeout") from None
        except httpx.TransportError as error:
            reason = f"connection error ({type(error).__name__})"
            raise Retry(UnavailableKind.DOWN, reason) from None
        status = response.status_code
        if status == 429:
            asked = _retry_after(response)
            if asked is not None:
                self._held_until = asyncio.get_running_loop().time() + asked
            raise Retry(UnavailableKind.RATE_LIMITED, "HTTP 429", asked)
        if status >= 500:
            raise Retry(UnavailableKind.DOWN, f"HTTP {status}")
        if response.is_redirect:
            where = response.headers.get("Location", "?")
            raise ChannelUnavailable(UnavailableKind.BLOCKED, f"redirected to {where}")
        if status != 200:
            raise ChannelUnavailable(UnavailableKind.BLOCKED, f"HTTP {status}")
        try:
            # BeautifulSoup takes some 15 ms a page: off the event loop.
            return await asyncio.to_thread(parse_page, response.content, self.channel)
        except PageUnreadable as error:
            raise ChannelUnavailable(error.kind, error.reason) from None

    async def _wait_turn(self) -> None:
        """Wait out a Retry-After hold (or fail at once if it is long), then the pace."""
        held = self._held_until - asyncio.get_running_loop().time()
        if held > self._retry.max_delay:
            raise ChannelUnavailable(
                UnavailableKind.RATE_LIMITED, f"Retry-After holds requests for {held:.0f} s more"
            )
        if held > 0:
            await asyncio.sleep(held)
        await self._pace.acquire()


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds, given as seconds or as an HTTP date; None if absent or garbage."""
    raw = response.headers.get("Retry-After")
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None
