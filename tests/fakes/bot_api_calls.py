"""What the bot asked the fake Bot API, for tests to assert on and to wait for.

Every call but getUpdates is recorded, refused ones included; `sent` keeps only the messages
that reached a chat (sent or edited). Waiting is event-driven: a waiter re-checks its condition
each time something is recorded, so no test sleeps in a loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.bot_api_errors import ApiError
from tests.fakes.bot_api_objects import JsonDict
from tests.fakes.bot_api_requests import Parameters, Uploads

MESSAGE_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"}
)


@dataclass(frozen=True, slots=True)
class SentCall:
    """One call of a Bot API method, as the bot made it, with the fake's answer."""

    method: str
    params: Parameters
    uploads: Uploads
    result: Any
    error: ApiError | None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_code(self) -> int | None:
        return None if self.error is None else self.error.status

    @property
    def chat_id(self) -> int | str | None:
        chat_id: int | str | None = self.params.get("chat_id")
        return chat_id

    @property
    def text(self) -> str | None:
        """The text as the bot sent it (with its markup), or a photo's caption."""
        text: str | None = self.params.get("text", self.params.get("caption"))
        return text

    @property
    def parse_mode(self) -> str | None:
        parse_mode: str | None = self.params.get("parse_mode")
        return parse_mode

    @property
    def reply_markup(self) -> JsonDict | None:
        reply_markup: JsonDict | None = self.params.get("reply_markup")
        return reply_markup

    @property
    def disable_notification(self) -> bool:
        return bool(self.params.get("disable_notification", False))

    @property
    def link_preview_options(self) -> JsonDict | None:
        options: JsonDict | None = self.params.get("link_preview_options")
        return options

    @property
    def photo(self) -> bytes | None:
        """The uploaded photo's bytes (None when sent by file id or URL)."""
        return self.uploads.get("photo")

    @property
    def message(self) -> JsonDict | None:
        """The Message the fake answered (as the chat shows it), if any."""
        return self.result if isinstance(self.result, dict) else None

    @property
    def message_id(self) -> int | None:
        message = self.message
        if message is not None and "message_id" in message:
            return int(message["message_id"])
        message_id: int | None = self.params.get("message_id")
        return message_id


class CallLog:
    """The recorded calls and a way to wait until they satisfy a condition."""

    def __init__(self) -> None:
        self.calls: list[SentCall] = []
        self.sent: list[SentCall] = []
        self._changed = asyncio.Event()
        self._waiting = 0

    def record(self, call: SentCall) -> None:
        self.calls.append(call)
        if call.error is None and call.method in MESSAGE_METHODS:
            self.sent.append(call)
        self.notify()

    def notify(self) -> None:
        """Let waiters re-check their condition."""
        if self._waiting:
            self._changed.set()
            self._changed = asyncio.Event()

    async def wait_until(self, condition: Callable[[], bool], seconds: float, awaited: str) -> None:
        """Return once `condition()` holds; fail the test after `seconds`."""
        self._waiting += 1
        try:
            async with asyncio.timeout(seconds):
                while not condition():
                    await self._changed.wait()
        except TimeoutError:
            recent = "\n".join(_describe(call) for call in self.calls[-10:]) or "(no calls)"
            raise AssertionError(
                f"timed out after {seconds}s waiting for {awaited}; last calls:\n{recent}"
            ) from None
        finally:
            self._waiting -= 1


def _describe(call: SentCall) -> str:
    outcome = "ok" if call.error is None else f"{call.error.status} {call.error.description}"
    return f"  {call.method} chat={call.chat_id} text={call.text!r} -> {outcome}"
