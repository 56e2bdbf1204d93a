"""The Application's rate limiter: Telegram's per-group limit, and a 429 held where it applies.

- A group or channel gets at most `group_max_rate` requests per `group_time_period` (aiolimiter's
  leaky bucket, one per chat): Telegram enforces 20 messages a minute per group on replies too.
- A 429 (RetryAfter) on a request to a chat holds that chat only for `retry_after`, then the
  request goes again (up to `max_retries` times); every other chat's replies go on meanwhile.
- A 429 on a request that names no chat (an inline answer, a button's answer, getMe …) is
  Telegram speaking of the bot as a whole: every request waits for it.

(PTB's AIORateLimiter holds every request after any 429: one busy chat would hold them all.) The
overall limit of about 30 messages a second is the broadcast sender's business (BROADCAST_RATE);
replies go one per command to the chat that asked, and the per-user throttle bounds them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

ChatKey = int | str
JSONDict = dict[str, Any]
WHOLE_BOT = "*"
"""The hold key of requests that name no chat."""
MAX_KEPT = 1024
"""Per-group limiters and chat holds kept before the idle ones are dropped."""
SLACK = 0.1
"""Seconds added to a retry_after, as PTB does."""


class ChatRateLimiter(BaseRateLimiter[int]):
    """See the module's docstring; the per-call argument is a number of retries after a 429."""

    def __init__(
        self, group_max_rate: float = 20, group_time_period: float = 60, max_retries: int = 3
    ) -> None:
        self._group_rate = group_max_rate
        self._group_period = group_time_period
        self._max_retries = max_retries
        self._groups: dict[ChatKey, AsyncLimiter] = {}
        self._held_until: dict[ChatKey, float] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat = _chat_of(data)
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            await self._wait_for_holds(chat)
            try:
                async with self._group_limiter(chat):
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = _seconds(error) + SLACK
                key = WHOLE_BOT if chat is None else chat
                log.info("429 on %s for %s: holding it %.1f s", endpoint, key, seconds)
                self._hold(key, seconds)
        raise AssertionError("unreachable")  # pragma: no cover

    def _group_limiter(self, chat: ChatKey | None) -> contextlib.AbstractAsyncContextManager[Any]:
        is_group = isinstance(chat, str) or (isinstance(chat, int) and chat < 0)
        if chat is None or not is_group or not self._group_rate:
            return contextlib.nullcontext()
        limiter = self._groups.get(chat)
        if limiter is None:
            if len(self._groups) >= MAX_KEPT:
                idle = [key for key, kept in self._groups.items() if kept.has_capacity(1)]
                for key in idle:
                    del self._groups[key]
            limiter = self._groups[chat] = AsyncLimiter(self._group_rate, self._group_period)
        return limiter

    def _hold(self, key: ChatKey, seconds: float) -> None:
        until = time.monotonic() + seconds
        self._held_until[key] = max(until, self._held_until.get(key, 0.0))
        if len(self._held_until) > MAX_KEPT:
            now = time.monotonic()
            self._held_until = {k: t for k, t in self._held_until.items() if t > now}

    async def _wait_for_holds(self, chat: ChatKey | None) -> None:
        keys = (WHOLE_BOT,) if chat is None else (WHOLE_BOT, chat)
        while True:
            until = max((self._held_until.get(key, 0.0) for key in keys), default=0.0)
            wait = until - time.monotonic()
            if wait <= 0:
                return
            await asyncio.sleep(wait)


def _chat_of(data: dict[str, Any]) -> ChatKey | None:
    chat_id = data.get("chat_id")
    if chat_id is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat_id)
    return str(chat_id)


def _seconds(error: RetryAfter) -> float:
    value: int | timedelta = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
