"""A third language from catalogs alone: a new folder of Fluent files, and every command answers
in it, with its own Babel locale, chosen by its Telegram client code and offered by /lang.

The test writes a German folder next to copies of the real catalogs: its `language.ftl` says
what the table of languages needs, its words for dates are the English ones, and every other
message is the English one marked `⟦de⟧` (a translator's work is not the point; that the bot
speaks whatever the catalogs hold is). No Python file names German anywhere.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, FluentSerializer
from fluent.syntax import ast as ftl

from bot.render.i18n import LOCALES_DIR, Catalog, Translator, use_translator
from bot.settings import Settings
from bot.telegram.menu import COMMANDS
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.figures_api import FakeFiguresApi
from tests.support.fixtures_app import RunningBot, bot_settings_for

MARK = "⟦de⟧"
GERMAN = """
language-label = 🇩🇪 Deutsch
language-locale = de_DE
language-client-codes = de
language-names = de, deutsch, german, німецька
language-position = 3
language-set = ⟦de⟧ Fertig: Ich spreche jetzt Deutsch in diesem Chat.
"""
ARGUMENTS = {"since": "2024-10-20", "day": "2024-10-20", "month": "2025-02", "digest": "week"}
REPLIES = {"digest": 2}
"""Commands answered with more than one message (the digest: its text, then its chart)."""


def marked(source: str) -> str:
    """An English catalog with every message marked; its attributes (`.names`) left as they are."""
    resource = FluentParser().parse(source)
    for entry in resource.body:
        if isinstance(entry, ftl.Message) and entry.value is not None:
            entry.value.elements.insert(0, ftl.TextElement(f"{MARK} "))
    return str(FluentSerializer().serialize(resource))


def catalogs_with_german(root: Path) -> Path:
    shutil.copytree(LOCALES_DIR, root)
    german = root / "de"
    german.mkdir()
    for path in (root / "en").glob("*.ftl"):
        if path.name == "language.ftl":
            (german / path.name).write_text(GERMAN, encoding="utf-8")
        elif path.name == "inputs.ftl":
            shutil.copyfile(path, german / path.name)
        else:
            source = path.read_text(encoding="utf-8")
            (german / path.name).write_text(marked(source), encoding="utf-8")
    return root


@pytest.fixture
def german(tmp_path: Path) -> Iterator[None]:
    use_translator(Translator(Catalog(catalogs_with_german(tmp_path / "locales"))))
    yield
    use_translator(None)


@pytest.fixture
def bot_settings_overrides() -> dict[str, str]:
    return {"THROTTLE_BURST": "100"}  # every command at once, as a person could not


@pytest.fixture
def bot_settings(
    german: None,
    bot_api: FakeBotApi,
    figures_api: FakeFiguresApi,
    bot_database_url: str,
    bot_settings_overrides: dict[str, str],
) -> Settings:
    return bot_settings_for(bot_api, figures_api, bot_database_url, bot_settings_overrides)


async def test_every_command_answers_in_a_language_added_as_catalogs_alone(
    running_bot: RunningBot,
) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="de"))

    for command in COMMANDS:
        before = len(api.sent_to(chat))
        argument = ARGUMENTS.get(command)
        api.send_command(chat, None, f"/{command} {argument}" if argument else f"/{command}")
        wanted = before + REPLIES.get(command, 1)

        def answered(wanted: int = wanted) -> bool:
            return len(api.sent_to(chat)) >= wanted

        await api.wait_until(answered, 10)
        for reply in api.sent_to(chat)[before:]:
            assert MARK in (reply.text or ""), (command, reply.text)

    today = next(call.text or "" for call in api.sent_to(chat) if "1.456.610" in (call.text or ""))
    assert "⟦de⟧ about 1.456.610 (+1.190)" in today  # de_DE groups with dots


async def test_a_third_language_is_offered_chosen_and_introduced(running_bot: RunningBot) -> None:
    api = running_bot.bot_api
    chat = api.private_chat(api.new_user(language_code="uk"))

    api.send_command(chat, None, "/lang")
    keyboard = await api.wait_for(lambda call: call.chat_id == chat.id)
    api.send_command(chat, None, "/lang deutsch")
    chosen = await api.wait_for(lambda call: call.chat_id == chat.id and MARK in (call.text or ""))

    labels = [b["text"] for row in (keyboard.reply_markup or {})["inline_keyboard"] for b in row]
    assert labels == ["🇺🇦 Українська", "🇬🇧 English", "🇩🇪 Deutsch"]
    assert chosen.text == "⟦de⟧ Fertig: Ich spreche jetzt Deutsch in diesem Chat."
    stored = await running_bot.chats.get(chat.id)
    assert stored is not None
    assert stored.language == "de"
    assert api.commands(language_code="de")[0].startswith(f"start - {MARK}")
    assert api.description("de").startswith(MARK)
