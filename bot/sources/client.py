"""The russianwarship.rip API v2 client: one pooled connection pool, retries, strict validation.

Timeouts, connection errors, 5xx, 429 and answers that are not a valid payload (HTML, malformed
JSON, an unexpected message, a record failing validation) mean "not available now": the request is
retried by the shared policy (`retry.py`), and `SourceUnavailable` is raised once the attempts are
spent. Each attempt has a total deadline (`deadline`: connect and every read together), since
httpx's own timeout bounds each read alone and an answer trickling a byte at a time never hits it.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import TypeVar

import httpx
from tenacity import RetryCallState

from bot.domain.reports import Report
from bot.sources.errors import InvalidPayload, SourceUnavailable
from bot.sources.payload import Page, parse_page, parse_report
from bot.sources.retry import Retryable, RetryPolicy

log = logging.getLogger(__name__)

PAGE_LIMIT = 50
NO_REPORT_STATUSES = frozenset({404, 422})
DEFAULT_RETRY = RetryPolicy()
_T = TypeVar("_T")


class RussianWarshipClient:
    """A `FiguresSource` reading the public API at `base_url` (e.g. `.../api/v2`)."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        deadline: float = 30.0,
        retry: RetryPolicy = DEFAULT_RETRY,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._base = httpx.URL(base_url.rstrip("/") + "/")
        self._timeout = timeout
        self._deadline = deadline
        self._retry = retry
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(
            headers={"Accept": "application/json", "User-Agent": "losses-bot"},
            follow_redirects=True,
        )

    async def latest(self) -> Report:
        return await self._fetch(self._base.join("statistics/latest"), _report)

    async def on_date(self, report_date: date) -> Report | None:
        url = self._base.join(f"statistics/{report_date.isoformat()}")
        return await self._fetch(url, _report_or_none)

    async def history(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> AsyncIterator[list[Report]]:
        params: dict[str, str | int] = {"offset": 0, "limit": PAGE_LIMIT}
        if date_from is not None:
            params["date_from"] = date_from.isoformat()
        if date_to is not None:
            params["date_to"] = date_to.isoformat()
        url: httpx.URL | None = self._base.join("statistics").copy_merge_params(params)
        visited: set[str] = set()
        while url is not None:
            if str(url) in visited:
                raise SourceUnavailable(f"paging returns to {url.path}")
            visited.add(str(url))
            page = await self._fetch(url, _page)
            if page.reports:
                yield list(page.reports)
            url = self._base.join(page.next_url) if page.next_url else None

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def _fetch(self, url: httpx.URL, parse: Callable[[httpx.Response], _T]) -> _T:
        def log_retry(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome is not None else None
            reason = error.reason if isinstance(error, Retryable) else repr(error)
            delay = state.next_action.sleep if state.next_action is not None else 0.0
            attempt, attempts = state.attempt_number, self._retry.attempts
            log.warning(
                "figures API %s: attempt %d of %d failed (%s); retrying in %.2f s",
                url.path,
                attempt,
                attempts,
                reason,
                delay,
                extra={"url_path": url.path, "attempt": attempt, "reason": reason, "delay": delay},
            )

        try:
            async for attempt in self._retry.retrying(before_sleep=log_retry):
                with attempt:
                    return await self._attempt(url, parse)
        except Retryable as error:
            raise SourceUnavailable(error.reason) from error
        raise AssertionError("the retry policy neither returned nor raised")  # pragma: no cover

    async def _attempt(self, url: httpx.URL, parse: Callable[[httpx.Response], _T]) -> _T:
        """One request, answered whole within the deadline and parsed; `Retryable` if not."""
        try:
            async with asyncio.timeout(self._deadline):
                response = await self._http.get(url, timeout=self._timeout)
        except TimeoutError:
            raise Retryable(f"no complete answer within {self._deadline:g} s") from None
        except httpx.TimeoutException:
            raise Retryable("timeout") from None
        except httpx.TransportError as error:
            raise Retryable(f"connection error ({type(error).__name__})") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise Retryable(f"HTTP {response.status_code}", _retry_after(response))
        try:
            return parse(response)
        except InvalidPayload as error:
            raise Retryable(error.reason) from None


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds; an HTTP-date or garbage falls back to our own backoff."""
    try:
        seconds = float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None
    return seconds if math.isfinite(seconds) else None


def _require_success(response: httpx.Response) -> None:
    # Other client errors will not heal by asking again: give up at once.
    if not response.is_success:
        raise SourceUnavailable(f"HTTP {response.status_code}")


def _report(response: httpx.Response) -> Report:
    _require_success(response)
    return parse_report(response.content)


def _report_or_none(response: httpx.Response) -> Report | None:
    if response.status_code in NO_REPORT_STATUSES:
        return None
    return _report(response)


def _page(response: httpx.Response) -> Page:
    _require_success(response)
    return parse_page(response.content)
