"""The channel reader's one seam onto the retry policy: ask again with backoff and jitter, and
wait as long as `Retry-After` asks (giving up at once when that is longer than the policy's
longest wait).

It uses `RetryPolicy` (`bot/sources/retry.py`) as it stands, through `backoff(attempt)` and
`honour(seconds)` only. When the sources move to tenacity, `retrying` is the one place to
change (or `channel.py` imports the new module's equivalent in its place): the reader calls
nothing else of the policy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.sources.errors import ChannelUnavailable, UnavailableKind
from bot.sources.retry import RetryPolicy

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class Retry(Exception):
    """An attempt that failed in a way another attempt may not (a timeout, a 5xx, a 429)."""

    def __init__(self, kind: UnavailableKind, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.retry_after = retry_after


async def retrying(policy: RetryPolicy, attempt: Callable[[], Awaitable[_T]], *, what: str) -> _T:
    """`attempt()` until it succeeds, at most `policy.attempts` times; `ChannelUnavailable` when
    the last one fails with `Retry`. Any other exception passes through at once."""
    for number in range(1, policy.attempts + 1):
        try:
            return await attempt()
        except Retry as failure:
            asked = failure.retry_after
            if number == policy.attempts or (asked is not None and asked > policy.max_delay):
                # Asking again before Retry-After has passed would only be refused again.
                raise ChannelUnavailable(failure.kind, failure.reason) from None
            delay = policy.backoff(number) if asked is None else policy.honour(asked)
            log.warning(
                "channel %s: attempt %d of %d failed (%s); retrying in %.2f s",
                what,
                number,
                policy.attempts,
                failure.reason,
                delay,
                extra={"attempt": number, "reason": failure.reason, "delay": delay},
            )
            await asyncio.sleep(delay)
    raise AssertionError("a retry policy makes at least one attempt")
