"""The bot's commands: their names, the menu and the self-introduction Telegram shows per
language, and addressing.

The menu is fed from the catalogs (`menu-<command>`), the description and short description too
(`bot-description`, `bot-short-description`): a default set in English (what `language_of`
gives every client whose language the catalogs lack) and one for each client code a language
claims.
"""

from __future__ import annotations

from telegram import Bot, BotCommand, Message
from telegram.constants import MessageEntityType
from telegram.ext import filters

from bot.render import DEFAULT_LANGUAGE, languages, text
from bot.render.i18n import language_info

COMMANDS = (
    "start",
    "help",
    "today",
    "since",
    "day",
    "records",
    "chart",
    "week",
    "month",
    "digest",
    "subscribe",
    "unsubscribe",
    "settings",
    "lang",
)
"""Every command the bot answers, in the order of its menu."""

COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
"""Where commands come from: messages in chats and posts in channels.

PTB's CommandHandler listens to messages and *edited* messages by default, and not to channel
posts; every command handler passes this filter instead, so that channels are answered and an
edited command is not answered twice.
"""


def menu(lang: str) -> list[BotCommand]:
    """The command menu in `lang`."""
    return [BotCommand(command, text(lang, f"menu-{command}")) for command in COMMANDS]


def client_codes() -> list[tuple[str, str]]:
    """(Telegram client code, language) for every client code a language claims."""
    return [(code, lang) for lang in languages() for code in language_info(lang).client_codes]


async def set_command_menus(bot: Bot) -> None:
    """The default menu and self-introduction, then one per client language (Telegram picks it
    by the client's): the description is what a user reads before pressing Start, the short
    description what a shared link to the bot and its profile show."""
    await introduce(bot, DEFAULT_LANGUAGE, "")
    for code, lang in client_codes():
        await introduce(bot, lang, code)


async def introduce(bot: Bot, lang: str, code: str) -> None:
    """The menu, description and short description in `lang` for clients of `code` ("" is the
    default)."""
    await bot.set_my_commands(menu(lang), language_code=code or None)
    await bot.set_my_description(text(lang, "bot-description"), language_code=code or None)
    short = text(lang, "bot-short-description")
    await bot.set_my_short_description(short, language_code=code or None)


def addressed_command(message: Message, bot_username: str) -> str | None:
    """The command a message gives this bot (`today` for `/today@ThisBot 2024-10-20`).

    None when the message does not start with a command, or addresses it to another bot.
    """
    entities = message.entities or ()
    if not message.text or not entities:
        return None
    first = entities[0]
    if first.type != MessageEntityType.BOT_COMMAND or first.offset != 0:
        return None
    command, _, target = message.text[1 : first.length].partition("@")
    if target and target.lower() != bot_username.lower():
        return None
    return command.lower()
