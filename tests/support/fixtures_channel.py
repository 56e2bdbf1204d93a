"""Pytest fixtures: the fake channel page serving the real history, and a reader on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sources import ChannelReader, RetryPolicy
from tests.fakes.channel_page import FakeChannel

FAST_PACE = 0.001
"""The reader's CHANNEL_POLL_INTERVAL in the tests: a millisecond between requests."""
FAST_CHANNEL_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.05)


@pytest.fixture
async def channel_page() -> AsyncIterator[FakeChannel]:
    async with FakeChannel() as page:
        yield page


@pytest.fixture
async def channel_reader(channel_page: FakeChannel) -> AsyncIterator[ChannelReader]:
    reader = ChannelReader(
        channel_page.url, poll_interval=FAST_PACE, timeout=0.2, retry=FAST_CHANNEL_RETRY
    )
    yield reader
    await reader.aclose()
