"""The official post and the figures API end to end, with the bot as a real process (`python -m
bot`) against the fake Bot API, the fake figures API and the fake channel page on 127.0.0.1.

- The API answers 500 all morning while the channel publishes the next report: every subscriber
  gets the right post, linking the official post, within CHANNEL_POLL_INTERVAL + 5 s; the admins
  hear once that the API failed all morning. The API then publishes the same figures: nothing
  more is sent. The next day the API and the channel disagree: the admins get exactly one alert.
- A post with a lost digit is never broadcast; the right figures go out once the API has them.
  Then the page fails in every way it can: the bot keeps running and posting from the API.

STALE_AFTER is midnight, so that "all morning" has passed whenever the test runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.domain.chats import ChatKind
from bot.domain.readings import Source, Verdict
from bot.store import ChatRepository, Database
from bot.store.observations import ObservationRepository
from tests.e2e.test_restart import subscribe_in_store
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_objects import FakeChat
from tests.fakes.channel_page import (
    Blocked,
    ChangedShape,
    Down,
    Empty,
    FakeChannel,
    HttpError,
    Slow,
    TooManyRequests,
)
from tests.fakes.figures_api import FakeFiguresApi
from tests.fakes.figures_api import HttpError as ApiError
from tests.support.dataset import history_records
from tests.support.fixtures_delivery import truncated_store
from tests.support.process import bot_process, show_log

CHANNEL_POLL_INTERVAL = 0.5
SUBSCRIBERS = 3
WAIT = 30.0
API_FAILED = "📡 <b>The figures API has failed all morning</b>"
ONE_DAY = timedelta(days=1)


@dataclass
class Scene:
    bot_api: FakeBotApi
    figures_api: FakeFiguresApi
    channel: FakeChannel
    subscribers: list[FakeChat]
    admin: FakeChat
    url: str
    log: Path

    def daily_posts(self, chat: FakeChat) -> list[str]:
        return [
            call.text or ""
            for call in self.bot_api.sent
            if call.method == "sendMessage"
            and call.chat_id == chat.id
            and (call.text or "").startswith("<b>Russian losses")
        ]

    def to_subscribers(self) -> int:
        ids = {chat.id for chat in self.subscribers}
        return sum(call.chat_id in ids for call in self.bot_api.sent)

    def told(self, mark: str) -> list[str]:
        """The admin's messages that start with `mark`."""
        return [
            call.text or ""
            for call in self.bot_api.sent
            if call.chat_id == self.admin.id and (call.text or "").startswith(mark)
        ]

    async def everyone_got(self, day: str, count: int = 1) -> None:
        await self.bot_api.wait_until(
            lambda: all(
                sum(day in post for post in self.daily_posts(chat)) >= count
                for chat in self.subscribers
            ),
            WAIT,
        )

    async def read(self, source: str, day: date, verdict: Verdict = Verdict.ACCEPTED) -> None:
        """Waits until the store records `source`'s reading of `day` with `verdict`."""
        database = Database(self.url)
        try:
            async with asyncio.timeout(WAIT):
                while True:
                    async with database.session() as session:
                        found = await ObservationRepository(session).of_date(source, day)
                    if any(reading.verdict is verdict for reading in found):
                        return
                    await asyncio.sleep(0.1)
        finally:
            await database.dispose()

    async def polled_again(self, times: int = 3) -> None:
        """Waits until both sources have been read `times` more times."""
        api, page = len(self.figures_api.requests), len(self.channel.seen)
        async with asyncio.timeout(WAIT):
            while not (  # noqa: ASYNC110 - the fakes have no event for it
                len(self.figures_api.requests) >= api + times
                and len(self.channel.seen) >= page + times
            ):
                await asyncio.sleep(0.05)


