"""What `/healthz` checks: a short list of named checks, each saying what is wrong, if anything.

The composition root picks the checks that apply to this process: "updates" only where this
process consumes getUpdates (long polling; with replicas, the one that does), "poll" and "outbox"
where the poll job and the outbox worker run. The store is always checked, by the status read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.services.clock import Clock
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository

Problem = str | None
"""What is wrong, in a few words for an operator; None when all is well."""


@dataclass(frozen=True, slots=True)
class HealthCheck:
    """One named condition of health."""

    name: str
    problem: Callable[[], Awaitable[Problem]]


def seconds_since_check(
    name: str, seconds: Callable[[], float], limit: float, what: str
) -> HealthCheck:
    """Unhealthy when `seconds()` (since something last happened) exceeds `limit`."""

    async def problem() -> Problem:
        elapsed = seconds()
        return f"{what} {elapsed:.0f} s ago (limit {limit:g} s)" if elapsed > limit else None

    return HealthCheck(name, problem)


def outbox_check(database: Database, clock: Clock, stuck_after: float) -> HealthCheck:
    """Unhealthy when a delivery has been due for `stuck_after` seconds and nothing at all was
    sent meanwhile (a broadcast that is merely long keeps sending, and stays healthy)."""

    async def problem() -> Problem:
        now = clock.now()
        async with database.session() as session:
            oldest_due, last_sent = await DeliveryRepository(session).progress(now)
        limit = now - timedelta(seconds=stuck_after)
        if (
            oldest_due is None
            or oldest_due > limit
            or (last_sent is not None and last_sent > limit)
        ):
            return None
        waiting = (now - oldest_due).total_seconds()
        return f"a delivery due for {waiting:.0f} s and nothing sent (limit {stuck_after:g} s)"

    return HealthCheck("outbox", problem)
