"""How often and how long a reader of upstream waits before asking again: one policy for every
source (the figures API, the official post's channel), built on tenacity.

An attempt that fails in a way that may heal raises `Retryable` (with the wait upstream asked for
in Retry-After, if it did); anything else is final at once. Waits grow exponentially with full
jitter (`base_delay × 2**n`, drawn at random below it, at most `max_delay`), so that clients do
not retry in step; a Retry-After is honoured as given, up to `max_delay`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)
from tenacity.stop import stop_base
from tenacity.wait import wait_base

BeforeSleep = Callable[[RetryCallState], Awaitable[None] | None]


class Retryable(Exception):
    """An attempt failed in a way that may heal ("not available now"): try again later.

    `reason` names the failure (e.g. "HTTP 503", "timeout"); `retry_after` is the wait upstream
    asked for, in seconds, if it did.
    """

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _RetryAfterOr(wait_base):
    """Upstream's Retry-After when it gave one (capped), else the fallback's wait."""

    def __init__(self, fallback: wait_base, cap: float) -> None:
        self._fallback = fallback
        self._cap = cap

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None and outcome.failed else None
        if isinstance(error, Retryable) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self._cap)
        return float(self._fallback(retry_state))


class _AskedLongerThan(stop_base):
    """Stop when upstream asked (Retry-After) for a longer wait than `cap`."""

    def __init__(self, cap: float) -> None:
        self._cap = cap

    def __call__(self, retry_state: RetryCallState) -> bool:
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None and outcome.failed else None
        asked = error.retry_after if isinstance(error, Retryable) else None
        return asked is not None and asked > self._cap


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Up to `attempts` attempts in all; waits grow as `base_delay * 2**n` up to `max_delay`."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base_delay < 0 or self.max_delay < 0:
            raise ValueError(f"not a retry policy: {self!r}")

    def retrying(
        self, before_sleep: BeforeSleep | None = None, *, patient: bool = True
    ) -> AsyncRetrying:
        """A tenacity controller: `async for attempt in policy.retrying(): with attempt: ...`.

        The last `Retryable` is re-raised once the attempts are spent. A Retry-After longer than
        `max_delay` is waited for `max_delay` and tried again, unless `patient=False`: then the
        controller gives up at once (asking again before then would only be refused again).
        """
        backoff = wait_random_exponential(multiplier=self.base_delay, max=self.max_delay)
        stop = stop_after_attempt(self.attempts)
        return AsyncRetrying(
            stop=stop if patient else stop | _AskedLongerThan(self.max_delay),
            wait=_RetryAfterOr(backoff, self.max_delay),
            retry=retry_if_exception_type(Retryable),
            before_sleep=before_sleep,
            reraise=True,
        )
