"""How values read in a language: grouped numbers, signed changes, dates, category labels.

Numbers and dates go through Babel (`724 050` with a no-break space in Ukrainian, `724,050` in
English); a negative sign is the typographic minus. Category names come from the catalogs
(`category-<key>`); a key without a name (a category added upstream later) is shown as the key.
"""

from __future__ import annotations

import html
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from bot.domain.categories import category
from bot.render.i18n import language_info, text, translator

MINUS = "\u2212"


def locale(lang: str) -> str:
    """Babel's locale of `lang`, from the table of languages (`language-locale`)."""
    return language_info(lang).locale


def number(value: int, lang: str) -> str:
    """`1 456 610` (uk, no-break spaces) or `1,456,610` (en)."""
    grouped = format_decimal(abs(value), locale=locale(lang))
    return f"{MINUS}{grouped}" if value < 0 else str(grouped)


def signed(value: int, lang: str) -> str:
    """A change with its sign: `+1 610`, `−10`, `0`."""
    if value > 0:
        return f"+{number(value, lang)}"
    return number(value, lang)


SMALLEST_AVERAGE = 0.01


def average(value: float, lang: str) -> str:
    """A daily average: whole from 10 up (`1 743`), one decimal at most from 1 (`2,5` / `2.5`),
    two below (`0.04`: an average under 1 is never shown as 0), `<0.01` below that."""
    if value == 0:
        return str(format_decimal(0, locale=locale(lang)))
    if 0 < abs(value) < SMALLEST_AVERAGE:
        return "<" + str(format_decimal(SMALLEST_AVERAGE, format="0.##", locale=locale(lang)))
    pattern = "#,##0" if abs(value) >= 10 else "#,##0.#" if abs(value) >= 1 else "0.##"
    return str(format_decimal(value, format=pattern, locale=locale(lang)))


def percent(share: float, lang: str) -> str:
    """A relative change in whole per cent with its sign: `+12%`, `−4%`, `0%`."""
    whole = round(share * 100)
    grouped = str(format_percent(abs(whole) / 100, format="#,##0%", locale=locale(lang)))
    if whole > 0:
        return f"+{grouped}"
    return f"{MINUS}{grouped}" if whole < 0 else grouped


def long_date(day: date, lang: str) -> str:
    """`8 серпня 2026` / `8 August 2026`."""
    return str(format_date(day, "d MMMM y", locale=locale(lang)))


def month_name(year: int, month: int, lang: str, *, capital: bool = True) -> str:
    """`Серпень 2026` / `August 2026` (the standalone form); `capital=False` for mid-sentence."""
    name = str(format_date(date(year, month, 1), "LLLL y", locale=locale(lang)))
    return name[:1].upper() + name[1:] if capital else name


def category_name(key: str, lang: str) -> str:
    """The catalog name of a category, HTML-escaped key if the catalogs do not know it."""
    message = f"category-{key}"
    names = translator()
    if names.has(lang, message):
        return names.text(lang, message)
    return html.escape(key)


def category_label(key: str, lang: str) -> str:
    """Emoji and name, ready for a line: `🪖 Особовий склад`."""
    return f"{category(key).emoji} {category_name(key, lang)}"


def inline_name(key: str, lang: str) -> str:
    """A category's name within a sentence: `особовий склад`, `засоби ППО`, but `MLRS`, `БпЛА`.

    The first letter is lowered unless the first word is an abbreviation (has another capital).
    """
    name = category_name(key, lang)
    first_word = name.split(" ", 1)[0]
    if any(letter.isupper() for letter in first_word[1:]):
        return name
    return name[:1].lower() + name[1:]


def total(key: str, value: int, lang: str) -> str:
    """A category's total as the General Staff gives it: `близько 874 560` for personnel (an
    estimate), `10 222` for the rest."""
    shown = number(value, lang)
    return text(lang, "total-about", total=shown) if category(key).approximate else shown
