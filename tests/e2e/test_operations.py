"""Operations: webhook mode with its secret token, the health endpoint and the metrics."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.runtime import Runtime
from bot.settings import Settings
from bot.sources import RussianWarshipClient
from bot.telegram.context import BotApplication
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat, FakeUser
from tests.fakes.figures_api import FakeFiguresApi, HttpError
from tests.support.fixtures_app import RunningBot, bot_settings_for, started_bot
from tests.support.fixtures_figures import FAST_RETRY

SECRET = "s3cret-token_for-the-webhook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def today_command(chat: FakeChat, user: FakeUser, update_id: int = 1) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": chat.json,
            "from": user.json,
            "text": "/today",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def webhook_settings(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, database_url: str
) -> tuple[Settings, str]:
    """Settings for webhook mode on a free loopback port, and the webhook's URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = bot_settings_for(
        bot_api,
        figures_api,
        database_url,
        {
            "WEBHOOK_URL": url,
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        },
    )
    return settings, url


@asynccontextmanager
async def webhook_bot(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, database_url: str
) -> AsyncIterator[tuple[BotApplication, str]]:
    """The runtime started in webhook mode, as `python -m bot` starts it, on a loopback port."""
    settings, url = webhook_settings(bot_api, figures_api, database_url)
    async with started_bot(settings, bot_api, figures_api) as running:
        yield running.application, url


@pytest.fixture
async def webhook(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, bot_database_url: str
) -> AsyncIterator[str]:
    async with webhook_bot(bot_api, figures_api, bot_database_url) as (_, url):
        yield url


async def test_the_bot_registers_its_webhook_with_the_secret_token(
    bot_api: FakeBotApi, webhook: str
) -> None:
    assert bot_api.webhook is not None
    assert (bot_api.webhook["url"], bot_api.webhook["secret_token"]) == (webhook, SECRET)


async def test_an_update_with_the_right_secret_is_answered(
    bot_api: FakeBotApi, webhook: str
) -> None:
    user = bot_api.new_user("Olena", language_code="en")
    chat = bot_api.private_chat(user)

    async with httpx.AsyncClient() as client:
        answer = await client.post(
            webhook,
            json=today_command(chat, user),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )

    assert answer.status_code == 200
    reply = await bot_api.wait_for(lambda call: call.method == "sendMessage")
    assert "Day 1,627 of the war" in str(reply.text)


async def test_an_update_sent_again_is_not_handled_twice(bot_api: FakeBotApi, webhook: str) -> None:
    user = bot_api.new_user("Olena", language_code="en")
    chat = bot_api.private_chat(user)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    async with httpx.AsyncClient() as client:
        for _ in range(2):  # Telegram's retry, or a replay
            answer = await client.post(webhook, json=today_command(chat, user), headers=headers)
            assert answer.status_code == 200
        await client.post(webhook, json=today_command(chat, user, update_id=2), headers=headers)

    await bot_api.wait_until(lambda: len(bot_api.sent_to(chat)) == 2)
    await asyncio.sleep(0.2)  # a second answer to the first update would have come by now
    assert len(bot_api.sent_to(chat)) == 2


@pytest.mark.postgres
async def test_a_copy_of_an_update_that_reaches_another_webhook_replica_is_not_handled_again(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, postgres_url: str
) -> None:
    user = bot_api.new_user("Olena", language_code="en")
    chat = bot_api.private_chat(user)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    first_settings, first = webhook_settings(bot_api, figures_api, postgres_url)
    second_settings, second = webhook_settings(bot_api, figures_api, postgres_url)

    async with (
        started_bot(first_settings, bot_api, figures_api),
        Runtime.running(second_settings),  # a standby replica: it serves its webhook too
        httpx.AsyncClient() as client,
    ):
        for webhook in (first, second):  # Telegram's retry, through the load balancer
            answer = await client.post(webhook, json=today_command(chat, user), headers=headers)
            assert answer.status_code == 200
        await client.post(second, json=today_command(chat, user, update_id=2), headers=headers)
        await bot_api.wait_until(lambda: len(bot_api.sent_to(chat)) == 2)
        await asyncio.sleep(0.2)  # a second answer to the first update would have come by now

    assert len(bot_api.sent_to(chat)) == 2


