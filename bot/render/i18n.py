"""The Fluent catalogs, loaded once: `text(lang, key, **args)` in every language they hold.

The catalogs are the table of languages: each folder `locales/<code>/` is one language, all its
`*.ftl` files one bundle, and its `language.ftl` says the rest once (`LanguageInfo`): the Babel
locale, the Telegram client codes that pick it, the names `/lang` accepts, its place in lists. A
new language is a new folder; nothing else lists languages. An unknown language falls back to
English. A missing message or a bad placeholder raises in strict mode (tests) and, in
production, is logged and answered with the English text or, failing that, the key itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Message

from bot.domain.chats import DEFAULT_LANGUAGE

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGE_FILE = "language.ftl"

logger = logging.getLogger(__name__)


class MissingMessage(LookupError):
    """A message id is absent from the catalog, or its placeholders could not be filled."""


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """One language as its catalog's `language.ftl` defines it (each line optional)."""

    code: str
    """The folder's name, stored as a chat's language: `uk`."""
    locale: str
    """Babel's locale for numbers, dates and month names (`language-locale`): `uk_UA`."""
    client_codes: tuple[str, ...]
    """Telegram client language codes that pick it (`language-client-codes`): `uk` also picks
    `uk-UA`."""
    names: frozenset[str]
    """What `/lang` accepts for it, lower case (`language-names`); its code always."""
    position: int
    """Its place in keyboards and lists (`language-position`), then by code."""


def _words(value: str | None) -> list[str]:
    return [word.strip().casefold() for word in (value or "").split(",") if word.strip()]


def _plain(bundle: FluentBundle, key: str) -> str | None:
    if not bundle.has_message(key):
        return None
    message = bundle.get_message(key)
    if message.value is None:
        return None
    value, _ = bundle.format_pattern(message.value, {})
    return str(value)


def _info(code: str, bundle: FluentBundle) -> LanguageInfo:
    position = _plain(bundle, "language-position") or ""
    return LanguageInfo(
        code=code,
        locale=_plain(bundle, "language-locale") or code,
        client_codes=tuple(_words(_plain(bundle, "language-client-codes"))) or (code,),
        names=frozenset({code, *_words(_plain(bundle, "language-names"))}),
        position=int(position) if position.isdigit() else 1_000,
    )


class Catalog:
    """One Fluent bundle per language, parsed from `root/<code>/*.ftl` at construction.

    Every folder of `root` is a language (or only those of `languages`, if given).
    """

    def __init__(self, root: Path = LOCALES_DIR, languages: Iterable[str] | None = None) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._ids: dict[str, frozenset[str]] = {}
        wanted = None if languages is None else set(languages)
        infos: list[LanguageInfo] = []
        for folder in sorted(path for path in root.iterdir() if path.is_dir()):
            lang = folder.name
            if wanted is not None and lang not in wanted:
                continue
            bundle = FluentBundle([lang], use_isolating=False)
            ids: set[str] = set()
            for path in sorted(folder.glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                ids.update(entry.id.name for entry in resource.body if isinstance(entry, Message))
                bundle.add_resource(resource)
            self._bundles[lang] = bundle
            self._ids[lang] = frozenset(ids)
            infos.append(_info(lang, bundle))
        infos.sort(key=lambda info: (info.position, info.code))
        self._infos = {info.code: info for info in infos}

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes, in their order for lists and keyboards."""
        return tuple(self._infos)

    def info(self, lang: str) -> LanguageInfo:
        """The table entry of `lang` (of the default language if the catalogs lack `lang`)."""
        found = self._infos.get(lang) or self._infos.get(DEFAULT_LANGUAGE)
        return found or LanguageInfo(lang, lang, (lang,), frozenset({lang}), 1_000)

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

    def attribute(self, lang: str, key: str, name: str) -> str | None:
        """The attribute `name` of message `key` in `lang` (`.names`), or None; no fallback."""
        bundle = self.catalog.bundle(self.language(lang))
        if bundle is None or not bundle.has_message(key):
            return None
        pattern = bundle.get_message(key).attributes.get(name)
        if pattern is None:
            return None
        formatted, errors = bundle.format_pattern(pattern, {})
        if errors:
            self._fault(f"attribute {key}.{name} in {lang!r}: {errors}")
        return str(formatted)

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


def languages() -> tuple[str, ...]:
    """Every language the bot speaks, in order (the folders of the catalogs)."""
    return translator().catalog.languages


def language_info(lang: str) -> LanguageInfo:
    return translator().catalog.info(translator().language(lang))


def language_of_client(client_code: str | None) -> str:
    """The language a Telegram client's `language_code` picks (`uk`, `uk-UA` …); the default
    language for every other client."""
    code = (client_code or "").casefold()
    for lang in languages():
        for picked in language_info(lang).client_codes:
            if code == picked or code.startswith(f"{picked}-"):
                return lang
    return DEFAULT_LANGUAGE


def language_named(raw: str) -> str | None:
    """The language a `/lang` argument names (`uk`, `EN`, `English`, `українська` …), or None."""
    word = raw.strip().casefold()
    return next((lang for lang in languages() if word in language_info(lang).names), None)
