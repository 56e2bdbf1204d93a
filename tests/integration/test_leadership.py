"""Which replica is the active one, on PostgreSQL's own guarantees (a session advisory lock, the
server's idle-session timeout), and what the replicas tell each other (LISTEN/NOTIFY)."""

from __future__ import annotations

import asyncio
import signal
import sys
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import sqlalchemy as sa

from bot.runtime.postgres import PostgresLeadership
from bot.store.coordination import Change, Lock, notify
from bot.store.database import Database

pytestmark = pytest.mark.postgres

WAIT = 10.0


class Replica:
    """One replica's leadership, campaigning in a task; what it was told, in order."""

    def __init__(self, url: str, session_timeout: float = 10.0) -> None:
        self.changes: list[bool] = []
        self.notices: list[str] = []
        self.leadership = PostgresLeadership(
            url,
            on_notice=self.notices.append,
            on_connect=lambda: None,
            interval=0.1,
            fresh=0.5 * session_timeout,
            session_timeout=session_timeout,
        )

    async def changed(self, active: bool) -> None:
        self.changes.append(active)


@asynccontextmanager
async def campaigning(*replicas: Replica) -> AsyncIterator[None]:
    stop = asyncio.Event()
    async with asyncio.TaskGroup() as tasks:
        for replica in replicas:
            tasks.create_task(replica.leadership.run(replica.changed, stop))
        try:
            yield
        finally:
            stop.set()


async def until(condition: object) -> None:
    async with asyncio.timeout(WAIT):
        while not condition():  # type: ignore[operator]  # noqa: ASYNC110 - polled state
            await asyncio.sleep(0.02)


async def holder_pid(database: Database) -> int | None:
    """The server process of the session that holds the leader's lock."""
    async with database.session() as session:
        pid: int | None = await session.scalar(
            sa.text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND ((classid::bigint << 32) | objid::bigint) = :key"
            ),
            {"key": int(Lock.LEADER)},
        )
        return pid


async def test_one_replica_is_active_and_another_takes_over_when_its_session_ends(
    postgres_url: str,
) -> None:
    database = Database(postgres_url)
    first, second = Replica(postgres_url), Replica(postgres_url)
    try:
        async with campaigning(first, second):
            await until(lambda: first.changes or second.changes)
            active, standby = (first, second) if first.changes else (second, first)
            assert await active.leadership.assure()
            assert not await standby.leadership.assure()

            async with database.session() as session:  # an operator ends the session
                await session.execute(
                    sa.select(sa.func.pg_terminate_backend(await holder_pid(database)))
                )
            await until(lambda: standby.changes == [True])

            assert active.changes[:2] == [True, False]
            assert not await active.leadership.assure()
    finally:
        await database.dispose()


async def test_every_replica_hears_what_another_changed_when_it_commits(
    postgres_url: str,
) -> None:
    database = Database(postgres_url)
    listener = Replica(postgres_url)
    try:
        async with campaigning(listener):
            await until(lambda: listener.changes == [True])
            async with database.transaction() as session:
                await notify(session, Change.FIGURES)
                await notify(session, Change.CHAT, 42)
                await asyncio.sleep(0.3)
                assert listener.notices == []  # not before the commit
            await until(lambda: len(listener.notices) == 2)

        assert listener.notices == ["figures", "chat:42"]
    finally:
        await database.dispose()


PAUSED_REPLICA = textwrap.dedent(
    """
    import asyncio, sys
    from bot.runtime.postgres import PostgresLeadership

    async def main() -> None:
        async def changed(active: bool) -> None:
            print("active" if active else "standby", flush=True)

        leadership = PostgresLeadership(
            sys.argv[1], on_notice=print, on_connect=lambda: None,
            interval=0.1, fresh=0.5, session_timeout=1.0,
        )
        await leadership.run(changed, asyncio.Event())

    asyncio.run(main())
    """
)


async def test_a_paused_active_replica_loses_the_lock_once_the_server_times_its_session_out(
    postgres_url: str,
) -> None:
    paused = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PAUSED_REPLICA, postgres_url, stdout=asyncio.subprocess.PIPE
    )
    waiting = Replica(postgres_url, session_timeout=1.0)
    try:
        assert paused.stdout is not None
        assert await paused.stdout.readline() == b"active\n"
        async with campaigning(waiting):
            await asyncio.sleep(0.5)
            assert waiting.changes == []  # the lock is held
            paused.send_signal(signal.SIGSTOP)  # its kernel still answers TCP: only the
            await until(lambda: waiting.changes == [True])  # server's timeout frees the lock
    finally:
        paused.kill()
        await paused.wait()
