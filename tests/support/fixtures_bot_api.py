"""Pytest fixtures for the fake Telegram Bot API (a pytest plugin listed in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.bot_api import FakeBotApi


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """A running fake Bot API on 127.0.0.1 with token "123456:TEST", bot @LossesTestBot."""
    async with FakeBotApi() as api:
        yield api
