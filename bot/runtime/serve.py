"""`python -m bot`: the runtime opened, started and run until SIGTERM or SIGINT, then closed."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bot.runtime.leadership import AlreadyRunning
from bot.runtime.runtime import Runtime
from bot.settings import Settings

log = logging.getLogger(__name__)

REFUSED = 3
"""The exit status when another process holds the SQLite file."""


def run(settings: Settings) -> int:
    """Runs the bot until interrupted; the process's exit status."""
    try:
        return asyncio.run(_serve(settings))
    except AlreadyRunning as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED


async def _serve(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    async with Runtime.running(settings) as runtime:
        log.info("the bot runs; SIGTERM or SIGINT stops it")
        stopped = asyncio.ensure_future(runtime.stopped.wait())
        signalled = asyncio.ensure_future(stop.wait())
        await asyncio.wait([stopped, signalled], return_when=asyncio.FIRST_COMPLETED)
        for waiter in (stopped, signalled):
            waiter.cancel()
        log.info("stopping")
    return runtime.exit_status
