"""The bot as a real process (`python -m bot`) for end-to-end tests: kill -9, exit statuses,
replicas.

Only the environment given reaches it (nothing of the test's own), and it runs in the log's
folder, away from the repository's config/. Its log is printed when the test fails.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi

WAIT = 30.0
"""Seconds a test waits for the process to do what it should (it starts in about two)."""


def fakes_environment(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, database_url: str, **more: str
) -> dict[str, str]:
    """The contract's variables pointing the bot at the fakes, and `more`."""
    return {
        "BOT_TOKEN": bot_api.token,
        "BOT_API_URL": bot_api.root_url,
        "LOSSES_API_URL": figures_api.url,
        "LOSSES_CHANNEL_URL": "",
        "DATABASE_URL": database_url,
        **more,
    }


def spawn(
    environment: Mapping[str, str], log: Path, python: str = sys.executable
) -> subprocess.Popen[bytes]:
    """`python -m bot` with only `environment` (nothing else reaches the bot), logging to `log`;
    `python` is the interpreter (another virtual environment's, to measure the bot as deployed).
    The channel is not read (LOSSES_CHANNEL_URL is empty) unless `environment` names a fake."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [python, "-m", "bot"],
            env={"LOSSES_CHANNEL_URL": "", **environment},
            cwd=log.parent,  # away from the repository's config/
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
    """The bot as a process of its own, stopped (SIGTERM) at the end if still running."""
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


async def polled(figures_api: FakeFiguresApi) -> None:
    """Waits until the bot has asked upstream for the latest report once more."""
    before = len(figures_api.requests)
    async with asyncio.timeout(WAIT):
        while not any(  # noqa: ASYNC110 - the fake has no event for it
            path.startswith("/statistics/latest") for path in figures_api.requests[before:]
        ):
            await asyncio.sleep(0.02)
