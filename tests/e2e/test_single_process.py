"""SQLite is the single-process store: a second bot process on the same file is refused at
start, with a message that says why and what to do, and changes nothing."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from bot.runtime import SoleProcess
from bot.runtime.serve import REFUSED
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi


async def test_a_second_process_on_the_same_sqlite_file_is_refused_with_a_clear_message(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    running = SoleProcess(database)  # this process, as the bot already running on the file
    running.acquire()
    try:
        second = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot"],
            env={
                "BOT_TOKEN": bot_api.token,
                "BOT_API_URL": bot_api.root_url,
                "LOSSES_API_URL": figures_api.url,
                "LOSSES_CHANNEL_URL": "",
                "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
            },
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        running.release()

    assert second.returncode == REFUSED
    assert "another bot process is using" in second.stderr
    assert "PostgreSQL" in second.stderr
    assert bot_api.calls == []
    assert not database.exists()  # refused before the store was touched