@pytest.mark.parametrize(
    "headers",
    [{"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}],
    ids=["wrong-secret", "no-secret"],
)
async def test_an_update_with_a_wrong_or_missing_secret_is_refused(
    bot_api: FakeBotApi, webhook: str, headers: dict[str, str]
) -> None:
    user = bot_api.new_user("Olena", language_code="en")
    chat = bot_api.private_chat(user)

    async with httpx.AsyncClient() as client:
        answer = await client.post(webhook, json=today_command(chat, user), headers=headers)

    assert answer.status_code == 403
    assert not [call for call in bot_api.sent if call.method == "sendMessage"]


def test_a_webhook_without_a_secret_is_refused_by_the_settings(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="WEBHOOK_SECRET"):
        bot_settings_for(
            bot_api,
            figures_api,
            f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3",
            {"WEBHOOK_URL": "https://example.org/hook"},
        )


@pytest.fixture
async def monitored_bot(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, bot_database_url: str
) -> AsyncIterator[tuple[RunningBot, str]]:
    port = free_port()
    settings = bot_settings_for(bot_api, figures_api, bot_database_url, {"HEALTH_PORT": str(port)})
    async with started_bot(settings, bot_api, figures_api) as running:
        yield running, f"http://127.0.0.1:{port}"


async def test_the_health_endpoint_reports_the_latest_report_and_the_backlog(
    monitored_bot: tuple[RunningBot, str],
) -> None:
    _, root = monitored_bot

    async with httpx.AsyncClient() as client:
        answer = await client.get(f"{root}/healthz")

    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "last_report": "2026-08-08",
        "outbox_backlog": 0,
        "failing": {},
    }


async def test_the_metrics_count_updates_and_replies_and_show_the_last_report(
    monitored_bot: tuple[RunningBot, str],
) -> None:
    running, root = monitored_bot
    bot_api = running.bot_api
    user = bot_api.new_user("Taras", language_code="uk")
    chat = bot_api.private_chat(user)
    bot_api.send_command(chat, user, "/today")
    bot_api.send_command(chat, user, "/records")
    await bot_api.wait_for(2)

    async with httpx.AsyncClient() as client:
        metrics = (await client.get(f"{root}/metrics")).text

    assert 'bot_updates_total{kind="message"} 2.0' in metrics
    assert "bot_replies_total 2.0" in metrics
    last_report = datetime(2026, 8, 8, tzinfo=UTC).timestamp()
    assert f"bot_last_report_date_seconds {last_report:.7e}" in metrics
    assert "bot_outbox_backlog 0.0" in metrics
    assert 'bot_deliveries{status="sent"} 0.0' in metrics
    assert "bot_poll_errors_total 0.0" in metrics


async def test_a_poll_that_finds_upstream_down_is_counted(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, bot_database_url: str
) -> None:
    admin = bot_api.new_user("Admin", language_code="en")
    port = free_port()
    settings = bot_settings_for(
        bot_api,
        figures_api,
        bot_database_url,
        {"HEALTH_PORT": str(port), "BOT_ADMINS": str(admin.id)},
    )
    client = RussianWarshipClient(figures_api.url, timeout=0.5, retry=FAST_RETRY)
    async with started_bot(settings, bot_api, figures_api, figures_client=client):
        figures_api.inject(HttpError(500), HttpError(500), HttpError(500))
        bot_api.send_command(bot_api.private_chat(admin), admin, "/poll")
        await bot_api.wait_for(1)

        async with httpx.AsyncClient() as http:
            metrics = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    await client.aclose()

    assert "bot_poll_errors_total 1.0" in metrics


async def test_without_a_health_port_nothing_listens(running_bot: RunningBot) -> None:
    assert running_bot.settings.health_port is None
