"""The outbox worker against the fake Bot API: each delivery reaches its chat once, within
Telegram's flood limits, and every refusal Telegram can answer ends where it should."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.delivery import DeliverySettings, OutboxWorker, TelegramSender
from bot.delivery.outcomes import FloodWait, Outcome
from bot.domain.chats import Chat, ChatSettings
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.services.compose import OutgoingMessage
from bot.store import ChatRepository, Database
from bot.store.deliveries import DeliveryRepository
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_errors import bad_request
from tests.fakes.bot_api_flood import FloodLimits
from tests.fakes.bot_api_objects import FakeChat
from tests.support.outbox import DAY, UNLIMITED, stored_deliveries, subscribe

DAILY, RECORD, MILESTONE = DeliveryKind.DAILY, DeliveryKind.RECORD, DeliveryKind.MILESTONE
TELEGRAM_LIMITS = DeliverySettings(
    broadcast_rate=30, concurrency=8, connection_pool=8, mark_interval=0.02
)


class StubComposer:
    """A short text naming the delivery, and the report's revision; nothing for the unsubscribed."""

    def __init__(self) -> None:
        self.revision = 1

    async def compose(self, delivery: Delivery, chat: Chat) -> OutgoingMessage | None:
        if not chat.subscribed:
            return None
        text = f"<b>{delivery.kind.value}</b> {delivery.report_date:%d.%m.%Y} v{self.revision}"
        return OutgoingMessage(text)


@dataclass(frozen=True)
class Request:
    started: float
    answered: float
    outcome: Outcome


@dataclass
class TimedSender:
    """The real sender, noting when each request started, when it was answered and how."""

    sender: TelegramSender
    log: list[Request] = field(default_factory=list)

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, silent: bool, thread_id: int | None = None
    ) -> Outcome:
        started = time.monotonic()
        outcome = await self.sender.send(chat_id, message, silent=silent, thread_id=thread_id)
        self.log.append(Request(started, time.monotonic(), outcome))
        return outcome

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> Outcome:
        return await self.sender.edit(chat_id, message_id, message)


@pytest.fixture
async def sender(bot_api: FakeBotApi) -> AsyncIterator[TimedSender]:
    async with TelegramSender.create(bot_api.token, bot_api.root_url, pool_size=8) as sender:
        yield TimedSender(sender)


@pytest.fixture
def composer() -> StubComposer:
    return StubComposer()


def worker_for(
    database: Database,
    sender: TimedSender,
    composer: StubComposer,
    settings: DeliverySettings = UNLIMITED,
) -> OutboxWorker:
    return OutboxWorker(database, sender, composer, settings)


async def owe(database: Database, chats: list[FakeChat], *kinds: DeliveryKind) -> None:
    """Subscribes the chats and queues a delivery of each kind for each of them."""
    await subscribe(database, chats)
    async with database.transaction() as session:
        await DeliveryRepository(session).add_many(
            NewDelivery(chat.id, DAY, kind) for kind in kinds for chat in chats
        )


async def known_chat(database: Database, chat_id: int) -> Chat | None:
    async with database.session() as session:
        return await ChatRepository(session).get(chat_id)


def texts_to(bot_api: FakeBotApi, chat: FakeChat) -> list[str | None]:
    return [call.text for call in bot_api.sent_to(chat)]


