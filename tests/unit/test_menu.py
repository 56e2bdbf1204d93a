"""The command menu and how a command is addressed to this bot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, MessageEntity

from bot.render import languages
from bot.telegram.menu import COMMANDS, addressed_command, menu

BOT = "LossesTestBot"


def message(text: str) -> Message:
    command = text.split(" ")[0]
    entities = (
        [MessageEntity(MessageEntity.BOT_COMMAND, 0, len(command))] if text[:1] == "/" else []
    )
    chat = Chat(-1001, Chat.SUPERGROUP)
    return Message(1, datetime(2024, 10, 20, tzinfo=UTC), chat, text=text, entities=entities)


@pytest.mark.parametrize("lang", languages())
def test_the_menu_has_every_command_with_a_description(lang: str) -> None:
    commands = menu(lang)

    assert [command.command for command in commands] == list(COMMANDS)
    assert all(0 < len(command.description) <= 256 for command in commands)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/today", "today"),
        ("/since 2024-10-20", "since"),
        ("/today@LossesTestBot", "today"),
        ("/Today@lossestestbot 2024-10-20", "today"),
        ("/today@OtherBot", None),
        ("today", None),
    ],
)
def test_a_command_is_ours_unless_addressed_to_another_bot(text: str, expected: str | None) -> None:
    assert addressed_command(message(text), BOT) == expected
