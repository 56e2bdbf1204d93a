"""What a replica does with a PostgreSQL notification: figures another process stored are read
again; those this process stored are already in memory (it took them as it wrote them)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from bot.runtime.runtime import _notified
from bot.store.coordination import THIS_PROCESS


class Figures:
    def __init__(self) -> None:
        self.invalidated = 0

    def invalidate(self) -> None:
        self.invalidated += 1


def told(payload: str) -> int:
    """How many times the figures were forgotten on `payload`."""
    figures = Figures()
    _notified(cast(Any, SimpleNamespace(figures=figures)), cast(Any, None), payload)
    return figures.invalidated


def test_figures_another_process_stored_are_read_again() -> None:
    assert told("figures:4242-0badcafe") == 1


def test_figures_from_a_replica_that_does_not_name_itself_are_read_again() -> None:
    assert told("figures") == 1


def test_figures_this_process_stored_are_not_read_again() -> None:
    assert told(f"figures:{THIS_PROCESS}") == 0
