"""The bot's pending updates and getUpdates long polling, with Telegram's rules.

An update is forgotten once getUpdates is called with an offset above its id (a negative offset
keeps only the last updates). A call waits up to `timeout` seconds for an update to arrive. A newer
getUpdates call ends a waiting one with 409 Conflict, as on Telegram. Updates of a kind outside
`allowed_updates` are dropped when they happen; the setting sticks until the next call changes it.
Each update is encoded once, when it is queued.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable
from itertools import islice

from tests.fakes.bot_api_errors import conflict_with_other_poll
from tests.fakes.bot_api_objects import JsonDict

ALL_UPDATE_KINDS = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "message_reaction",
        "message_reaction_count",
    }
)
DEFAULT_UPDATE_KINDS = ALL_UPDATE_KINDS - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}


class UpdateQueue:
    """Updates waiting for the bot, in order of their `update_id`.

    `waiting` counts the getUpdates calls in progress (a test can wait for the bot to be polling);
    `confirmed_below` is the highest offset the bot has confirmed.
    """

    def __init__(self, on_change: Callable[[], None], first_update_id: int = 700_000_001) -> None:
        self.allowed = DEFAULT_UPDATE_KINDS
        self.confirmed_below = first_update_id
        self._next_id = first_update_id
        self._pending: deque[tuple[int, bytes]] = deque()
        self._arrived = asyncio.Event()
        self._polls = 0
        self.waiting = 0
        self._closed = False
        self._on_change = on_change

    def __len__(self) -> int:
        return len(self._pending)

    def push(self, kind: str, payload: JsonDict) -> int | None:
        """Queue an update; its id, or None when the bot's `allowed_updates` drops it."""
        if kind not in self.allowed:
            return None
        update_id = self._next_id
        self._next_id += 1
        update = json.dumps({"update_id": update_id, kind: payload}).encode()
        self._pending.append((update_id, update))
        self._wake()
        return update_id

    def clear(self) -> None:
        self._pending.clear()

    def close(self) -> None:
        """Answer every waiting poll now (the server is stopping)."""
        self._closed = True
        self._wake()

    async def poll(self, offset: int, limit: int, wait: float, allowed: list[str] | None) -> bytes:
        """Telegram's getUpdates reply body."""
        if allowed is not None:
            self.allowed = frozenset(allowed) if allowed else DEFAULT_UPDATE_KINDS
        self._confirm(offset)
        self._polls += 1
        poll = self._polls
        self._wake()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        self.waiting += 1
        self._on_change()
        try:
            while not self._pending and not self._closed:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                arrived = self._arrived
                try:
                    await asyncio.wait_for(arrived.wait(), remaining)
                except TimeoutError:
                    break
                if self._polls != poll:
                    raise conflict_with_other_poll()
        finally:
            self.waiting -= 1
        batch = [update for _, update in islice(self._pending, max(1, min(limit, 100)))]
        return b'{"ok":true,"result":[' + b",".join(batch) + b"]}"

    def _confirm(self, offset: int) -> None:
        pending = self._pending
        if offset < 0:
            while len(pending) > -offset:
                pending.popleft()
        elif offset > 0:
            while pending and pending[0][0] < offset:
                pending.popleft()
            if offset > self.confirmed_below:
                self.confirmed_below = offset
                self._on_change()

    def _wake(self) -> None:
        self._arrived.set()
        self._arrived = asyncio.Event()
