"""The bot as real processes (`python -m bot`) for the end-to-end tests that need them: kill -9,
replicas, a second process refused. Only the given environment reaches each process, and each
runs in a folder of its own (away from the repository's config/), logging to a file there."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

WAIT = 30.0


def spawn(environment: Mapping[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`python -m bot` with only `environment`, logging to `log` (appended to)."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "bot"],
            env=dict(environment),
            cwd=log.parent,
            stdout=output,
            stderr=output,
        )


def show_log(log: Path, tail: int = 4000) -> None:
    sys.stderr.write(f"--- {log}\n{log.read_text(errors='replace')[-tail:]}\n")


async def kill(process: subprocess.Popen[bytes]) -> None:
    """kill -9, and wait for the process to be gone."""
    process.send_signal(signal.SIGKILL)
    await asyncio.to_thread(process.wait, WAIT)


@asynccontextmanager
async def bot_process(
    environment: Mapping[str, str], log: Path
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """The bot as a process of its own, stopped (SIGTERM) at the end if still running; its log
    is shown when the block fails."""
    process = spawn(environment, log)
    try:
        yield process
    except BaseException:
        show_log(log)
        raise
    finally:
        if process.poll() is None:
            process.terminate()
        # Waited for in a thread: the fakes in this loop serve the bot's last requests.
        await asyncio.to_thread(process.wait, WAIT)
