"""Always listening: the update loop (PTB's long polling) is watched, kept going, or ended loudly.

PTB's loop retries network faults and 5xx for ever, but ends for good on a 401 or 404 from
getUpdates (InvalidToken) while the process lives on, deaf. Here:

- `UpdatesRequest`, the Application's getUpdates client, notes when Telegram last answered (for
  `/healthz`) and turns a 401 or 404 into a network error, which PTB's loop retries with its own
  backoff: one refusal of the token (a glitch) leaves the loop running.
- `watch_updates_job` checks every few seconds that the loop still asks for updates and that the
  token has not been refused for `TOKEN_REFUSED_LIMIT` seconds on end. Otherwise it logs one clear
  line and stops the bot with exit status 1, so that Docker or systemd starts it again (PTB cannot
  restart an ended loop in place: its stop event stays set).

Only a process that consumes getUpdates registers this (long polling; a webhook has no loop);
with replicas, only the active one reads updates, and the watch counts only while it does
(`start_listening`, `stop_listening`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

WATCH_JOB = "update loop watch"
WATCH_INTERVAL = 2.0
"""Seconds between two looks at the update loop."""
LOOP_SILENT_LIMIT = 120.0
"""Seconds without a getUpdates request after which the loop is taken to have ended. PTB waits at
most 30 s between tries after faults, and a long poll lasts at most 10 s beside its timeouts."""
TOKEN_REFUSED_LIMIT = 300.0
"""Seconds of 401/404 on end after which the token is taken to be revoked, not glitching."""
REFUSED_CODES = frozenset({401, 404})


class TokenRefused(NetworkError):
    """getUpdates answered 401 or 404: retried like a network fault, not the loop's end."""


@dataclass(slots=True)
class UpdatesWatch:
    """What the getUpdates client saw, in `clock` seconds (monotonic)."""

    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    last_asked: float | None = None
    """When the loop last sent getUpdates."""
    last_answered: float | None = None
    """When Telegram last answered getUpdates (with updates or without)."""
    refused_since: float | None = None
    """When the current run of 401/404 answers began (None: the token is accepted)."""
    listening: bool = True
    """Whether this process reads updates now (a standby replica does not: nothing counts)."""

    def __post_init__(self) -> None:
        self.started = self.clock()

    def start_listening(self) -> None:
        """The process starts reading updates: everything is counted from now."""
        self.listening, self.started = True, self.clock()
        self.last_asked = self.last_answered = self.refused_since = None

    def stop_listening(self) -> None:
        self.listening = False

    def silent_for(self) -> float:
        """Seconds since the loop last asked for updates (or since it started); 0 when the
        process does not read updates."""
        return self.clock() - (self.last_asked or self.started) if self.listening else 0.0

    def unanswered_for(self) -> float:
        """Seconds since Telegram last answered getUpdates (or since the loop started); 0 when
        the process does not read updates."""
        return self.clock() - (self.last_answered or self.started) if self.listening else 0.0

    def refused_for(self) -> float:
        if self.refused_since is None or not self.listening:
            return 0.0
        return self.clock() - self.refused_since


class UpdatesRequest(HTTPXRequest):
    """The getUpdates client: notes each request and answer in `watch`; a refused token is
    raised as a network error, which PTB's loop retries instead of ending."""

    def __init__(self, watch: UpdatesWatch, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._watch = watch

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
        watch = self._watch
        watch.last_asked = watch.clock()
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if code in REFUSED_CODES:
            if watch.refused_since is None:
                watch.refused_since = watch.clock()
            raise TokenRefused(f"getUpdates answered {code}: retrying")
        watch.refused_since = None
        if code == 200:
            watch.last_answered = watch.clock()
        return code, payload


def register(application: BotApplication, watch: UpdatesWatch) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is needed (python-telegram-bot[job-queue])")
    job_queue.run_repeating(
        watch_updates_job, interval=WATCH_INTERVAL, first=WATCH_INTERVAL, name=WATCH_JOB, data=watch
    )


async def watch_updates_job(context: BotContext) -> None:
    """Stops the bot, status 1, when its update loop has ended or its token stays refused."""
    watch = context.job.data if context.job is not None else None
    if not isinstance(watch, UpdatesWatch) or context.bot_data.exit_status:
        return
    reason = deafness(watch)
    if reason is not None:
        log.critical("%s: stopping the bot with exit status 1 to be started again", reason)
        context.bot_data.stop_process(1)


def deafness(watch: UpdatesWatch) -> str | None:
    """Why the bot no longer hears its updates, if it does not."""
    if watch.refused_for() > TOKEN_REFUSED_LIMIT:
        return f"getUpdates has refused the token for {watch.refused_for():.0f} s"
    if watch.silent_for() > LOOP_SILENT_LIMIT:
        return f"the update loop has not asked for updates for {watch.silent_for():.0f} s"
    return None
