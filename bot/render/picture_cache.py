"""The cache of drawn pictures (charts, cards), and the lock that draws them one at a time.

A picture is drawn in a worker thread in some 100-300 ms and asked for again and again until the
figures change, so each is kept under (picture, period, language, revision), the revision being
the figures snapshot it was drawn from.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from bot.domain.chart_request import ChartPeriod
from bot.domain.series import DailySeries


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart and the series it was drawn from."""

    png: bytes
    series: DailySeries


CacheKey = tuple[str, ChartPeriod, str, Hashable]
"""(picture, period, language, revision). The picture is a category's key (or another picture's
name); the revision is the figures a picture was drawn from: the `History` object itself, so that
a revised report draws anew even when the latest date stays the same."""


class ChartCache:
    """The `size` most recently used pictures, of the `revisions` most recently used revisions.

    A new snapshot of the figures is a new revision; when one more arrives, every picture of the
    oldest goes at once: none will be asked for again, and each would keep its history alive.
    """

    def __init__(self, size: int = 64, revisions: int = 2) -> None:
        self._size = size
        self._revisions = revisions
        self._charts: OrderedDict[CacheKey, Chart] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._charts)

    def get(self, key: CacheKey) -> Chart | None:
        with self._lock:
            found = self._charts.get(key)
            if found is not None:
                self._charts.move_to_end(key)
            return found

    def put(self, key: CacheKey, chart: Chart) -> None:
        with self._lock:
            self._charts[key] = chart
            self._charts.move_to_end(key)
            while len(self._charts) > self._size:
                self._charts.popitem(last=False)
            self._forget_old_revisions()

    def _forget_old_revisions(self) -> None:
        newest_first: list[Hashable] = []
        for key in reversed(self._charts):
            if key[3] not in newest_first:
                newest_first.append(key[3])
        kept = newest_first[: self._revisions]
        for key in [key for key in self._charts if key[3] not in kept]:
            del self._charts[key]


CHARTS = ChartCache()
_drawing = threading.Lock()
"""Matplotlib is not thread-safe (fonts, text layout caches): one chart is drawn at a time."""


def drawn_once(key: CacheKey, draw: Callable[[], Chart], cache: ChartCache) -> Chart:
    """The picture under `key` from `cache`, or drawn now (one at a time) and kept there."""
    found = cache.get(key)
    if found is not None:
        return found
    with _drawing:
        found = cache.get(key)  # drawn meanwhile by the caller that held the lock
        if found is not None:
            return found
        drawn = draw()
        cache.put(key, drawn)
    return drawn
