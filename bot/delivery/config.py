"""How the outbox worker sends: rates, concurrency, batches and retries, with working defaults.

`broadcast_rate` (BROADCAST_RATE), `concurrency` with `connection_pool` (DELIVERY_CONCURRENCY)
and `max_attempts` (DELIVERY_MAX_ATTEMPTS) come from the environment; the rest are tuned defaults,
measured by `bench/broadcast.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    broadcast_rate: float | None = 25.0
    """Messages per second, all chats together; None sends as fast as it can (benchmarks)."""
    per_chat_interval: float = 1.0
    """Seconds between two messages to one chat (Telegram: about one a second); 0 turns it off."""
    group_limit: int = 20
    """Messages per `group_period` to one group, supergroup or channel; 0 turns it off."""
    group_period: float = 60.0
    headroom: float = 0.03
    """Each limit is kept this share below the nominal one, so that network jitter between our
    clock and Telegram's never turns a compliant pace into a burst (30/s is paced at 29.1/s)."""
    concurrency: int = 32
    """Messages in flight at once. At 30/s a handful would do (rate × Telegram's latency); more
    only matters for the unlimited ceiling."""
    connection_pool: int = 32
    """HTTP connections of the sender; no fewer than `concurrency`, or sends queue for one."""
    request_timeout: float = 10.0
    """Seconds to connect, or to wait for Telegram's answer, before a send counts as timed out."""
    batch_size: int = 500
    """Deliveries claimed (when unpaced) or read for editing per query."""
    claim_lease: float = 10.0
    """Seconds a claim on a delivery lasts unless renewed (every third of it while held): how
    long the deliveries a killed sender had claimed wait before another sender takes them."""
    claim_margin: float = 2.0
    """A claim not renewed for `claim_lease - claim_margin` s is no longer acted on."""
    plan_chunk: int = 10_000
    """Chats walked per transaction when a campaign is expanded into deliveries."""
    mark_batch: int = 100
    """Sent marks written per transaction, at most; twice this many may wait to be written."""
    mark_interval: float = 0.2
    """Seconds at most between a message going out and its sent mark being written."""
    max_attempts: int = 5
    """Tries of one delivery against timeouts and server errors before it is recorded failed."""
    retry_backoff: float = 5.0
    """Seconds before the first retry; each further one waits twice as long."""
    retry_backoff_max: float = 300.0
    poll_interval: float = 2.0
    """Seconds between looks at the outbox when nobody wakes the worker."""

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliverySettings:
        return cls(
            broadcast_rate=settings.broadcast_rate,
            concurrency=settings.delivery_concurrency,
            connection_pool=settings.delivery_concurrency,
            max_attempts=settings.delivery_max_attempts,
        )

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed try."""
        return float(min(self.retry_backoff * 2 ** max(0, attempts - 1), self.retry_backoff_max))

    @property
    def unwritten_marks(self) -> int:
        """Sent marks that may wait to be written at once (the kill -9 window beyond in-flight)."""
        return 2 * self.mark_batch
