"""Admin commands, for the user ids in BOT_ADMINS only: `/stats` and `/poll`.

`/stats`: subscribers by chat type, the latest report, the outbox's backlog and failures, what
the latest poll of this replica did, and each figures source (the newest date it gave, its last
success and failure) with the open disagreements between them. `/poll`: polls the figures API
now, whatever the hour (as the poll job does: the sender is woken, the staleness warning
checked) and says what happened.
Everyone else gets a polite refusal; in a channel nobody is known to be an admin, so nobody is
let in.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.ext import CommandHandler

from bot.domain.chats import ChatKind
from bot.render import text
from bot.render.formatting import long_date
from bot.render.sources import open_disagreements, source_line
from bot.services.poll import PollResult
from bot.services.polling import LastPoll
from bot.services.source_health import SourcesStatus, read_sources
from bot.services.status import Status, read_status
from bot.telegram.chat_language import chat_language
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES


def stats_text(
    status: Status,
    last_poll: LastPoll | None,
    lang: str,
    timezone: ZoneInfo,
    sources: SourcesStatus | None = None,
) -> str:
    """The /stats answer (Telegram HTML)."""
    subscribers = status.subscribers
    if last_poll is None:
        polled = text(lang, "admin-stats-never-polled")
    else:
        at = _moment(last_poll.at, lang, timezone)
        polled = text(lang, "admin-stats-last-poll", at=at, outcome=outcome(last_poll.result, lang))
    return "\n".join(
        (
            text(lang, "admin-stats-title"),
            text(
                lang,
                "admin-stats-subscribers",
                total=status.total_subscribers,
                private=subscribers.get(ChatKind.PRIVATE, 0),
                groups=subscribers.get(ChatKind.GROUP, 0),
                supergroups=subscribers.get(ChatKind.SUPERGROUP, 0),
                channels=subscribers.get(ChatKind.CHANNEL, 0),
            ),
            text(lang, "admin-stats-latest", date=_day(status.last_report, lang)),
            text(lang, "admin-stats-outbox", backlog=status.backlog, failed=status.failed),
            polled,
            *([] if sources is None else _sources_lines(sources, lang, timezone)),
        )
    )


def _sources_lines(sources: SourcesStatus, lang: str, timezone: ZoneInfo) -> list[str]:
    lines = [
        source_line(
            found.source,
            found.newest,
            found.state.last_success,
            found.state.last_failure,
            found.state.failure,
            lang,
            timezone,
        )
        for found in sources.sources
    ]
    return [*lines, open_disagreements(sources.open_disagreements, sources.newest_open, lang)]


def poll_text(result: PollResult, lang: str) -> str:
    """The /poll answer (Telegram HTML)."""
    return f"{text(lang, 'admin-poll-title')}\n{outcome(result, lang)}"


def outcome(result: PollResult, lang: str) -> str:
    """What a poll did, in a line or two."""
    if result.unavailable is not None:
        return text(lang, "admin-poll-unavailable", reason=html.escape(result.unavailable))
    if result.backfill:
        return text(lang, "admin-poll-backfill", count=result.stored)
    lines = []
    if result.new_reports:
        dates = _dates(result.new_reports, lang)
        count, deliveries = len(result.new_reports), result.deliveries
        lines.append(text(lang, "admin-poll-new", count=count, dates=dates, deliveries=deliveries))
    if result.revised:
        dates = _dates(result.revised, lang)
        lines.append(text(lang, "admin-poll-revised", dates=dates, edits=result.needs_edit))
    if result.refused:
        days = tuple(reading.date for reading in result.refused if reading.date is not None)
        if days:
            lines.append(text(lang, "refusal-poll", dates=_dates(days, lang)))
    if not lines:
        lines.append(text(lang, "admin-poll-nothing-new", latest=_day(result.latest, lang)))
    return "\n".join(lines)


def _dates(days: tuple[date, ...], lang: str) -> str:
    return ", ".join(long_date(day, lang) for day in days)


def _day(day: date | None, lang: str) -> str:
    return long_date(day, lang) if day else text(lang, "admin-no-report")


def _moment(moment: datetime, lang: str, timezone: ZoneInfo) -> str:
    local = moment.astimezone(timezone)
    return f"{long_date(local.date(), lang)}, {local:%H:%M:%S}"


def is_admin(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.services.settings.bot_admins


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


async def stats_command(update: Update, context: BotContext) -> None:
    lang = await chat_language(update, context)
    if not is_admin(update, context):
        await _message(update).reply_text(text(lang, "admin-refused"))
        return
    services = context.services
    status = await read_status(services.database)
    names = [source.source for source in services.polling.sources]
    sources = await read_sources(services.database, names)
    timezone = services.settings.bot_timezone
    answer = stats_text(status, services.polling.last, lang, timezone, sources)
    await _message(update).reply_text(answer)


async def poll_command(update: Update, context: BotContext) -> None:
    lang = await chat_language(update, context)
    if not is_admin(update, context):
        await _message(update).reply_text(text(lang, "admin-refused"))
        return
    result = await context.services.polling.poll_now()
    await _message(update).reply_text(poll_text(result, lang))


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("stats", stats_command, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("poll", poll_command, filters=COMMAND_UPDATES))
