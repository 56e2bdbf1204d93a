"""The Fluent catalogs, loaded once: `text(lang, key, **args)` in Ukrainian or English.

Every `locales/<lang>/*.ftl` file belongs to one bundle per language. An unknown language falls
back to English. A missing message or a bad placeholder raises in strict mode (tests) and, in
production, is logged and answered with the English text or, failing that, the key itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Message

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "en"

logger = logging.getLogger(__name__)


class MissingMessage(LookupError):
    """A message id is absent from the catalog, or its placeholders could not be filled."""


class Catalog:
    """One Fluent bundle per language, parsed from `root/<lang>/*.ftl` at construction."""

    def __init__(self, root: Path = LOCALES_DIR, languages: Iterable[str] = LANGUAGES) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._ids: dict[str, frozenset[str]] = {}
        for lang in languages:
            bundle = FluentBundle([lang], use_isolating=False)
            ids: set[str] = set()
            for path in sorted((root / lang).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                ids.update(entry.id.name for entry in resource.body if isinstance(entry, Message))
                bundle.add_resource(resource)
            self._bundles[lang] = bundle
            self._ids[lang] = frozenset(ids)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._bundles)

    def message_ids(self, lang: str) -> frozenset[str]:
        return self._ids.get(lang, frozenset())

    def bundle(self, lang: str) -> FluentBundle | None:
        return self._bundles.get(lang)


class Translator:
    """Formats catalog messages; `strict` turns every catalog fault into an exception."""

    def __init__(self, catalog: Catalog, *, strict: bool = False) -> None:
        self.catalog = catalog
        self.strict = strict

    def language(self, lang: str) -> str:
        """`lang` if the catalog has it, else the default language."""
        return lang if lang in self.catalog.languages else DEFAULT_LANGUAGE

    def has(self, lang: str, key: str) -> bool:
        bundle = self.catalog.bundle(self.language(lang))
        return bundle is not None and bundle.has_message(key)

    def text(self, lang: str, key: str, **args: object) -> str:
        lang = self.language(lang)
        for candidate in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
            formatted = self._format(candidate, key, args)
            if formatted is not None:
                if candidate != lang:
                    self._fault(f"message {key!r} missing in {lang!r}; used {candidate!r}")
                return formatted
        self._fault(f"message {key!r} missing in {lang!r}")
        return key

    def _format(self, lang: str, key: str, args: dict[str, object]) -> str | None:
        bundle = self.catalog.bundle(lang)
        if bundle is None or not bundle.has_message(key):
            return None
        message = bundle.get_message(key)
        if message.value is None:
            return None
        formatted, errors = bundle.format_pattern(message.value, args)
        if errors:
            self._fault(f"message {key!r} in {lang!r}: {errors}")
        return str(formatted)

    def _fault(self, problem: str) -> None:
        if self.strict:
            raise MissingMessage(problem)
        logger.error("catalog fault: %s", problem)


_translator: Translator | None = None


def translator() -> Translator:
    """The process-wide translator, built on first use (tests may replace it with a strict one)."""
    global _translator
    if _translator is None:
        _translator = Translator(Catalog())
    return _translator


def use_translator(replacement: Translator | None) -> None:
    """Install `replacement` as the process-wide translator (None: rebuild lazily)."""
    global _translator
    _translator = replacement


def text(lang: str, key: str, **args: object) -> str:
    """The message `key` in `lang` (unknown languages fall back to English)."""
    return translator().text(lang, key, **args)
