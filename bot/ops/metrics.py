"""Prometheus metrics of one bot process, in a registry of its own (tests read it directly)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    disable_created_metrics,
    generate_latest,
)

# `*_created` series only add noise to a single long-running process (the function is untyped).
disable_created_metrics()  # type: ignore[no-untyped-call]


class Metrics:
    """The counters and gauges the bot updates; `exposition()` is what `/metrics` serves."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter(
            "bot_updates", "Updates handled, by kind.", ["kind"], registry=self.registry
        )
        self.replies = Counter(
            "bot_replies", "Messages sent in answer to updates.", registry=self.registry
        )
        self.deliveries = Gauge(
            "bot_deliveries",
            "Deliveries in the outbox, by status (sent, failed, pending, skipped).",
            ["status"],
            registry=self.registry,
        )
        self.outbox_backlog = Gauge(
            "bot_outbox_backlog", "Deliveries waiting to be sent.", registry=self.registry
        )
        self.last_report = Gauge(
            "bot_last_report_date_seconds",
            "The newest stored report's date, as a Unix time (midnight UTC).",
            registry=self.registry,
        )
        self.poll_errors = Counter(
            "bot_poll_errors",
            "Polls that found the figures API unavailable.",
            registry=self.registry,
        )

    def set_last_report(self, report_date: date | None) -> None:
        if report_date is not None:
            midnight = datetime.combine(report_date, time(), tzinfo=UTC)
            self.last_report.set(midnight.timestamp())

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
