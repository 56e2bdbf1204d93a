"""The weekly and monthly digests: on Mondays the week before, on the 1st the month before.

One job runs every morning at DIGEST_TIME in BOT_TIMEZONE; it reads the day from the clock, in
that time zone, and sends what is due that day (`digest_periods`): nothing on most days, both on a
Monday the 1st. Each subscribed chat that asked for the digest gets its text, then its chart,
in the chat's language; each language's digest is drawn once.

The digests go straight out through the Application's bot, not through the durable outbox (whose
deliveries are per report and carry text only): a restart during the run does not resume it.
They keep the broadcast's pace (BROADCAST_RATE, one message a second per chat, Telegram's group
limit) with the outbox's `SendLimits`, several chats at a time; a chat that blocked the bot is
unsubscribed and a group that became a supergroup is moved, as the outbox does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, time

from telegram.error import TelegramError

from bot.delivery.config import DeliverySettings
from bot.delivery.limits import SendLimits
from bot.delivery.outcomes import ChatBlocked, ChatGone, ChatMoved, FloodWait, classify
from bot.domain.chats import Chat, ChatKind
from bot.domain.digests import CalendarPeriod, digest_periods
from bot.services.sharing import Digest, digest, digest_chats
from bot.settings import Settings
from bot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

DIGEST_TIME = time(10, 0)
"""In BOT_TIMEZONE: well after the morning's report (06:30-08:00), early in the working day."""
JOB_NAME = "digests"
SENDING_AT_ONCE = 16
"""Chats served at once: a chat waits a second between its two messages, others go meanwhile."""

_Send = Callable[[Chat], Awaitable[None]]


def run_day(context: BotContext) -> date:
    """Today in BOT_TIMEZONE, by the services' clock."""
    services = context.services
    return services.clock.now().astimezone(services.settings.bot_timezone).date()


async def digests_job(context: BotContext) -> None:
    """Sends the digests due today, if any."""
    for period in digest_periods(run_day(context)):
        await send_digests(context, period)


async def send_digests(context: BotContext, period: CalendarPeriod) -> None:
    """The digest of `period` to every subscribed chat that asked for it."""
    services = context.services
    chats = await digest_chats(services.database, period.kind)
    figures = await services.figures.figures()
    digests = {lang: await digest(figures, period, lang) for lang in {c.language for c in chats}}
    limits = SendLimits.from_settings(DeliverySettings.from_settings(services.settings))
    wanting = [chat for chat in chats if digests[chat.language] is not None]
    await _each(wanting, lambda chat: _send(context, limits, chat, digests[chat.language]))
    log.info("%s digest of %s sent to %d chats", period.kind, period.first_day, len(wanting))


async def _each(chats: Iterable[Chat], send: _Send) -> None:
    pending = iter(chats)

    async def worker() -> None:
        for chat in pending:  # one iterator shared by the workers: each chat is taken once
            await send(chat)

    async with asyncio.TaskGroup() as group:
        for _ in range(SENDING_AT_ONCE):
            group.create_task(worker())


async def _send(context: BotContext, limits: SendLimits, chat: Chat, found: Digest | None) -> None:
    if found is None:
        return
    to, silent = chat.chat_id, chat.settings.silent
    is_group = chat.kind is not ChatKind.PRIVATE
    try:
        await limits.acquire(to, is_group)
        await context.bot.send_message(to, found.text, disable_notification=silent)
        picture = found.picture
        if picture is not None:
            await limits.acquire(to, is_group)
            await context.bot.send_photo(
                to, picture.png, caption=picture.caption, disable_notification=silent
            )
    except TelegramError as error:
        await _after_failure(context, limits, chat, error)


async def _after_failure(
    context: BotContext, limits: SendLimits, chat: Chat, error: TelegramError
) -> None:
    outcome = classify(error)
    log.warning("digest to chat %s not sent: %r", chat.chat_id, outcome)
    match outcome:
        case ChatBlocked() | ChatGone():
            await context.chats.set_subscribed(chat.chat_id, False)
        case ChatMoved(new_chat_id=new_chat_id):
            await context.chats.migrate(chat.chat_id, new_chat_id)
        case FloodWait(seconds=seconds):
            limits.hold(seconds)


def register(application: BotApplication, settings: Settings) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is needed (python-telegram-bot[job-queue])")
    job_queue.run_daily(
        digests_job, DIGEST_TIME.replace(tzinfo=settings.bot_timezone), name=JOB_NAME
    )
