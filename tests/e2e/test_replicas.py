"""Three replicas on one PostgreSQL database behave as one bot, and carry on when one is killed.

The bot runs as three `python -m bot` processes with the same DATABASE_URL (and only the polling
settings that make the test quick), against the fakes on 127.0.0.1 in this process, the fake Bot
API enforcing Telegram's flood limits. 600 subscribers are owed the daily post of a quiet day;
the active replica is killed with kill -9 once 40 % of them have it. Then:

- another replica takes over (polling, sending, getUpdates) and every chat gets its post; only
  messages unconfirmed at the kill (in flight, or sent but not yet marked sent) go out twice;
- no 429, never more than 30 messages in any second (counted at the fake, per sliding second);
- /today is answered within 20 s after the first kill, and again after the second active replica
  is killed in turn;
- no replica logs a Conflict (two getUpdates readers) or a unique-key violation.
"""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web

from bot.delivery import DeliverySettings
from bot.domain.deliveries import DeliveryStatus
from bot.services.container import Services
from bot.settings import Settings
from bot.store.deliveries import DeliveryRow
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.process import bot_process, kill, show_log
from tests.support.subscribers import insert_subscribed_chats

pytestmark = pytest.mark.postgres

DAY = date(2024, 6, 10)
"""A quiet day: each subscriber is owed the daily post alone."""
SUBSCRIBERS = 600
FIRST_CHAT = 300_000_001
REPLICAS = 3
TAKEOVER = 15.0
"""Seconds within which another replica must take over."""
ANSWER = 20.0
"""Seconds within which /today must be answered after a kill."""
BROADCAST = 90.0


class StampingBotApi(FakeBotApi):
    """The fake Bot API, noting when each message that reached a chat arrived."""

    def __init__(self) -> None:
        super().__init__(auto_create_chats=True)
        self.arrivals: list[float] = []

    async def _handle(self, request: web.Request) -> web.Response:
        sent = len(self.sent)
        response = await super()._handle(request)
        if len(self.sent) > sent:
            self.arrivals.append(time.monotonic())
        return response


def most_in_any_second(arrivals: list[float]) -> int:
    """The most messages that arrived within any one second (a sliding window)."""
    ordered, most, first = sorted(arrivals), 0, 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def prepared_store(url: str, figures_api: FakeFiguresApi) -> None:
    """The history up to the day before DAY, and the subscribers, in the PostgreSQL store."""
    figures_api.publish_until(DAY - timedelta(days=1))
    settings = Settings.model_validate({"LOSSES_API_URL": figures_api.url, "DATABASE_URL": url})
    services = await Services.open(settings)
    try:
        await services.poller.poll()
        async with services.database.transaction() as session:
            await insert_subscribed_chats(
                session, range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS), lambda _: "en"
            )
    finally:
        await services.close()


async def confirmed_in_store(url: str) -> set[int]:
    """The chats whose delivery is marked sent."""
    settings = Settings.model_validate({"DATABASE_URL": url})
    services = await Services.open(settings)
    try:
        async with services.database.session() as session:
            sent = await session.scalars(
                sa.select(DeliveryRow.chat_id).where(DeliveryRow.status == DeliveryStatus.SENT)
            )
            return set(sent)
    finally:
        await services.close()


def active_replica(logs: list[Path], processes: list[subprocess.Popen[bytes]]) -> int | None:
    """The index of the live replica that last said it became the active one."""
    for index, log in enumerate(logs):
        lines = log.read_text(errors="replace").splitlines()
        became = [n for n, line in enumerate(lines) if "is now the active one" in line]
        lost = [n for n, line in enumerate(lines) if "no longer the active one" in line]
        if processes[index].poll() is None and became and (not lost or became[-1] > lost[-1]):
            return index
    return None


async def wait_for_active(
    logs: list[Path], processes: list[subprocess.Popen[bytes]], seconds: float
) -> int:
    async with asyncio.timeout(seconds):
        while (found := active_replica(logs, processes)) is None:  # noqa: ASYNC110 - log files
            await asyncio.sleep(0.05)
    return found


