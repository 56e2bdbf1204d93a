"""Pytest fixtures: the fake figures API serving the real history, and a client on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sources import RetryPolicy, RussianWarshipClient
from tests.fakes.figures_api import FakeFiguresApi

FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.01)
"""Three attempts, milliseconds apart: enough to survive one or two injected faults."""


@pytest.fixture
async def figures_api() -> AsyncIterator[FakeFiguresApi]:
    async with FakeFiguresApi() as api:
        yield api


@pytest.fixture
async def figures_client(figures_api: FakeFiguresApi) -> AsyncIterator[RussianWarshipClient]:
    client = RussianWarshipClient(figures_api.url, timeout=1.0, retry=FAST_RETRY)
    yield client
    await client.aclose()
