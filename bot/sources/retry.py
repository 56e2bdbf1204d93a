"""How often and how long the figures client waits before asking upstream again."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Up to `attempts` requests in all; waits grow as `base_delay * 2**n` up to `max_delay`."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base_delay < 0 or self.max_delay < 0:
            raise ValueError(f"not a retry policy: {self!r}")

    def backoff(self, attempt: int) -> float:
        """The wait after failed attempt `attempt` (1-based), with jitter.

        The jitter spreads the retries of several clients ("equal jitter": half fixed, half random).
        """
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def honour(self, retry_after: float) -> float:
        """The wait that upstream asked for (Retry-After), capped by `max_delay`."""
        return min(max(retry_after, 0.0), self.max_delay)
