"""The channel reader's one seam onto the shared retry policy (`retry.py`, tenacity): ask again
with backoff and jitter, and wait as long as `Retry-After` asks, giving up at once when that is
longer than the policy's longest wait (asking again before then would only be refused again).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import RetryCallState

from bot.sources.errors import ChannelUnavailable, UnavailableKind
from bot.sources.retry import Retryable, RetryPolicy

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class Retry(Retryable):
    """An attempt that failed in a way another attempt may not (a timeout, a 5xx, a 429)."""

    def __init__(self, kind: UnavailableKind, reason: str, retry_after: float | None = None):
        super().__init__(reason, retry_after)
        self.kind = kind


async def retrying(policy: RetryPolicy, attempt: Callable[[], Awaitable[_T]], *, what: str) -> _T:
    """`attempt()` until it succeeds, at most `policy.attempts` times; `ChannelUnavailable` when
    the last one fails with `Retry`. Any other exception passes through at once."""

    def log_retry(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        reason = error.reason if isinstance(error, Retryable) else repr(error)
        delay = state.next_action.sleep if state.next_action is not None else 0.0
        number = state.attempt_number
        log.warning(
            "channel %s: attempt %d of %d failed (%s); retrying in %.2f s",
            what,
            number,
            policy.attempts,
            reason,
            delay,
            extra={"attempt": number, "reason": reason, "delay": delay},
        )

    try:
        async for turn in policy.retrying(before_sleep=log_retry, patient=False):
            with turn:
                return await attempt()
    except Retry as failure:
        raise ChannelUnavailable(failure.kind, failure.reason) from None
    raise AssertionError("a retry policy makes at least one attempt")  # pragma: no cover
