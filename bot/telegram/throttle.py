"""Per-user throttling of commands: one user cannot flood the bot, and nobody is left unanswered.

Each sender has a token bucket: `burst` commands at once, then `rate` a second (a private chat's
plain messages count too). A command beyond it is held back before any handler runs: the first
one of a throttled burst gets one polite reply, which promises an answer to the last command, and
the sender's last held command is handed to the bot again as soon as the bucket allows it (a job
of the job queue), so that it is answered; earlier held ones are superseded (answering each would
be the flood again). The sender is the user, or the chat for posts in channels and messages of
anonymous group admins (both carry `sender_chat`).

Groups and channels also have a bucket each, sized as Telegram's limit on the bot's messages to
one group (20 a minute): beyond it, commands are held back the same way, without a reply (one
would only wait for that limit and hold up the bot meanwhile).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.render import text
from bot.services.chats import language_of
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES, addressed_command

THROTTLE_GROUP = -1
"""The handler group that runs before every other (PTB runs groups in ascending order)."""
GROUP_BURST, GROUP_RATE = 20, 20 / 60
"""Telegram's limit on the bot's messages to one group: 20 a minute."""
MIN_REPLAY_SECONDS = 0.1
"""A held command is handed back no sooner than this (its bucket has just been read)."""


class Verdict(Enum):
    ALLOWED = auto()
    SLOW_DOWN = auto()
    """Refused, and the first refusal of this burst: tell the user once."""
    REFUSED = auto()
    """Refused again: stay silent."""


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class CommandThrottle:
    """Token buckets by sender; idle buckets (full again) are forgotten as the table grows."""

    def __init__(
        self, burst: int, rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = float(burst)
        self.rate = rate
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._prune_above = 1024

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, sender: int) -> Verdict:
        now = self._clock()
        bucket = self._buckets.get(sender)
        if bucket is None:
            self._prune(now)
            bucket = self._buckets[sender] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return Verdict.ALLOWED
        if bucket.warned:
            return Verdict.REFUSED
        bucket.warned = True
        return Verdict.SLOW_DOWN

    def wait(self, sender: int) -> float:
        """Seconds until `sender` may send one more (0 when they may now)."""
        bucket = self._buckets.get(sender)
        if bucket is None:
            return 0.0
        tokens = min(self.burst, bucket.tokens + (self._clock() - bucket.stamp) * self.rate)
        return max(0.0, (1.0 - tokens) / self.rate)

    def _prune(self, now: float) -> None:
        if len(self._buckets) < self._prune_above:
            return
        refill = self.burst / self.rate
        self._buckets = {
            sender: bucket
            for sender, bucket in self._buckets.items()
            if now - bucket.stamp < refill
        }
        self._prune_above = max(1024, 2 * len(self._buckets))


def sender_of(update: Update) -> int | None:
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id
    user = update.effective_user
    return user.id if user is not None else None


def counts(message: Message, bot_username: str) -> bool:
    """A command addressed to this bot, or plain text in a private chat (both get an answer)."""
    if addressed_command(message, bot_username) is not None:
        return True
    text_sent = message.text or ""
    return message.chat.type == ChatType.PRIVATE and bool(text_sent) and text_sent[:1] != "/"


class HeldBack:
    """The last update each throttled sender sent, handed to the bot again when allowed."""

    def __init__(self, application: BotApplication) -> None:
        self.latest: dict[int, Update] = {}
        self._application = application
        self._ids = itertools.count(1)

    def hold(self, sender: int, update: Update, seconds: float) -> None:
        """Keeps `update` as `sender`'s last one; replays it in `seconds` (once per sender)."""
        waiting = sender in self.latest
        self.latest[sender] = update
        job_queue = self._application.job_queue
        if not waiting and job_queue is not None:
            job_queue.run_once(
                self._replay, when=seconds, data=sender, name=f"{REPLAY_JOB} {sender}"
            )

    async def _replay(self, context: BotContext) -> None:
        sender = context.job.data if context.job else None
        update = self.latest.pop(sender, None) if isinstance(sender, int) else None
        if update is None:
            return
        # Handed back as a new update, its id negative (never one of Telegram's), which the
        # guard against updates seen twice (`replays.py`) does not check.
        data = {**update.to_dict(), "update_id": -next(self._ids)}
        await self._application.update_queue.put(Update.de_json(data, self._application.bot))


REPLAY_JOB = "throttled command"


def register(
    application: BotApplication,
    throttle: CommandThrottle,
    groups: CommandThrottle | None = None,
) -> None:
    groups = groups or CommandThrottle(GROUP_BURST, GROUP_RATE)
    held = HeldBack(application)

    def group_allows(update: Update) -> bool:
        chat = update.effective_chat
        return chat is None or chat.id > 0 or groups.take(chat.id) is Verdict.ALLOWED

    def wait(update: Update, sender: int) -> float:
        chat = update.effective_chat
        group = groups.wait(chat.id) if chat is not None and chat.id < 0 else 0.0
        return max(throttle.wait(sender), group, MIN_REPLAY_SECONDS)

    async def throttle_commands(update: Update, context: BotContext) -> None:
        message, sender = update.effective_message, sender_of(update)
        if message is None or sender is None:
            return
        if not counts(message, context.bot.username):
            return  # not ours to count: a command for another bot
        verdict = throttle.take(sender)
        if verdict is Verdict.ALLOWED and group_allows(update):
            return
        held.hold(sender, update, wait(update, sender))
        if verdict is Verdict.SLOW_DOWN and group_allows(update):
            # The client's language, not the chat's: a flood should cost no database work.
            user = update.effective_user
            lang = language_of(user.language_code if user else None)
            await message.reply_text(text(lang, "throttle-slow-down"))
        raise ApplicationHandlerStop

    counted = (filters.COMMAND | (filters.TEXT & filters.ChatType.PRIVATE)) & COMMAND_UPDATES
    application.add_handler(MessageHandler(counted, throttle_commands), group=THROTTLE_GROUP)