async def today_answered(api: StampingBotApi, started: float) -> tuple[float, str]:
    """Sends /today from a new user; seconds from `started` to the reply, and the reply."""
    chat = api.private_chat(api.new_user(language_code="en"))
    api.send_command(chat, None, "/today")
    reply = await api.wait_for(lambda call: call.chat_id == chat.id, timeout=ANSWER + 5)
    return time.monotonic() - started, reply.text or ""


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[StampingBotApi, FakeFiguresApi]]:
    api = StampingBotApi()
    async with api, FakeFiguresApi() as figures_api:
        yield api, figures_api


async def test_three_replicas_survive_the_kill_of_the_active_one_mid_broadcast(
    fakes: tuple[StampingBotApi, FakeFiguresApi], postgres_url: str, tmp_path: Path
) -> None:
    api, figures_api = fakes
    await prepared_store(postgres_url, figures_api)
    api.enable_flood_limits()
    environment = {
        "BOT_TOKEN": api.token,
        "BOT_API_URL": api.root_url,
        "LOSSES_API_URL": figures_api.url,
        "DATABASE_URL": postgres_url,
        "POLL_WINDOW": "00:00-24:00",
        "POLL_INTERVAL": "0.5",
    }
    logs = [tmp_path / f"replica{n}" / "bot.log" for n in range(REPLICAS)]
    for log in logs:
        log.parent.mkdir()
    subscribers = set(range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS))

    def reached() -> Counter[int]:
        return Counter(
            int(call.chat_id or 0)
            for call in api.sent
            if call.method == "sendMessage" and int(call.chat_id or 0) in subscribers
        )

    async with AsyncExitStack() as stack:
        processes = [await stack.enter_async_context(bot_process(environment, log)) for log in logs]
        first = await wait_for_active(logs, processes, 30)
        await api.wait_until(lambda: api.updates.waiting > 0, 30)  # it reads updates
        figures_api.publish_until(DAY)
        await api.wait_until(lambda: len(reached()) >= SUBSCRIBERS * 4 // 10, BROADCAST)

        await kill(processes[first])
        killed_at = time.monotonic()
        await asyncio.sleep(0.2)  # requests already received are answered
        reached_before_kill = set(reached())
        confirmed = await confirmed_in_store(postgres_url)
        second = await wait_for_active(logs, processes, TAKEOVER)
        took_over = time.monotonic() - killed_at
        first_answer, first_today = await today_answered(api, killed_at)
        await api.wait_until(lambda: len(reached()) == SUBSCRIBERS, BROADCAST)

        await kill(processes[second])
        killed_again_at = time.monotonic()
        third = await wait_for_active(logs, processes, TAKEOVER)
        second_answer, second_today = await today_answered(api, killed_again_at)
        await asyncio.sleep(1.0)  # anything the last replica might still send, it would now

        per_chat = reached()
        unconfirmed = reached_before_kill - confirmed
        repeated = {chat for chat, count in per_chat.items() if count > 1}
        texts = [log.read_text(errors="replace") for log in logs]
        try:
            assert len({first, second, third}) == REPLICAS
            assert processes[first].returncode == -signal.SIGKILL
            assert took_over < TAKEOVER
            assert max(first_answer, second_answer) < ANSWER, (first_answer, second_answer)
            # Stored by the first replica, answered by the others: they follow the store.
            war_day = f"Day {(DAY - date(2022, 2, 24)).days + 1:,} of the war"
            assert war_day in first_today
            assert war_day in second_today
            assert len(reached_before_kill) < SUBSCRIBERS, "the kill came after the broadcast"
            assert set(per_chat) == subscribers
            assert repeated <= unconfirmed, (
                f"sent again after being marked: {repeated - unconfirmed}"
            )
            settings = DeliverySettings()
            assert len(unconfirmed) <= settings.concurrency + settings.unwritten_marks
            assert api.flood_429s == 0
            assert most_in_any_second(api.arrivals) <= 30
            for text in texts:
                assert not re.search(r"Conflict|UniqueViolation|duplicate key", text)
        except AssertionError:
            for log in logs:
                show_log(log, 3000)
            raise
    print(
        f"\nreplicas: took over in {took_over:.1f} s; /today answered {first_answer:.1f} s and "
        f"{second_answer:.1f} s after the kills; {len(unconfirmed)} unconfirmed at the kill, "
        f"{len(repeated)} sent twice; at most {most_in_any_second(api.arrivals)} in a second"
    )
