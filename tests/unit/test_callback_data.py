"""The callback data codec: every button survives the round trip; anything else reads as expired."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.categories import PERSONNEL
from bot.render.i18n import languages
from bot.telegram.callback_data import (
    MAX_BYTES,
    RECORD_ALERT_CATEGORIES,
    ButtonData,
    ChooseLanguage,
    CloseSettings,
    DayChart,
    Option,
    Page,
    RecordsTable,
    SettingsButton,
    SettingsLanguage,
    ShowPage,
    Subscription,
    ToggleCategory,
    ToggleOption,
    button_pattern,
    decode,
    decode_as,
    encode,
    is_unreadable,
)

CHANNEL = -1_009_999_999_999
"""The longest chat id Telegram gives (a channel's), for buttons that name their chat."""
EVERY_BUTTON: list[ButtonData] = [
    Subscription(subscribe=True),
    Subscription(subscribe=False),
    *(ChooseLanguage(language) for language in languages()),
    *(ToggleOption(option) for option in Option),
    *map(ToggleCategory, RECORD_ALERT_CATEGORIES),
    *(SettingsLanguage(language) for language in languages()),
    *(ShowPage(page) for page in Page),
    CloseSettings(),
    ToggleOption(Option.MONTHLY_DIGEST, CHANNEL),
    ToggleCategory("ground_robotic_systems", CHANNEL),
    SettingsLanguage("uk", CHANNEL),
    ShowPage(Page.CATEGORIES, CHANNEL),
    CloseSettings(CHANNEL),
    DayChart(date(2024, 12, 20)),
    RecordsTable(),
]


@pytest.mark.parametrize("button", EVERY_BUTTON, ids=encode)
def test_every_button_decodes_to_what_was_encoded(button: ButtonData) -> None:
    assert decode(encode(button)) == button


@pytest.mark.parametrize("button", EVERY_BUTTON, ids=encode)
def test_every_button_fits_telegrams_64_bytes(button: ButtonData) -> None:
    assert 1 <= len(encode(button).encode()) <= MAX_BYTES


def test_data_carries_its_version_first() -> None:
    assert encode(ToggleOption(Option.SILENT)) == "1:opt:silent"


@pytest.mark.parametrize(
    "raw",
    [
        "0:opt:silent",  # an older version of the bot
        "2:opt:silent",  # a newer one
        "1:opt",
        "1:opt:volume",
        "1:cat:",
        "1:cat:dragons",
        f"1:cat:{PERSONNEL}",  # personnel records have their own switch
        "1:cat:tanks:extra",
        "1:lang:de",
        "1:sub:maybe",
        "1:page:secret",
        "1:done:now",
        "1:nuke:all",
        "",
        ":::",
        "garbage",
        "1:" + "x" * 70,
        "1:chart:2024-02-30",
        "1:chart:yesterday",
        "1:chart:",
        "1:records:all",
        "1:opt:silent:channel",
        "1:done:now:-100",
    ],
)
def test_expired_unknown_or_garbled_data_decodes_to_none(raw: str) -> None:
    assert decode(raw) is None


def test_data_that_is_not_a_string_decodes_to_none() -> None:
    assert decode(object()) is None


def test_too_long_a_button_is_refused_when_encoded() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(ToggleCategory("k" * 70))


def test_a_button_decodes_as_the_kind_its_handler_expects() -> None:
    assert decode_as("1:sub:on", Subscription) == Subscription(subscribe=True)


def test_a_button_of_another_kind_is_refused_by_decode_as() -> None:
    with pytest.raises(ValueError, match="Subscription"):
        decode_as("1:lang:en", Subscription)


def test_a_pattern_matches_only_buttons_of_its_kind() -> None:
    is_subscription = button_pattern(Subscription)

    assert [is_subscription("1:sub:off"), is_subscription("1:lang:en")] == [True, False]


def test_a_pattern_of_a_union_matches_each_of_its_kinds() -> None:
    is_settings = button_pattern(SettingsButton)
    settings = [
        encode(ToggleCategory("tanks")),
        encode(CloseSettings()),
        encode(ShowPage(Page.MAIN)),
    ]

    assert all(map(is_settings, settings))
    assert not is_settings(encode(ChooseLanguage("uk")))


def test_unreadable_data_matches_no_button_pattern() -> None:
    patterns = [button_pattern(Subscription), button_pattern(SettingsButton)]

    assert [pattern("0:done") for pattern in patterns] == [False, False]
    assert is_unreadable("0:done")


def test_a_post_button_carries_its_report_date() -> None:
    assert encode(DayChart(date(2024, 12, 20))) == "1:chart:2024-12-20"


def test_a_settings_button_for_another_chat_names_it_last() -> None:
    assert encode(ToggleOption(Option.SILENT, -100123)) == "1:opt:silent:-100123"
    assert decode("1:opt:silent") == ToggleOption(Option.SILENT)
