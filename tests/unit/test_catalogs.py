"""The Fluent catalogs: both languages say the same things, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor

from bot.domain.categories import CATALOGUE
from bot.domain.inputs import normalised
from bot.render.i18n import LOCALES_DIR, Catalog, Translator, languages
from bot.render.vocabulary import vocabulary

RENDER_DIR = Path(__file__).resolve().parents[2] / "bot" / "render"
MESSAGE_ID = re.compile(r"^[a-z]+(-[a-z][a-z0-9_]*)+$")


class _Placeholders(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ftl.VariableReference) -> None:
        self.names.add(node.id.name)


def _messages(lang: str) -> dict[str, ftl.Message]:
    messages: dict[str, ftl.Message] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ftl.Junk)]
        assert not junk, f"{path}: {[entry.content for entry in junk]}"
        for entry in resource.body:
            if isinstance(entry, ftl.Message):
                assert entry.id.name not in messages, f"{entry.id.name} defined twice in {lang}"
                messages[entry.id.name] = entry
    return messages


def _placeholders(message: ftl.Message) -> set[str]:
    visitor = _Placeholders()
    visitor.visit(message)
    return visitor.names


@pytest.fixture(scope="module")
def strict() -> Translator:
    return Translator(Catalog(), strict=True)


def test_both_languages_have_the_same_message_ids() -> None:
    uk, en = _messages("uk"), _messages("en")
    assert sorted(set(uk) ^ set(en)) == []


def test_each_message_has_the_same_placeholders_in_both_languages() -> None:
    uk, en = _messages("uk"), _messages("en")
    differing = {
        key: (_placeholders(uk[key]), _placeholders(en[key]))
        for key in uk.keys() & en.keys()
        if _placeholders(uk[key]) != _placeholders(en[key])
    }
    assert differing == {}


@pytest.mark.parametrize("lang", languages())
def test_every_catalogue_category_has_a_name(lang: str) -> None:
    messages = _messages(lang)
    assert [c.key for c in CATALOGUE if f"category-{c.key}" not in messages] == []


def test_every_message_the_renderers_use_exists_in_both_languages() -> None:
    used = {
        node.value
        for path in RENDER_DIR.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and MESSAGE_ID.match(node.value)
    }
    assert used, "the scan found no message ids"
    for lang in languages():
        assert sorted(used - set(_messages(lang))) == [], lang


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, "1 день"), (2, "2 дні"), (4, "4 дні"), (5, "5 днів"), (11, "11 днів"), (21, "21 день")],
)
def test_ukrainian_days_take_the_plural_form_of_their_number(
    strict: Translator, days: int, expected: str
) -> None:
    title = strict.text("uk", "since-title", days=days, start="s", end="e")
    assert f"за {expected}<" in title


@pytest.mark.parametrize(("days", "expected"), [(1, "1 day"), (2, "2 days"), (21, "21 days")])
def test_english_days_take_the_plural_form_of_their_number(
    strict: Translator, days: int, expected: str
) -> None:
    assert f"over {expected}<" in strict.text("en", "since-title", days=days, start="s", end="e")


def test_ukrainian_plurals_group_thousands_with_a_no_break_space(strict: Translator) -> None:
    title = strict.text("uk", "since-title", days=1001, start="s", end="e")
    assert "за 1\u00a0001 день" in title


def test_the_readme_lists_every_category_by_the_names_the_bot_accepts() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| category | категорія |") :].split("\n\n", 1)[0]
    rows = [row.strip("| ").split(" | ") for row in table.splitlines()[2:]]
    catalogs = Translator(Catalog(), strict=True)

    def other_names(key: str) -> str:
        listed = [
            name.strip()
            for lang in ("en", "uk")
            for name in (catalogs.attribute(lang, f"category-{key}", "names") or "").split(",")
        ]
        return ", ".join(f"`{name}`" for name in listed if name)

    expected = [
        [
            catalogs.text("en", f"category-{entry.key}"),
            catalogs.text("uk", f"category-{entry.key}"),
            other_names(entry.key),
        ]
        for entry in CATALOGUE
    ]
    assert rows == expected
    words = vocabulary().categories
    for entry, row in zip(CATALOGUE, rows, strict=True):
        for name in [row[0], row[1], *(name.strip("`") for name in row[2].split(", "))]:
            assert words[normalised(name)] == entry.key, name
