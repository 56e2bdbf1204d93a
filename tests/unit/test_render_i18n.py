"""Loading the catalogs and formatting values: fallbacks, loud faults in tests, Babel numbers."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from bot.render.formatting import average, category_label, long_date, month_name, number, signed
from bot.render.i18n import Catalog, MissingMessage, Translator


@pytest.fixture(scope="module")
def strict() -> Translator:
    return Translator(Catalog(), strict=True)


@pytest.fixture
def lenient() -> Translator:
    return Translator(Catalog())


def test_an_unknown_language_falls_back_to_english(strict: Translator) -> None:
    assert strict.text("de", "category-tanks") == "Tanks"


def test_a_missing_message_raises_in_strict_mode(strict: Translator) -> None:
    with pytest.raises(MissingMessage):
        strict.text("uk", "no-such-message")


def test_a_missing_placeholder_raises_in_strict_mode(strict: Translator) -> None:
    with pytest.raises(MissingMessage):
        strict.text("en", "daily-title")


def test_a_missing_message_is_logged_and_shown_as_its_key_in_production(
    lenient: Translator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.render.i18n"):
        assert lenient.text("uk", "no-such-message") == "no-such-message"
    assert "no-such-message" in caplog.text


def test_a_message_missing_in_ukrainian_is_taken_from_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for lang, body in {"uk": "a = а\n", "en": "a = a\nb = b\n"}.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "main.ftl").write_text(body, encoding="utf-8")
    translator = Translator(Catalog(tmp_path))
    with caplog.at_level(logging.ERROR, logger="bot.render.i18n"):
        assert translator.text("uk", "b") == "b"
    assert "missing in 'uk'" in caplog.text


def test_numbers_are_grouped_the_way_each_language_writes_them() -> None:
    assert number(724_050, "uk") == "724\u00a0050"
    assert number(724_050, "en") == "724,050"


def test_changes_carry_their_sign() -> None:
    assert signed(1_610, "uk") == "+1\u00a0610"
    assert signed(-10, "en") == "\u221210"
    assert signed(0, "en") == "0"


def test_averages_are_whole_from_ten_and_one_decimal_below() -> None:
    assert average(1_742.6, "en") == "1,743"
    assert average(2.46, "uk") == "2,5"


def test_dates_are_written_in_the_readers_language() -> None:
    assert long_date(date(2026, 8, 8), "uk") == "8 серпня 2026"
    assert long_date(date(2026, 8, 8), "en") == "8 August 2026"
    assert month_name(2026, 8, "uk") == "Серпень 2026"


def test_an_unknown_category_is_named_by_its_escaped_key_with_the_fallback_emoji() -> None:
    assert category_label("odd<key>&", "uk") == "▫️ odd&lt;key&gt;&amp;"
