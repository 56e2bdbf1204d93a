"""The picture card of the daily post: a PNG of the phone chart's size, drawn from the real history.

What the card shows is read back from the figure (its texts, its bars), never from pixels.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.image import imread

from bot.domain.errors import NoReportFor
from bot.domain.history import History
from bot.domain.records import RecordBook, record_book
from bot.render import cards, daily_post
from bot.render.cards import (
    CAPTION_LIMIT,
    card_series,
    daily_card,
    daily_card_image,
    draw_card,
    fits_caption,
)
from bot.render.picture_cache import ChartCache
from tests.support.dataset import history_reports

PERSONNEL = "personnel_units"
LATEST = date(2026, 8, 8)
_number_day: Callable[[float], datetime] = mdates.num2date  # matplotlib.dates is not annotated


@pytest.fixture(scope="module")
def history() -> History:
    return History(history_reports())


@pytest.fixture(scope="module")
def book(history: History) -> RecordBook:
    return record_book(history, date(2022, 4, 1))


def card(history: History, book: RecordBook, day: date, lang: str) -> Figure:
    return draw_card(card_series(history, book, day), history, day, lang)


def texts(figure: Figure) -> list[str]:
    return [item.get_text() for item in figure.texts]


def bars(figure: Figure) -> dict[date, float]:
    (collection,) = [c for c in figure.axes[0].collections if isinstance(c, PolyCollection)]
    heights = {}
    for path in collection.get_paths():
        corners = np.asarray(path.vertices, dtype=float)
        middle = (corners[:, 0].min() + corners[:, 0].max()) / 2
        heights[_number_day(middle).date()] = float(corners[:, 1].max())
    return heights


def test_a_card_is_a_square_png_of_1080_pixels(history: History, book: RecordBook) -> None:
    png = daily_card(history, book, LATEST, "uk", ChartCache())

    image = imread(io.BytesIO(png), format="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert image.shape[:2] == (1080, 1080)


def test_the_card_draws_the_30_published_daily_figures_up_to_the_report(
    history: History, book: RecordBook
) -> None:
    figure = card(history, book, date(2025, 3, 10), "en")

    published = {
        report.date: float(report.changes[PERSONNEL])
        for report in history.between(date(2025, 2, 9), date(2025, 3, 10))
    }
    assert bars(figure) == published
    assert bars(figure)[date(2025, 2, 28)] == 1_060  # a correction day: the total moved by 2,710


def test_the_headline_is_the_days_published_change_and_the_total(
    history: History, book: RecordBook
) -> None:
    shown = texts(card(history, book, LATEST, "en"))

    assert "+1,190" in shown
    assert "personnel in a day · about 1,456,610 in all" in shown
    assert "Russian losses · 8 August 2026" in shown
    assert "Day 1,627 of the war" in shown


def test_a_record_day_says_so_in_the_headline(history: History, book: RecordBook) -> None:
    shown = texts(card(history, book, date(2024, 12, 20), "uk"))

    assert "+2\u00a0200" in shown
    assert "особового складу за добу, рекорд · усього близько 770\u00a0420" in shown


def test_a_report_after_a_gap_shows_the_total_instead_of_a_days_figure(
    history: History, book: RecordBook
) -> None:
    with_gap = History(report for report in history if report.date != date(2026, 8, 7))

    shown = texts(card(with_gap, book, LATEST, "en"))

    assert "about 1,456,610" in shown
    assert "personnel in all; this report has no one-day figure" in shown


def test_a_date_without_a_report_has_no_card(history: History, book: RecordBook) -> None:
    with_gap = History(report for report in history if report.date != date(2026, 8, 7))

    with pytest.raises(NoReportFor):
        daily_card(with_gap, book, date(2026, 8, 7), "en", ChartCache())


def test_each_language_has_its_own_card(history: History, book: RecordBook) -> None:
    cache = ChartCache()

    uk, en = (
        daily_card(history, book, LATEST, "uk", cache),
        daily_card(history, book, LATEST, "en", cache),
    )

    assert uk != en
    assert len(cache) == 2


async def test_a_card_is_drawn_once_per_report_language_and_figures(
    history: History, book: RecordBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[date] = []

    def counted(series: object, history: History, day: date, lang: str) -> Figure:
        drawn.append(day)
        return Figure(figsize=(1, 1))

    monkeypatch.setattr(cards, "draw_card", counted)
    cache = ChartCache()

    first = await daily_card_image(history, book, LATEST, "en", cache)
    again = await daily_card_image(history, book, LATEST, "en", cache)
    revised = History(history.reports)  # a new snapshot of the figures, same latest date
    await daily_card_image(revised, book, LATEST, "en", cache)

    assert again == first
    assert drawn == [LATEST, LATEST]


def test_the_daily_post_fits_a_photo_caption(history: History, book: RecordBook) -> None:
    record_keys = frozenset(record.category for record in book.records_on(LATEST))
    for lang in ("uk", "en"):
        assert fits_caption(daily_post(history.daily(LATEST), lang, record_keys=record_keys))


def test_markup_does_not_count_towards_the_caption_limit() -> None:
    shown = "а" * (CAPTION_LIMIT - 1) + "&amp;"

    assert fits_caption(f"<b>{shown}</b>")
    assert not fits_caption(shown + "б")
