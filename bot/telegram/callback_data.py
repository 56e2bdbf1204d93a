"""What the bot's inline buttons carry: a small typed, versioned codec for callback data.

A button's data reads `<version>:<action>[:<argument>]`, e.g. `1:opt:silent` or `1:cat:tanks`,
well under Telegram's 64 bytes. Data of another version, an unknown action or a bad argument
decodes to None: the button has expired (the bot changed since the message was sent) or the data
was garbled, and the press gets a polite answer instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from types import UnionType
from typing import TypeVar

from bot.domain.categories import CATALOGUE, PERSONNEL
from bot.domain.chats import Language
from bot.render.i18n import languages

VERSION = "1"
MAX_BYTES = 64
"""Telegram refuses callback data longer than this (in UTF-8 bytes)."""

RECORD_ALERT_CATEGORIES = tuple(c.key for c in CATALOGUE if c.key != PERSONNEL)
"""The categories a chat can ask record alerts of; personnel's come with `Option.RECORD_ALERTS`."""


class Option(StrEnum):
    """The on/off settings of a chat, named as the `ChatSettings` fields they switch."""

    DAILY_POST = "daily_post"
    RECORD_ALERTS = "record_alerts"
    MILESTONE_ALERTS = "milestone_alerts"
    SILENT = "silent"
    PICTURE_CARD = "picture_card"
    WEEKLY_DIGEST = "weekly_digest"
    MONTHLY_DIGEST = "monthly_digest"


class Page(StrEnum):
    """The pages of the settings keyboard."""

    MAIN = "main"
    CATEGORIES = "categories"


@dataclass(frozen=True, slots=True)
class Subscription:
    """The welcome's button: subscribe the chat (or unsubscribe it)."""

    subscribe: bool


@dataclass(frozen=True, slots=True)
class ChooseLanguage:
    """A button of the /lang keyboard."""

    language: Language


@dataclass(frozen=True, slots=True)
class ToggleOption:
    option: Option


@dataclass(frozen=True, slots=True)
class ToggleCategory:
    """Switch record alerts for one of `RECORD_ALERT_CATEGORIES`."""

    key: str


@dataclass(frozen=True, slots=True)
class SettingsLanguage:
    """The language row of the settings keyboard."""

    language: Language


@dataclass(frozen=True, slots=True)
class ShowPage:
    page: Page


@dataclass(frozen=True, slots=True)
class CloseSettings:
    """The settings keyboard's "done"."""


ChatButton = Subscription | ChooseLanguage
SettingsButton = ToggleOption | ToggleCategory | SettingsLanguage | ShowPage | CloseSettings
ButtonData = ChatButton | SettingsButton
_Button = TypeVar("_Button", bound=ButtonData)

_SWITCH = {"on": True, "off": False}


def encode(data: ButtonData) -> str:
    """The callback data string of a button."""
    match data:
        case Subscription(subscribe=subscribe):
            fields = ["sub", "on" if subscribe else "off"]
        case ChooseLanguage(language=language):
            fields = ["lang", language]
        case ToggleOption(option=option):
            fields = ["opt", option.value]
        case ToggleCategory(key=key):
            fields = ["cat", key]
        case SettingsLanguage(language=language):
            fields = ["slang", language]
        case ShowPage(page=page):
            fields = ["page", page.value]
        case CloseSettings():
            fields = ["done"]
    raw = ":".join([VERSION, *fields])
    if len(raw.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {raw!r}")
    return raw


def _category(key: str) -> ToggleCategory | None:
    return ToggleCategory(key) if key in RECORD_ALERT_CATEGORIES else None


_DECODERS: dict[str, Callable[[str], ButtonData | None]] = {
    "sub": lambda arg: Subscription(_SWITCH[arg]) if arg in _SWITCH else None,
    "lang": lambda arg: ChooseLanguage(arg) if arg in languages() else None,
    "opt": lambda arg: ToggleOption(Option(arg)) if arg in set(Option) else None,
    "cat": _category,
    "slang": lambda arg: SettingsLanguage(arg) if arg in languages() else None,
    "page": lambda arg: ShowPage(Page(arg)) if arg in set(Page) else None,
    "done": lambda arg: CloseSettings() if arg == "" else None,
}


def decode(raw: object) -> ButtonData | None:
    """The button's typed data, or None if it is of another version, unknown or garbled."""
    if not isinstance(raw, str) or len(raw) > MAX_BYTES:
        return None
    version, _, rest = raw.partition(":")
    action, _, argument = rest.partition(":")
    decoder = _DECODERS.get(action)
    if version != VERSION or decoder is None:
        return None
    return decoder(argument)


def decode_as(raw: object, kind: type[_Button]) -> _Button:
    """The button's data, known to be a `kind` (its handler's pattern checked it)."""
    data = decode(raw)
    if not isinstance(data, kind):
        raise ValueError(f"callback data {raw!r} is not a {kind.__name__}")
    return data


def button_pattern(kind: type[ButtonData] | UnionType) -> Callable[[object], bool]:
    """A pattern for PTB's CallbackQueryHandler: data of a `kind` button (a class or a union)."""
    return lambda raw: isinstance(decode(raw), kind)


def is_unreadable(raw: object) -> bool:
    """A pattern for PTB's CallbackQueryHandler: expired, unknown or garbled data."""
    return decode(raw) is None
