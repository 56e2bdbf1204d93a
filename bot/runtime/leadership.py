"""Which process is the active one: the one that polls the figures, sends, and reads getUpdates.

`Leadership` is what the runtime asks. Two kinds:

- `SoleProcess` (SQLite): the embedded store serves one process. At start it takes an OS lock
  (`flock`) on a file beside the database, which the OS frees when the process dies however it
  dies; a second process on the same file is refused with a clear message (`AlreadyRunning`).
  The one process is always the active one.
- `PostgresLeadership` (`postgres.py`): replicas on one PostgreSQL database compete for a
  session-level advisory lock; the holder is the active one.

`run(changed, stop)` campaigns until `stop` and calls `changed(True)` / `changed(False)` as the
process becomes the active one or stops being it; `assure()` answers, just before each message the
sender sends, whether the process is still surely the active one.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO, Protocol

Changed = Callable[[bool], Awaitable[None]]


class AlreadyRunning(RuntimeError):
    """Another bot process holds the SQLite file."""


class Leadership(Protocol):
    @property
    def active(self) -> bool:
        """Whether this process is the active one now."""
        ...

    @property
    def sole(self) -> bool:
        """Whether no other process can exist (so nothing left by a dead one is still in use)."""
        ...

    async def run(self, changed: Changed, stop: asyncio.Event) -> None: ...

    async def assure(self) -> bool:
        """Whether this process is surely still the active one (and may send)."""
        ...

    def release(self) -> None:
        """Gives up whatever the process holds (at its very end)."""
        ...


class SoleProcess:
    """The one process on a SQLite file (or on an in-memory store)."""

    def __init__(self, database_file: Path | None) -> None:
        self._lock_file = None if database_file is None else _lock_path(database_file)
        self._held: IO[bytes] | None = None
        self._active = False

    def acquire(self) -> None:
        """Takes the file lock, or raises `AlreadyRunning`."""
        if self._lock_file is None or self._held is not None:
            return
        self._lock_file.parent.mkdir(parents=True, exist_ok=True)
        held = self._lock_file.open("ab")
        try:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held.close()
            raise AlreadyRunning(
                f"another bot process is using {self._lock_file.with_suffix('')}: SQLite serves "
                "one process at a time. Stop the other one, or give every replica the same "
                "PostgreSQL DATABASE_URL to run several."
            ) from None
        held.truncate(0)
        held.write(f"{os.getpid()}\n".encode())
        held.flush()
        self._held = held

    @property
    def active(self) -> bool:
        return self._active

    @property
    def sole(self) -> bool:
        return True

    async def run(self, changed: Changed, stop: asyncio.Event) -> None:
        self.acquire()
        self._active = True
        await changed(True)
        await stop.wait()
        self._active = False
        await changed(False)

    async def assure(self) -> bool:
        return True

    def release(self) -> None:
        if self._held is not None:
            self._held.close()  # closing the file frees the lock
            self._held = None


def _lock_path(database_file: Path) -> Path:
    return database_file.with_name(database_file.name + ".lock")
