"""Never deaf, never stalled, with the bot as a real process (`python -m bot`) against the fakes:
a 401 or 404 on getUpdates leaves it answering, a slow-loris upstream leaves `/poll` answered
within its deadline, and `/healthz` turns 503 when updates stop (and 200 when they come back)."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_operations import free_port
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_errors import ApiError, not_found, unauthorized
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.figures_api import FakeFiguresApi, Trickle
from tests.support.process import WAIT, bot_process, fakes_environment

QUICK_UPDATES = {"UPDATES_STALE_AFTER": "2"}
"""Long polls of half a second, and getUpdates unanswered for 2 s is unhealthy."""


def store_copy(backfilled_sqlite: Path, tmp_path: Path) -> str:
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(backfilled_sqlite, path)
    return f"sqlite+aiosqlite:///{path}"


async def answered(bot_api: FakeBotApi, chat: FakeChat, command: str) -> str:
    """Sends `command` in `chat` and returns the bot's reply."""
    before = len(bot_api.sent_to(chat))
    bot_api.send_command(chat, None, command)
    await bot_api.wait_until(lambda: len(bot_api.sent_to(chat)) > before, WAIT)
    return bot_api.sent_to(chat)[before].text or ""


@pytest.mark.parametrize("refusal", [unauthorized, not_found], ids=["401", "404"])
async def test_one_401_or_404_on_get_updates_leaves_a_bot_that_still_answers(
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    backfilled_sqlite: Path,
    tmp_path: Path,
    refusal: Callable[[], ApiError],
) -> None:
    url = store_copy(backfilled_sqlite, tmp_path)
    environment = fakes_environment(bot_api, figures_api, url, **QUICK_UPDATES)
    first, second = (bot_api.private_chat(bot_api.new_user(language_code="en")) for _ in "12")

    async with bot_process(environment, tmp_path / "bot.log") as process:
        await answered(bot_api, first, "/help")
        bot_api.fail_updates(refusal())
        await bot_api.wait_until(lambda: not bot_api.state.updates_refusals, WAIT)

        reply = await answered(bot_api, second, "/today")

        assert process.poll() is None
    assert "8 August 2026" in reply


async def test_a_slow_loris_upstream_leaves_poll_answered_within_its_deadline(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> None:
    admin = bot_api.new_user("Admin", language_code="en")
    url = store_copy(backfilled_sqlite, tmp_path)
    environment = fakes_environment(
        bot_api,
        figures_api,
        url,
        BOT_ADMINS=str(admin.id),
        POLL_DEADLINE="2",
        POLL_INTERVAL="3600",  # only the admin's /poll asks upstream
    )
    chat = bot_api.private_chat(admin)

    async with bot_process(environment, tmp_path / "bot.log"):
        await answered(bot_api, chat, "/help")
        figures_api.inject(*[Trickle(interval=5.0)] * 10)  # each answer would take minutes
        started = time.monotonic()
        bot_api.send_command(chat, None, "/poll")
        polled = await bot_api.wait_for(lambda call: "Polled" in (call.text or ""), timeout=WAIT)
        waited = time.monotonic() - started

    assert "no complete answer within the poll deadline (2 s)" in (polled.text or "")
    assert waited < 20  # the deadline and a generous margin; it took 170 s before the deadline


async def test_healthz_turns_503_when_updates_stop_and_200_when_they_resume(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> None:
    port = free_port()
    url = store_copy(backfilled_sqlite, tmp_path)
    environment = fakes_environment(
        bot_api, figures_api, url, HEALTH_PORT=str(port), **QUICK_UPDATES
    )
    health = f"http://127.0.0.1:{port}/healthz"

    async def health_until(status: int) -> httpx.Response:
        async with httpx.AsyncClient() as client, asyncio.timeout(WAIT):
            while True:
                try:
                    answer = await client.get(health)
                except httpx.TransportError:  # not listening yet
                    answer = None
                if answer is not None and answer.status_code == status:
                    return answer
                await asyncio.sleep(0.1)

    async with bot_process(environment, tmp_path / "bot.log"):
        await health_until(200)
        bot_api.stop_updates()
        unhealthy = await health_until(503)
        bot_api.resume_updates()
        healthy = await health_until(200)

    assert list(unhealthy.json()["failing"]) == ["updates"]
    assert unhealthy.json()["failing"]["updates"].startswith("getUpdates last answered")
    assert healthy.json()["failing"] == {}