async def test_every_pending_delivery_is_sent_once_and_its_message_id_recorded(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chats = [bot_api.private_chat() for _ in range(12)] + [bot_api.group(), bot_api.channel()]
    await owe(database, chats, DAILY)

    await worker_for(database, sender, composer).run_until_idle()

    assert Counter(call.message["chat"]["id"] for call in bot_api.sent if call.message) == {
        chat.id: 1 for chat in chats
    }
    message_ids = {
        call.message["chat"]["id"]: call.message_id for call in bot_api.sent if call.message
    }
    assert {(d.chat_id, d.status, d.message_id) for d in await stored_deliveries(database)} == {
        (chat.id, DeliveryStatus.SENT, message_ids[chat.id]) for chat in chats
    }


async def test_a_second_run_sends_nothing_more(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chats = [bot_api.private_chat() for _ in range(3)]
    await owe(database, chats, DAILY)
    worker = worker_for(database, sender, composer)
    await worker.run_until_idle()

    await worker.run_until_idle()
    await worker_for(database, sender, composer).run_until_idle()

    assert len(bot_api.sent) == 3


async def test_a_chat_gets_the_daily_post_then_the_record_then_the_milestone(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], MILESTONE, RECORD, DAILY)

    await worker_for(database, sender, composer).run_until_idle()

    assert texts_to(bot_api, chat) == [
        "<b>daily</b> 28.02.2025 v1",
        "<b>record</b> 28.02.2025 v1",
        "<b>milestone</b> 28.02.2025 v1",
    ]


async def test_posts_are_html_without_link_previews_and_silent_where_asked(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    loud, quiet = bot_api.private_chat(), bot_api.private_chat()
    await owe(database, [loud, quiet], DAILY)
    await subscribe(database, [quiet], ChatSettings(silent=True))

    await worker_for(database, sender, composer).run_until_idle()

    [to_loud], [to_quiet] = bot_api.sent_to(loud), bot_api.sent_to(quiet)
    assert (to_loud.parse_mode, to_loud.link_preview_options) == ("HTML", {"is_disabled": True})
    assert (to_loud.disable_notification, to_quiet.disable_notification) == (False, True)


async def test_a_delivery_with_nothing_to_send_is_skipped(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY)
    async with database.transaction() as session:
        await ChatRepository(session).set_subscribed(chat.id, False)

    await worker_for(database, sender, composer).run_until_idle()

    assert bot_api.sent == []
    assert [d.status for d in await stored_deliveries(database)] == [DeliveryStatus.SKIPPED]


async def test_a_broadcast_within_the_flood_limits_never_provokes_a_429(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    # No burst per chat either: a second message to a chat within a second would be refused.
    bot_api.enable_flood_limits(FloodLimits(chat_burst=1))
    groups = [bot_api.group(), bot_api.supergroup(), bot_api.channel()]
    people = [bot_api.private_chat() for _ in range(90)]
    await owe(database, groups, DAILY, RECORD, MILESTONE)
    await owe(database, people, DAILY)
    worker = worker_for(database, sender, composer, TELEGRAM_LIMITS)

    await worker.run_until_idle()

    assert (bot_api.flood_429s, worker.stats.flood_waits) == (0, 0)
    assert len(bot_api.sent) == 90 + 3 * 3
    assert all(len(texts_to(bot_api, group)) == 3 for group in groups)


async def test_a_429_holds_every_send_for_its_retry_after_then_all_go_once(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chats = [bot_api.private_chat() for _ in range(6)]
    await owe(database, chats, DAILY)
    bot_api.fail_next(retry_after=1)
    paced = dataclasses.replace(UNLIMITED, broadcast_rate=20)

    await worker_for(database, sender, composer, paced).run_until_idle()

    [refused] = [request for request in sender.log if isinstance(request.outcome, FloodWait)]
    assert refused.outcome == FloodWait(1.0)
    later = [request for request in sender.log if request.started > refused.answered]
    assert len(later) == len(chats)
    assert all(request.started >= refused.answered + 1.0 for request in later)
    assert Counter(call.chat_id for call in bot_api.sent) == {chat.id: 1 for chat in chats}


async def test_a_blocked_chat_is_unsubscribed_and_its_pending_deliveries_skipped(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    blocked, other = bot_api.private_chat(), bot_api.private_chat()
    await owe(database, [blocked, other], DAILY, RECORD)
    bot_api.block(blocked)

    await worker_for(database, sender, composer).run_until_idle()

    chat = await known_chat(database, blocked.id)
    assert chat is not None
    assert not chat.subscribed
    assert [
        (d.kind, d.status) for d in await stored_deliveries(database) if d.chat_id == blocked.id
    ] == [
        (DAILY, DeliveryStatus.FAILED),
        (RECORD, DeliveryStatus.SKIPPED),
    ]
    assert len(texts_to(bot_api, other)) == 2


async def test_a_chat_that_is_not_found_is_unsubscribed(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    gone = bot_api.group()
    await owe(database, [gone], DAILY)
    bot_api.forget(gone)

    await worker_for(database, sender, composer).run_until_idle()

    chat = await known_chat(database, gone.id)
    assert chat is not None
    assert not chat.subscribed
    assert [d.status for d in await stored_deliveries(database)] == [DeliveryStatus.FAILED]


async def test_a_migrated_group_gets_its_post_at_the_new_id_and_keeps_its_subscription(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    group = bot_api.group()
    await owe(database, [group], DAILY)
    await subscribe(database, [group], ChatSettings(language="en", milestone_alerts=False))
    supergroup = bot_api.migrate(group)

    await worker_for(database, sender, composer).run_until_idle()

    assert texts_to(bot_api, supergroup) == ["<b>daily</b> 28.02.2025 v1"]
    old, new = await known_chat(database, group.id), await known_chat(database, supergroup.id)
    assert old is not None
    assert not old.subscribed
    assert new is not None
    assert new.subscribed
    assert new.settings == ChatSettings(language="en", milestone_alerts=False)
    assert [(d.chat_id, d.status) for d in await stored_deliveries(database)] == [
        (supergroup.id, DeliveryStatus.SENT)
    ]


async def test_a_server_error_is_retried(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY)
    bot_api.fail_next(chat)

    await worker_for(database, sender, composer).run_until_idle()

    assert len(texts_to(bot_api, chat)) == 1
    [delivery] = await stored_deliveries(database)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


async def test_a_retried_delivery_keeps_its_place_before_the_chats_next_one(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY, RECORD)
    bot_api.fail_next(chat)

    await worker_for(database, sender, composer).run_until_idle()

    assert texts_to(bot_api, chat) == ["<b>daily</b> 28.02.2025 v1", "<b>record</b> 28.02.2025 v1"]


async def test_a_delivery_that_fails_every_try_ends_failed(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY)
    for _ in range(UNLIMITED.max_attempts):
        bot_api.fail_next(chat)

    await worker_for(database, sender, composer).run_until_idle()

    assert texts_to(bot_api, chat) == []
    [delivery] = await stored_deliveries(database)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, UNLIMITED.max_attempts)


async def test_a_message_telegram_refuses_for_good_fails_at_once(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY, RECORD)
    bot_api.fail_next(chat, error=bad_request("can't parse entities"))

    await worker_for(database, sender, composer).run_until_idle()

    assert texts_to(bot_api, chat) == ["<b>record</b> 28.02.2025 v1"]
    assert [(d.status, d.attempts) for d in await stored_deliveries(database)] == [
        (DeliveryStatus.FAILED, 1),
        (DeliveryStatus.SENT, 0),
    ]


async def test_a_revised_post_is_edited_in_place(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY)
    worker = worker_for(database, sender, composer)
    await worker.run_until_idle()
    [posted] = bot_api.sent_to(chat)

    composer.revision = 2
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_needs_edit(DAY)
    await worker.run_until_idle()

    assert posted.message_id is not None
    assert bot_api.message(chat, posted.message_id)["text"] == "daily 28.02.2025 v2"
    assert [d.needs_edit for d in await stored_deliveries(database)] == [False]


async def test_an_edit_that_changes_nothing_is_done(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await owe(database, [chat], DAILY)
    worker = worker_for(database, sender, composer)
    await worker.run_until_idle()

    async with database.transaction() as session:
        await DeliveryRepository(session).mark_needs_edit(DAY)
    await worker.run_until_idle()

    assert [call.ok for call in bot_api.calls if call.method == "editMessageText"] == [False]
    assert [d.needs_edit for d in await stored_deliveries(database)] == [False]


async def test_the_running_worker_sends_what_it_is_woken_for_and_stops_when_asked(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chat = bot_api.private_chat()
    await subscribe(database, [chat])
    worker, stop = worker_for(database, sender, composer), asyncio.Event()

    async with asyncio.TaskGroup() as tasks:
        tasks.create_task(worker.run(stop))
        await owe(database, [chat], DAILY)
        worker.wake()
        await bot_api.wait_for(1)
        stop.set()

    assert [d.status for d in await stored_deliveries(database)] == [DeliveryStatus.SENT]


async def test_stopping_during_a_hold_marks_what_went_and_leaves_the_rest_pending(
    database: Database, bot_api: FakeBotApi, sender: TimedSender, composer: StubComposer
) -> None:
    chats = [bot_api.private_chat() for _ in range(4)]
    await owe(database, chats, DAILY)
    bot_api.fail_next(retry_after=30)
    paced = dataclasses.replace(UNLIMITED, broadcast_rate=20)
    worker, stop = worker_for(database, sender, composer, paced), asyncio.Event()

    async with asyncio.timeout(10), asyncio.TaskGroup() as tasks:  # far less than the hold
        tasks.create_task(worker.run(stop))
        await bot_api.wait_for(lambda call: call.error_code == 429, include_failed=True)
        stop.set()

    reached = {call.chat_id for call in bot_api.sent}
    deliveries = await stored_deliveries(database)
    assert {d.chat_id for d in deliveries if d.status is DeliveryStatus.SENT} == reached
    assert {d.chat_id for d in deliveries if d.status is DeliveryStatus.PENDING} == {
        chat.id for chat in chats
    } - reached
