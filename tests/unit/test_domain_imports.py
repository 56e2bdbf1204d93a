"""The domain imports only the standard library and itself (no Telegram, HTTP or SQL)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"
DOMAIN_FILES = sorted(DOMAIN.rglob("*.py"))


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).parent.parts)


def imported_modules(source: str, package: str) -> list[str]:
    """Every module a file imports, anywhere (functions, TYPE_CHECKING blocks), made absolute."""
    modules: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            modules.append(".".join([*base, *([node.module] if node.module else [])]))
    return modules


def is_allowed(module: str) -> bool:
    in_domain = module == "bot.domain" or module.startswith("bot.domain.")
    return in_domain or module.partition(".")[0] in sys.stdlib_module_names


def test_the_domain_has_modules_to_check() -> None:
    assert len(DOMAIN_FILES) >= 10


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda path: path.name)
def test_a_domain_module_imports_only_the_standard_library_and_the_domain(path: Path) -> None:
    modules = imported_modules(path.read_text(encoding="utf-8"), package_of(path))

    assert [module for module in modules if not is_allowed(module)] == []


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("telegram", False),
        ("telegram.ext", False),
        ("httpx", False),
        ("sqlalchemy.orm", False),
        ("pydantic", False),
        ("bot", False),
        ("bot.settings", False),
        ("bot.domainish", False),
        ("__future__", True),
        ("datetime", True),
        ("collections.abc", True),
        ("bot.domain.reports", True),
    ],
)
def test_the_import_rule_tells_the_domain_and_the_standard_library_from_the_rest(
    module: str, allowed: bool
) -> None:
    assert is_allowed(module) is allowed


def test_imports_hidden_in_functions_and_relative_imports_are_found() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import reports\n"
        "from .. import settings\n"
        "if TYPE_CHECKING:\n    import httpx\n"
        "def later() -> None:\n    from telegram import Bot\n"
    )

    assert sorted(imported_modules(source, "bot.domain")) == [
        "bot",
        "bot.domain",
        "httpx",
        "telegram",
        "typing",
    ]
