"""The health endpoint and the Prometheus metrics, served on HEALTH_PORT (off by default).

`GET /healthz` answers 200 with the newest report's date and the outbox backlog while the store
answers and every health check passes (`health.py`: updates fetched, the poll job running, the
outbox moving), 503 with the failing checks by name otherwise; `GET /metrics` refreshes the gauges
from the store and serves every metric.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.domain.deliveries import DeliveryStatus
from bot.ops.health import HealthCheck
from bot.ops.metrics import Metrics
from bot.services.status import Status

log = logging.getLogger(__name__)

StatusSource = Callable[[], Awaitable[Status]]


class OpsServer:
    def __init__(
        self,
        metrics: Metrics,
        status: StatusSource,
        host: str,
        port: int,
        checks: Sequence[HealthCheck] = (),
    ) -> None:
        self._metrics = metrics
        self._status = status
        self._checks = tuple(checks)
        self._host, self._port = host, port
        app = web.Application()
        app.router.add_get("/healthz", self._health)
        app.router.add_get("/metrics", self._metrics_page)
        self._runner = web.AppRunner(app, access_log=None)

    async def start(self) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        log.info("health and metrics on http://%s:%d", self._host, self._port)

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _read_status(self) -> Status | None:
        try:
            status = await self._status()
        except Exception:
            log.exception("health check: the store does not answer")
            return None
        self._metrics.outbox_backlog.set(status.backlog)
        for delivery_status in DeliveryStatus:
            count = status.deliveries.get(delivery_status, 0)
            self._metrics.deliveries.labels(delivery_status.value).set(count)
        self._metrics.set_last_report(status.last_report)
        return status

    async def _health(self, _: web.Request) -> web.Response:
        status = await self._read_status()
        if status is None:
            failing = {"store": "the store does not answer"}
            return web.json_response({"status": "unavailable", "failing": failing}, status=503)
        failing = await self._failing()
        last_report = status.last_report.isoformat() if status.last_report else None
        body = {
            "status": "unhealthy" if failing else "ok",
            "last_report": last_report,
            "outbox_backlog": status.backlog,
            "failing": failing,
        }
        return web.json_response(body, status=503 if failing else 200)

    async def _failing(self) -> dict[str, str]:
        failing: dict[str, str] = {}
        for check in self._checks:
            try:
                problem = await check.problem()
            except Exception as error:
                log.exception("health check %s failed", check.name)
                problem = f"the check failed: {error!r}"
            if problem is not None:
                failing[check.name] = problem
        if failing:
            log.warning("unhealthy: %s", failing)
        return failing

    async def _metrics_page(self, _: web.Request) -> web.Response:
        await self._read_status()
        return web.Response(
            body=self._metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )
