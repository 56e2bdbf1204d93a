"""Delivery in the running bot: the poll job, the outbox worker and the staleness warning.

- `poll_figures_job` runs every POLL_INTERVAL s, the first time one interval after the start.
  Outside POLL_WINDOW (in BOT_TIMEZONE) and once a report dated today (local) is stored it does
  nothing, so polling rests until the next morning's window opens. On an empty store it polls
  whatever the hour: that poll is the first backfill (or its retry, if upstream was down at the
  start, when `first_backfill_job` ran the same poll).
- After a poll that stored new reports or revisions, the outbox worker is woken at once.
- The outbox worker (`OutboxWorker.run`) runs for the Application's life on a sender of its own;
  it also looks at the outbox every few seconds by itself, and resumes after a restart.
- The staleness warning (`StalenessWatch`) is checked daily at STALE_AFTER and after each poll.

The clock is `services.clock`, so that tests can move the bot's time.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from datetime import date

from telegram.error import TelegramError

from bot.delivery import DeliverySettings, OutboxWorker, TelegramSender
from bot.render import DEFAULT_LANGUAGE, text
from bot.render.formatting import long_date
from bot.services.compose import FiguresComposer
from bot.services.container import Services
from bot.services.poll import PollResult
from bot.services.staleness import Notice, Recovered, Stale, StalenessWatch
from bot.settings import Settings
from bot.telegram.context import BotApplication, BotContext, Broadcast, LastPoll
from bot.telegram.post_buttons import post_buttons
from bot.telegram.refusals import tell_admins_of_refusals

log = logging.getLogger(__name__)

POLL_JOB = "poll figures"
STALENESS_JOB = "staleness warning"
OUTBOX_TASK = "outbox worker"


def register(application: BotApplication, settings: Settings) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is needed (python-telegram-bot[job-queue])")
    # The first poll comes one interval after the start, like every other (an empty store is
    # filled at once by the first backfill job instead).
    job_queue.run_repeating(
        poll_figures_job,
        interval=settings.poll_interval,
        first=settings.poll_interval,
        name=POLL_JOB,
    )
    stale_after = settings.stale_after.replace(tzinfo=settings.bot_timezone)
    job_queue.run_daily(staleness_job, time=stale_after, name=STALENESS_JOB)


async def start(application: BotApplication) -> None:
    """Opens the broadcast's sender and starts the outbox worker (from post_init)."""
    bot_data = application.bot_data
    services = bot_data.services
    settings = DeliverySettings.from_settings(services.settings)
    sender = TelegramSender.create(
        application.bot.token,
        services.settings.bot_api_url,
        pool_size=settings.connection_pool,
        timeout=settings.request_timeout,
    )
    await sender.start()
    composer = FiguresComposer(services.figures, buttons=post_buttons)
    worker = OutboxWorker(services.database, sender, composer, settings, clock=services.clock)
    stop = asyncio.Event()
    # post_init runs before the Application starts: PTB warns that it will not await this task.
    # That is meant: it runs until `stop`, which only post_shutdown sets, after Application.stop
    # (which would wait for it forever); `stop()` below awaits it. Its errors still reach the
    # error handler.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Tasks created via `Application.create_task`")
        task = application.create_task(worker.run(stop), name=OUTBOX_TASK)
    bot_data.broadcast = Broadcast(sender, worker, stop, task)
    bot_data.staleness = StalenessWatch(
        services.settings.bot_timezone, services.settings.stale_after
    )


async def stop(application: BotApplication) -> None:
    """Stops the worker (the messages on the wire are answered and marked) and closes the sender."""
    broadcast = application.bot_data.broadcast
    if broadcast is None:
        return
    application.bot_data.broadcast = None
    broadcast.stop.set()
    await asyncio.wait([broadcast.task])
    await broadcast.sender.stop()


async def poll_figures_job(context: BotContext) -> None:
    """Polls while the day's report is awaited; see the module's docstring."""
    context.bot_data.poll_job_ran = time.monotonic()
    services = context.services
    settings = services.settings
    local = services.clock.now().astimezone(settings.bot_timezone)
    latest = await latest_report(services)
    if latest is None or (latest < local.date() and settings.poll_window.contains(local.time())):
        await poll_now(context)


async def staleness_job(context: BotContext) -> None:
    """Daily at STALE_AFTER: tells the admins if the day's report is not in."""
    await check_staleness(context, await latest_report(context.services))


async def poll_now(context: BotContext) -> PollResult:
    """Polls upstream once (the job, or an admin's /poll), then wakes the worker and checks the
    staleness warning."""
    services = context.services
    result = await services.poller.poll()
    if result.joined:
        return result  # the caller whose poll it was does what follows
    context.bot_data.last_poll = LastPoll(services.clock.now(), result)
    if result.unavailable:
        services.metrics.poll_errors.inc()
    await tell_admins_of_refusals(context, result.refused)
    broadcast = context.bot_data.broadcast
    if result.changed and broadcast is not None:
        broadcast.worker.wake()
    await check_staleness(context, result.latest)
    return result


async def latest_report(services: Services) -> date | None:
    """The date of the newest stored report (from the figures kept in memory)."""
    history = (await services.figures.figures()).history
    return history.latest.date if len(history) else None


async def check_staleness(context: BotContext, latest: date | None) -> None:
    watch = context.bot_data.staleness
    if watch is None:
        return
    notice = watch.check(context.services.clock.now(), latest)
    if notice is None:
        return
    log.log(logging.WARNING if isinstance(notice, Stale) else logging.INFO, "admins: %s", notice)
    for admin in sorted(context.services.settings.bot_admins):
        chat = await context.chats.get(admin)
        lang = chat.language if chat is not None else DEFAULT_LANGUAGE
        try:
            await context.bot.send_message(admin, notice_text(notice, lang))
        except TelegramError as error:  # one admin who never started the bot stops no one
            log.warning("could not tell admin %s: %s", admin, error)


def notice_text(notice: Notice, lang: str) -> str:
    """The staleness warning, or the recovery, for the admins (Telegram HTML)."""
    match notice:
        case Stale(day, latest):
            return text(lang, "admin-stale", date=long_date(day, lang), latest=_day(latest, lang))
        case Recovered(latest, before):
            return text(
                lang, "admin-recovered", date=long_date(latest, lang), before=_day(before, lang)
            )


def _day(day: date | None, lang: str) -> str:
    return long_date(day, lang) if day else text(lang, "admin-no-report")
