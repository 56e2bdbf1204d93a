"""The Application's rate limiter: a 429 holds the chat it was about, or everyone when it named
no chat, and the request goes again after the hold."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.telegram.rate_limits import ChatRateLimiter

HOLD = 3
"""Seconds a 429 asks for: far longer than an unheld request takes, even on a loaded machine."""


class Requests:
    """Requests to the Bot API: the first to each key answers 429 if asked to."""

    def __init__(self, refuse: set[str], hold: int = HOLD) -> None:
        self.refuse = refuse
        self.hold = hold
        self.done: list[str] = []
        self.refused = asyncio.Event()

    def call(self, key: str) -> Any:
        async def request() -> dict[str, Any]:
            if key in self.refuse:
                self.refuse.discard(key)
                self.refused.set()
                raise RetryAfter(self.hold)
            self.done.append(key)
            return {}

        return request


async def send(limiter: ChatRateLimiter, requests: Requests, key: str, chat: int | None) -> None:
    data = {} if chat is None else {"chat_id": chat}
    await limiter.process_request(requests.call(key), (), {}, "sendMessage", data, None)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
async def test_a_429_in_one_chat_holds_that_chat_only() -> None:
    limiter, requests = ChatRateLimiter(), Requests({"a"})
    held = asyncio.create_task(send(limiter, requests, "a", 1001))
    await requests.refused.wait()

    await asyncio.wait_for(send(limiter, requests, "b", 1002), HOLD - 0.5)

    assert requests.done == ["b"]
    held.cancel()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
async def test_a_429_that_names_no_chat_holds_every_request() -> None:
    limiter, requests = ChatRateLimiter(), Requests({"inline"})
    held = asyncio.create_task(send(limiter, requests, "inline", None))
    await requests.refused.wait()

    other = asyncio.create_task(send(limiter, requests, "b", 1002))
    done, _ = await asyncio.wait([other], timeout=1.0)

    assert (done, requests.done) == (set(), [])
    held.cancel()
    other.cancel()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
async def test_a_request_held_by_a_429_goes_again_after_the_hold() -> None:
    limiter, requests = ChatRateLimiter(), Requests({"a"}, hold=0)

    await send(limiter, requests, "a", -1001)  # a group: its limiter lets it through

    assert requests.done == ["a"]
