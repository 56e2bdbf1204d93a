"""Replicas on one PostgreSQL database: one active at a time, by PostgreSQL's own guarantees.

Every replica keeps one connection of its own (asyncpg, outside the pool) to the database:

- It asks for the session-level advisory lock `Lock.LEADER` every `interval` s with
  `pg_try_advisory_lock`; the replica that holds it is the active one, for as long as that
  connection lives. A session lock cannot be lost while its session lives, and it is freed when
  the session ends however it ends: a kill -9 closes the socket, the server ends the session and
  another replica takes the lock at its next try (about a second later).
- The connection runs with `idle_session_timeout`: the active replica sends a heartbeat
  (`SELECT 1`) every `interval` s, and a replica that stops talking (paused, cut off from the
  database, its event loop stuck) has its session ended by the server after `session_timeout`
  s, which frees the lock for another replica.
- Fencing: the active replica may send only while its last heartbeat, counted from when it was
  sent, is less than `fresh` s old (`assure`, asked before every message). The server cannot
  free the lock before `session_timeout` s after the last heartbeat it answered, so with `fresh`
  well below it (5 s against 10 s) a replica that lost the lock has stopped sending before
  another can take over. A heartbeat that fails or takes longer than `fresh` makes it step down
  (`changed(False)`) and reconnect as a standby.
- It LISTENs on the bot's channel (`bot.store.coordination`): every replica learns at once that
  another stored figures or changed a chat (`on_notice`), and forgets what it keeps in memory
  when the connection is (re)made, since notifications may have been missed meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from bot.runtime.leadership import Changed
from bot.store.coordination import CHANNEL, Lock

log = logging.getLogger(__name__)


def asyncpg_dsn(database_url: str) -> str:
    """The libpq-style DSN asyncpg connects to, from SQLAlchemy's `postgresql+asyncpg://…`."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class PostgresLeadership:
    def __init__(
        self,
        database_url: str,
        *,
        on_notice: Callable[[str], None],
        on_connect: Callable[[], None],
        interval: float = 1.0,
        fresh: float = 5.0,
        session_timeout: float = 10.0,
    ) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._on_notice = on_notice
        self._on_connect = on_connect
        self._interval = interval
        self._fresh = fresh
        self._session_timeout = session_timeout
        self._active = False
        self._confirmed = float("-inf")
        """When the last heartbeat that succeeded was sent (monotonic)."""
        self._told = False
        """Whether `changed(True)` was called (and `changed(False)` is owed on stepping down)."""
        self._beat = asyncio.Event()
        self._connection: asyncpg.Connection | None = None

    @property
    def active(self) -> bool:
        return self._active

    @property
    def sole(self) -> bool:
        return False

    def release(self) -> None:
        """Nothing beyond the connection, which `run` closes."""

    async def assure(self) -> bool:
        if not self._active:
            return False
        if time.monotonic() - self._confirmed < self._fresh:
            return True
        # The last heartbeat is too old (the process was paused, or the database is slow):
        # wait for the next one to know.
        self._beat.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._beat.wait(), self._fresh)
        return self._active and time.monotonic() - self._confirmed < self._fresh

    async def run(self, changed: Changed, stop: asyncio.Event) -> None:
        """Campaigns for the lock until `stop`, reconnecting after every failure."""
        backoff = self._interval
        while not stop.is_set():
            try:
                await self._serve(changed, stop)
                backoff = self._interval
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("lost the coordination connection to PostgreSQL: %r", error)
                backoff = min(backoff * 2, 10.0)
            except Exception:
                log.exception("the coordination with PostgreSQL failed; starting it over")
                backoff = min(backoff * 2, 10.0)
            finally:
                await self._step_down(changed)
                await self._close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), backoff)

    async def _serve(self, changed: Changed, stop: asyncio.Event) -> None:
        connection = self._connection = await asyncpg.connect(
            self._dsn,
            timeout=self._fresh,
            server_settings={
                "application_name": "losses-bot coordination",
                "idle_session_timeout": str(int(self._session_timeout * 1000)),
            },
        )
        await connection.add_listener(CHANNEL, self._notified)
        self._on_connect()
        while not stop.is_set():
            sent = time.monotonic()
            if self._active:
                await asyncio.wait_for(connection.fetchval("SELECT 1"), self._fresh)
            else:
                query = "SELECT pg_try_advisory_lock($1)"
                taken = await asyncio.wait_for(
                    connection.fetchval(query, int(Lock.LEADER)), self._fresh
                )
                if taken:
                    self._active = True
                    log.info("this replica is now the active one")
            if self._active:
                self._confirmed = sent
                self._beat.set()
                if not self._told:
                    self._told = True
                    await changed(True)
            rest = max(0.0, sent + self._interval - time.monotonic())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rest)

    async def _step_down(self, changed: Changed) -> None:
        was = self._told
        self._active, self._told = False, False
        self._beat.set()
        if was:
            log.warning("this replica is no longer the active one")
            await changed(False)

    async def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if connection.is_closed():
            return
        try:
            # The lock goes with the session: closing the connection frees it at once.
            await asyncio.wait_for(connection.close(), self._fresh)
        except Exception:
            connection.terminate()

    def _notified(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self._on_notice(payload)
