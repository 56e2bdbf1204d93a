"""What the bot's inline buttons carry: a small typed, versioned codec for callback data.

A button's data reads `<version>:<action>[:<argument>...]`, e.g. `1:opt:silent`, `1:cat:tanks`,
`1:chart:2024-12-20` or, for a channel's settings changed from a private chat, the channel's id
last (`1:opt:silent:-1001234567890`), well under Telegram's 64 bytes. A button carries all it
needs (a post's date, a chat's id): the buttons of a post sent weeks ago still work. Data of
another version, an unknown action or a bad argument decodes to None: the button has expired (the
bot changed since the message was sent) or the data was garbled, and the press gets a polite
answer instead of an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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
    chat_id: int | None = None
    """The chat whose settings these are, when not the chat of the keyboard (a channel's,
    shown in a private chat); likewise for every settings button."""


@dataclass(frozen=True, slots=True)
class ToggleCategory:
    """Switch record alerts for one of `RECORD_ALERT_CATEGORIES`."""

    key: str
    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class SettingsLanguage:
    """The language row of the settings keyboard."""

    language: Language
    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShowPage:
    page: Page
    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class CloseSettings:
    """The settings keyboard's "done"."""

    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class DayChart:
    """📈 under a daily post: the chart of that report's day."""

    day: date


@dataclass(frozen=True, slots=True)
class RecordsTable:
    """Under a record alert: the records as they stand now."""


ChatButton = Subscription | ChooseLanguage
SettingsButton = ToggleOption | ToggleCategory | SettingsLanguage | ShowPage | CloseSettings
PostButton = DayChart | RecordsTable
ButtonData = ChatButton | SettingsButton | PostButton
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
            fields = ["done", ""]
        case DayChart(day=day):
            fields = ["chart", day.isoformat()]
        case RecordsTable():
            fields = ["records"]
    target = getattr(data, "chat_id", None)
    if target is not None:
        fields.append(str(target))
    elif fields[-1] == "":
        fields.pop()
    raw = ":".join([VERSION, *fields])
    if len(raw.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {raw!r}")
    return raw


def _day(arg: str) -> DayChart | None:
    if not _ISO_DAY.fullmatch(arg):
        return None
    try:
        return DayChart(date.fromisoformat(arg))
    except ValueError:
        return None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CHAT_ID = re.compile(r"-?[0-9]{1,19}")

_DECODERS: dict[str, Callable[[str], ButtonData | None]] = {
    "sub": lambda arg: Subscription(_SWITCH[arg]) if arg in _SWITCH else None,
    "lang": lambda arg: ChooseLanguage(arg) if arg in languages() else None,
    "chart": _day,
    "records": lambda arg: RecordsTable() if arg == "" else None,
}
_SETTINGS_DECODERS: dict[str, Callable[[str, int | None], ButtonData | None]] = {
    "opt": lambda arg, chat: ToggleOption(Option(arg), chat) if arg in set(Option) else None,
    "cat": lambda arg, chat: ToggleCategory(arg, chat) if arg in RECORD_ALERT_CATEGORIES else None,
    "slang": lambda arg, chat: SettingsLanguage(arg, chat) if arg in languages() else None,
    "page": lambda arg, chat: ShowPage(Page(arg), chat) if arg in set(Page) else None,
    "done": lambda arg, chat: CloseSettings(chat) if arg == "" else None,
}


def decode(raw: object) -> ButtonData | None:
    """The button's typed data, or None if it is of another version, unknown or garbled."""
    if not isinstance(raw, str) or len(raw) > MAX_BYTES:
        return None
    version, _, rest = raw.partition(":")
    action, _, argument = rest.partition(":")
    if version != VERSION:
        return None
    if (decoder := _DECODERS.get(action)) is not None:
        return decoder(argument)
    settings = _SETTINGS_DECODERS.get(action)
    if settings is None:
        return None
    argument, _, target = argument.partition(":")
    if not target:
        return settings(argument, None)
    if not _CHAT_ID.fullmatch(target):
        return None
    return settings(argument, int(target))


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
