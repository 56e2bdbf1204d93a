"""The category catalogue: display order, emoji, milestone steps, merges, late and frozen
categories; unknown keys fall back.

Names in Ukrainian and English live in the render catalogs (`category-<key>`), so that every
user-facing string sits in one place; a key without a name there is shown as the key itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

PERSONNEL = "personnel_units"


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    emoji: str
    milestone_step: int
    merged_from: tuple[str, ...] = ()
    first_reported: date | None = None
    """A category added later in the war: upstream reports it as 0 before its first value."""
    approximate: bool = False
    """The General Staff gives the total as an estimate ("about", "близько"): personnel."""
    frozen: bool = False
    """It stopped changing (ATGM/SRBM launchers froze at 4 in April 2022): shown only where it
    changes, never as a line of unchanged or unreported figures."""


CATALOGUE: tuple[Category, ...] = (
    Category(PERSONNEL, "🪖", 50_000, approximate=True),
    Category("tanks", "🛡", 1_000),
    Category("armoured_fighting_vehicles", "🚛", 1_000),
    Category("artillery_systems", "💥", 1_000),
    Category("mlrs", "🎆", 100),
    Category("aa_warfare_systems", "🎯", 100),
    Category("planes", "✈️", 50),
    Category("helicopters", "🚁", 50),
    Category("uav_systems", "🛸", 10_000),
    Category("cruise_missiles", "🚀", 500, first_reported=date(2022, 5, 1)),
    Category("warships_cutters", "⚓️", 5),
    Category("submarines", "🌊", 1, first_reported=date(2023, 9, 14)),
    Category(
        "vehicles_fuel_tanks",
        "🚚",
        5_000,
        merged_from=("military_auto", "fuel_tank"),
    ),
    Category("special_military_equip", "🔧", 500),
    Category("atgm_srbm_systems", "🧨", 10, frozen=True),
    Category("ground_robotic_systems", "🤖", 1_000, first_reported=date(2026, 5, 3)),
)

_BY_KEY = {category.key: category for category in CATALOGUE}
_ORDER = {category.key: position for position, category in enumerate(CATALOGUE)}
UNKNOWN_EMOJI = "▫️"
UNKNOWN_STEP = 1_000


def category(key: str) -> Category:
    """The catalogue entry for `key`; an unknown key gets a neutral emoji and a default step."""
    return _BY_KEY.get(key) or Category(key, UNKNOWN_EMOJI, UNKNOWN_STEP)


def ordered(keys: Iterable[str]) -> list[str]:
    """Keys in display order: the catalogue's order first, then unknown keys alphabetically."""
    return sorted(set(keys), key=lambda key: (_ORDER.get(key, len(_ORDER)), key))