async def stored_admin(url: str, admin: FakeChat) -> None:
    """The admin's private chat, known in English (not subscribed)."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            await ChatRepository(session).upsert(admin.id, ChatKind.PRIVATE, None, "en")
    finally:
        await database.dispose()


Start = Callable[..., AbstractAsyncContextManager[Scene]]


@pytest.fixture
def start(
    bot_api: FakeBotApi, figures_api: FakeFiguresApi, backfilled_sqlite: Path, tmp_path: Path
) -> Start:
    """`start(last_stored, api_down=False)`: the bot as a process on a store ending on
    `last_stored`, both sources showing that day too (`api_down`: the API answers 500 from the
    start); fails if the bot stops or logs a traceback."""

    @asynccontextmanager
    async def started(last_stored: date, *, api_down: bool = False) -> AsyncIterator[Scene]:
        url = truncated_store(backfilled_sqlite, tmp_path / "bot.sqlite3", last_stored)
        subscribers = [
            bot_api.private_chat(bot_api.new_user(language_code="en")) for _ in range(SUBSCRIBERS)
        ]
        await subscribe_in_store(url, subscribers)
        admin = bot_api.private_chat(bot_api.new_user("Admin", language_code="en"))
        await stored_admin(url, admin)
        figures_api.publish_until(last_stored)
        if api_down:
            figures_api.fail_always(ApiError(500))
        async with FakeChannel() as channel:
            channel.publish_until(last_stored)
            environment = {
                "BOT_TOKEN": bot_api.token,
                "BOT_API_URL": bot_api.root_url,
                "LOSSES_API_URL": figures_api.url,
                "LOSSES_CHANNEL_URL": channel.url,
                "CHANNEL_POLL_INTERVAL": str(CHANNEL_POLL_INTERVAL),
                "POLL_INTERVAL": "0.5",
                "POLL_DEADLINE": "3",
                "POLL_WINDOW": "00:00-24:00",
                "STALE_AFTER": "00:00",
                "BOT_ADMINS": str(admin.id),
                "DATABASE_URL": url,
            }
            log = tmp_path / "bot.log"
            async with bot_process(environment, log) as process:
                scene = Scene(bot_api, figures_api, channel, subscribers, admin, url, log)
                await bot_api.wait_until(lambda: bot_api.updates.waiting > 0, WAIT)
                yield scene
                assert process.poll() is None, "the bot stopped"
        text = log.read_text(errors="replace")
        if "Traceback" in text:
            show_log(log)
        assert "Traceback" not in text

    return started


async def test_with_the_api_down_the_official_post_reaches_everyone_first_and_only_once(
    start: Start,
) -> None:
    day = date(2024, 6, 10)
    async with start(day - ONE_DAY, api_down=True) as scene:
        await scene.polled_again()

        published = time.monotonic()
        scene.channel.publish_until(day)
        await scene.everyone_got("10 June 2024")
        took = time.monotonic() - published

        posts = {chat.id: scene.daily_posts(chat) for chat in scene.subscribers}
        link = f"https://t.me/GeneralStaffZSU/{scene.channel.report_post(day).id}"
        assert took <= CHANNEL_POLL_INTERVAL + 5, f"the post came after {took:.1f} s"
        assert all(len(sent) == 1 for sent in posts.values())
        assert all("Personnel: about 519,750 (+1,190)" in sent[0] for sent in posts.values())
        assert all(link in sent[0] for sent in posts.values())

        # Every read of the API failed this morning: the admins hear it (before the API comes
        # back, or its first success would rightly cancel the warning).
        await scene.bot_api.wait_until(lambda: bool(scene.told(API_FAILED)), WAIT)

        # The API comes back with the same figures: nothing more is sent.
        sent_before = scene.to_subscribers()
        scene.figures_api.fail_always()
        scene.figures_api.publish_until(day)
        await scene.read(Source.API, day)
        await scene.polled_again(2)
        assert scene.to_subscribers() == sent_before

        # The next day the two disagree: one alert to the admins, whatever the polls after it.
        scene.channel.publish_until(day + ONE_DAY)
        await scene.everyone_got("11 June 2024")
        record = next(r for r in history_records() if r["date"] == "2024-06-11")
        forged = {**record["stats"], "personnel_units": record["stats"]["personnel_units"] + 10}
        increase = {
            **record["increase"],
            "personnel_units": record["increase"]["personnel_units"] + 10,
        }
        scene.figures_api.add({**record, "stats": forged, "increase": increase})
        scene.figures_api.publish_until(day + ONE_DAY)
        await scene.read(Source.API, day + ONE_DAY)
        await scene.polled_again(3)

        scene.bot_api.send_command(scene.admin, None, "/stats")
        await scene.bot_api.wait_until(lambda: bool(scene.told("📊")), WAIT)

    (alert,) = scene.told("⚖️")
    assert "11 June 2024" in alert
    assert (
        "• Personnel: official post 520,850 (+1,100), figures API 520,860 (+1,110)"
        in alert.splitlines()
    )
    assert len(scene.told(API_FAILED)) == 1
    assert all(len(scene.daily_posts(chat)) == 2 for chat in scene.subscribers)
    (stats,) = scene.told("📊")
    assert "official post: newest report read 11 June 2024" in stats
    assert "figures API: newest report read 11 June 2024" in stats
    assert "Open disagreements between the sources: 1" in stats


async def test_a_lost_digit_is_never_broadcast_and_page_faults_leave_the_api_posting(
    start: Start,
) -> None:
    day = date(2024, 6, 12)
    async with start(day - ONE_DAY) as scene:
        scene.channel.trap(day, lost_change_digit="personnel_units")  # (+980) read as (+90)
        scene.channel.publish_until(day)
        await scene.read(Source.CHANNEL, day, Verdict.HELD)
        await scene.polled_again()
        assert scene.to_subscribers() == 0

        scene.figures_api.publish_until(day)
        await scene.everyone_got("12 June 2024")

        scene.channel.fail_always(
            Down(),
            HttpError(502),
            TooManyRequests("1"),
            Slow(),
            Blocked(redirect=True),
            Blocked(redirect=False),
            Empty(),
            ChangedShape(),
        )
        await scene.polled_again(8)
        scene.figures_api.publish_until(day + ONE_DAY)
        await scene.everyone_got("13 June 2024")

    for chat in scene.subscribers:
        first, second = scene.daily_posts(chat)
        assert "Personnel: about 521,830 (+980)" in first
        assert "(+90)" not in first + second
        assert "Personnel: about 522,810 (+980)" in second
    assert len(scene.told("⏸")) == 1
    assert "poll of the channel: unavailable" in scene.log.read_text(errors="replace")
