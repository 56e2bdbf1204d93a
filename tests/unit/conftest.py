"""Unit tests render with a strict catalog: a missing message or placeholder fails the test."""

from collections.abc import Iterator

import pytest

from bot.render.i18n import Catalog, Translator, use_translator


@pytest.fixture(autouse=True)
def strict_catalog() -> Iterator[None]:
    use_translator(Translator(Catalog(), strict=True))
    yield
    use_translator(None)
