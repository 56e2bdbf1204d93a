"""What operators see of the Application: updates and replies counted for the metrics, and the
health and metrics server started and stopped with it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import TypeHandler
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.ops.health import HealthCheck, Problem, outbox_check, seconds_since_check
from bot.ops.metrics import Metrics
from bot.ops.server import OpsServer
from bot.services.status import read_status
from bot.settings import Settings
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.listening import UpdatesWatch

REPLY_METHODS = frozenset({"sendMessage", "sendPhoto", "editMessageText", "answerInlineQuery"})
COUNT_UPDATES_GROUP = -2
"""Before the throttle (-1): every update is counted, throttled ones too."""
POLL_SLACK = 30.0
"""Seconds the poll job may be late beyond two intervals and a poll's deadline."""


class CountingRequest(HTTPXRequest):
    """The Application's Bot API client, counting the messages it sends (the replies)."""

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if code == 200 and url.rpartition("/")[2] in REPLY_METHODS:
            self._metrics.replies.inc()
        return code, payload


def update_kind(update: Update) -> str:
    """`message`, `channel_post`, `callback_query`, … : the field the update carries."""
    for kind in Update.ALL_TYPES:
        if getattr(update, kind, None) is not None:
            return kind
    return "other"


def register(application: BotApplication, metrics: Metrics) -> None:
    async def count_update(update: Update, _: BotContext) -> None:
        metrics.updates.labels(update_kind(update)).inc()

    application.add_handler(TypeHandler(Update, count_update), group=COUNT_UPDATES_GROUP)


def ops_server(
    application: BotApplication,
    settings: Settings,
    metrics: Metrics,
    updates: UpdatesWatch | None,
    active: Callable[[], float | None] = lambda: 0.0,
) -> OpsServer:
    """The health and metrics server of this Application (started only if HEALTH_PORT is set).

    Its checks: getUpdates answered within UPDATES_STALE_AFTER (only with `updates`, the watch of
    this process's update loop), the poll job ran within two intervals and a deadline, the outbox
    moves (OUTBOX_STUCK_AFTER). The poll and the outbox are the active replica's: `active()` says
    since when (monotonic seconds) this process is the active one, None while it stands by (then
    they are not its to check).
    """
    bot_data = application.bot_data

    async def status() -> Any:
        return await read_status(bot_data.services.database)

    async def outbox_problem() -> Problem:
        if active() is None:
            return None
        services = bot_data.services
        check = outbox_check(services.database, services.clock, settings.outbox_stuck_after)
        return await check.problem()

    def since_the_poll_job_ran() -> float:
        since = active()
        if since is None:
            return 0.0
        ran = bot_data.services.polling.job_ran
        return time.monotonic() - max(since, ran or since)

    checks = [
        seconds_since_check(
            "poll",
            since_the_poll_job_ran,
            2 * settings.poll_interval + settings.poll_deadline + POLL_SLACK,
            "the poll job last ran",
        ),
        HealthCheck("outbox", outbox_problem),
    ]
    if updates is not None:
        limit, since = settings.updates_stale_after, updates.unanswered_for
        checks.insert(0, seconds_since_check("updates", since, limit, "getUpdates last answered"))
    assert settings.health_port is not None
    return OpsServer(metrics, status, settings.health_listen, settings.health_port, checks)
