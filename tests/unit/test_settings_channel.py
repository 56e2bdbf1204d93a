"""The contract's two channel settings: their defaults, "empty is off", and their documentation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_channel_is_read_every_20_seconds_by_default() -> None:
    settings = Settings.model_validate({})

    assert (settings.losses_channel_url, settings.channel_poll_interval) == (
        "https://t.me/s/GeneralStaffZSU",
        20.0,
    )


@pytest.mark.parametrize("value", ["", "  "], ids=["empty", "blank"])
def test_an_empty_channel_url_turns_the_channel_off(value: str) -> None:
    assert Settings.model_validate({"LOSSES_CHANNEL_URL": value}).losses_channel_url is None


def test_the_channel_poll_interval_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="CHANNEL_POLL_INTERVAL"):
        Settings.model_validate({"CHANNEL_POLL_INTERVAL": "0"})


@pytest.mark.parametrize("document", ["config/bot.env", "README.md"])
@pytest.mark.parametrize("name", ["LOSSES_CHANNEL_URL", "CHANNEL_POLL_INTERVAL"])
def test_the_channel_settings_are_documented(document: str, name: str) -> None:
    assert name in (ROOT / document).read_text(encoding="utf-8")
