"""All-time single-day records per category, on published changes, from a baseline date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RecordEntry:
    category: str
    date: date
    value: int


@dataclass(frozen=True, slots=True)
class RecordBook:
    """Records counted from `since`: the current record and the progression per category.

    `progression[key]` lists every report that set a new record (strictly greater than the one
    before), oldest first; its last entry is `current[key]`. The first eligible day only sets the
    starting mark and is not announced as a record day.
    """

    since: date
    current: Mapping[str, RecordEntry]
    progression: Mapping[str, tuple[RecordEntry, ...]]
    _ranked: Mapping[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    """Eligible published changes per category, descending, for ranks."""

    def rank(self, key: str, value: int) -> int | None:
        """1 + the number of eligible days with a strictly larger change; None if no days."""
        ranked = self._ranked.get(key)
        if not ranked:
            return None
        # ranked is descending; count values greater than `value`.
        low, high = 0, len(ranked)
        while low < high:
            middle = (low + high) // 2
            if ranked[middle] > value:
                low = middle + 1
            else:
                high = middle
        return low + 1
