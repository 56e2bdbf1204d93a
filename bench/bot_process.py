"""The bot as a process of its own (`python -m bot`), pointed at the benchmark's loopback fakes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.process import spawn


@asynccontextmanager
async def bot_process(
    api: FakeBotApi,
    figures_api: FakeFiguresApi,
    database_url: str,
    folder: Path,
    settings: Mapping[str, str] | None = None,
    *,
    stop_timeout: float = 30.0,
    python: str = sys.executable,
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """Runs the bot until the block ends; on a failed assertion, prints the end of its log.

    Only the contract's variables reach it (`settings` adds more), and it runs in `folder`, away
    from the repository's config/; `python` runs it (by default this interpreter).
    """
    environment = {
        "BOT_TOKEN": api.token,
        "BOT_API_URL": api.root_url,
        "LOSSES_API_URL": figures_api.url,
        "DATABASE_URL": database_url,
        **(settings or {}),
    }
    log = folder / "bot.log"
    log.unlink(missing_ok=True)
    bot = spawn(environment, log, python)
    try:
        yield bot
    except AssertionError:
        print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        bot.terminate()
        # Waited for in a thread: the fakes in this loop serve the bot's last calls.
        await asyncio.to_thread(bot.wait, stop_timeout)
