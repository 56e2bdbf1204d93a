"""The words people type, gathered from the catalogs of every language into one `Vocabulary`.

A chat's language does not limit what it may type: a Ukrainian chat may write `/chart tanks`, an
English one `28 лютого 2025`. Month names come from Babel in each language's locale (the names
of its base language too: `Sep` as well as `Sept`); relative words and units from `inputs.ftl`;
category names as the bot shows them, their `.names`, and every catalogue key. Built once per
translator (tests may install another one).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from babel.core import Locale, UnknownLocaleError

from bot.domain.categories import CATALOGUE
from bot.domain.inputs import Unit, Vocabulary, normalised
from bot.render.i18n import Translator, language_info, translator

_UNIT_MESSAGES = {
    Unit.DAY: "input-unit-day",
    Unit.WEEK: "input-unit-week",
    Unit.MONTH: "input-unit-month",
    Unit.YEAR: "input-unit-year",
}
_DAYS_AGO = {0: "input-days-ago-0", 1: "input-days-ago-1", 2: "input-days-ago-2"}

_built: WeakKeyDictionary[Translator, Vocabulary] = WeakKeyDictionary()
_lock = threading.Lock()


def vocabulary() -> Vocabulary:
    """Every language's words, for the parsers of dates, periods and categories."""
    names = translator()
    with _lock:
        found = _built.get(names)
        if found is None:
            found = _built[names] = _gather(names)
    return found


def category_names(lang: str) -> list[str]:
    """The names of each catalogued category as the bot shows them in `lang`, in order."""
    names = translator()
    return [names.text(lang, f"category-{entry.key}") for entry in CATALOGUE]


def _listed(names: Translator, lang: str, key: str) -> list[str]:
    """The comma-separated words of message `key` in `lang` (only `lang`'s own catalog)."""
    if key not in names.catalog.message_ids(lang):
        return []
    return [normalised(word) for word in names.text(lang, key).split(",") if normalised(word)]


def _gather(names: Translator) -> Vocabulary:
    months: dict[str, int] = {}
    days_ago: dict[str, int] = {}
    units: dict[str, Unit] = {}
    ago: set[str] = set()
    whole_war: set[str] = set()
    categories: dict[str, str] = {normalised(entry.key): entry.key for entry in CATALOGUE}
    for lang in names.catalog.languages:
        for locale in dict.fromkeys((language_info(lang).locale, lang)):
            months.update(_month_names(locale))
        for count, key in _DAYS_AGO.items():
            days_ago.update(dict.fromkeys(_listed(names, lang, key), count))
        for unit, key in _UNIT_MESSAGES.items():
            units.update(dict.fromkeys(_listed(names, lang, key), unit))
        ago.update(_listed(names, lang, "input-ago"))
        whole_war.update(_listed(names, lang, "input-whole-war"))
        for entry in CATALOGUE:
            message = f"category-{entry.key}"
            if message in names.catalog.message_ids(lang):
                categories[normalised(names.text(lang, message))] = entry.key
            other = names.attribute(lang, message, "names") or ""
            categories.update(dict.fromkeys(_words(other), entry.key))
    return Vocabulary(
        months=months,
        days_ago=days_ago,
        ago=frozenset(ago),
        units=units,
        whole_war=frozenset(whole_war),
        categories=categories,
    )


def _words(listed: str) -> Iterable[str]:
    return [word for word in map(normalised, listed.split(",")) if word]


def _month_names(locale: str) -> dict[str, int]:
    """Every form of every month's name in `locale` (in dates and alone, wide and short)."""
    try:
        months = Locale.parse(locale).months
    except (UnknownLocaleError, ValueError):
        return {}
    return {
        normalised(str(name)): int(month)
        for forms in months.values()
        for width, names in forms.items()
        if width != "narrow"  # one letter: "Л" is лютий and листопад
        for month, name in names.items()
    }
