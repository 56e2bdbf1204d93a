"""The official post's own words: how the General Staff names each category, in every era.

This is domain data, not user-facing text: the words the parser looks for in the post (the
names the bot shows live in the render catalogs). A label matches a term when every stem of the
term begins a word of the label, whatever its case and grammatical case: `танків`, `Танки`;
`засоби ППО`, `засобів ППО`; `кораблі/катери`, `кораблів / катерів`. Terms are tried in order,
so a line naming two things (`автомобільної техніки та автоцистерн`) is matched before either
of its parts, and `ОТРК` before anything else.

A label that matches no term is an unknown category: it is kept, keyed by its own words, so the
renderers' fallback (a key without a catalog name is shown as the key) shows those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.domain.categories import PERSONNEL, category

VEHICLES = "vehicles_fuel_tanks"
MILITARY_AUTO, FUEL_TANK = category(VEHICLES).merged_from


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    stems: tuple[str, ...]
    part: str | None = None
    """Which of the lines later merged into `key` this is (before 2022-05-01), if any."""


TERMS: tuple[Term, ...] = (
    Term("atgm_srbm_systems", ("отрк",)),
    Term(PERSONNEL, ("особов",)),
    Term(VEHICLES, ("автомобільн", "автоцистерн")),
    Term(VEHICLES, ("автомобільн",), part=MILITARY_AUTO),
    Term(VEHICLES, ("цистерн",), part=FUEL_TANK),
    Term("armoured_fighting_vehicles", ("броньован",)),
    Term("armoured_fighting_vehicles", ("ббм",)),
    Term("artillery_systems", ("артилер",)),
    Term("mlrs", ("рсзв",)),
    Term("aa_warfare_systems", ("ппо",)),
    Term("planes", ("літак",)),
    Term("helicopters", ("гелікоптер",)),
    Term("helicopters", ("вертол",)),
    Term("uav_systems", ("бпла",)),
    Term("uav_systems", ("безпілот",)),
    Term("cruise_missiles", ("крилат",)),
    Term("submarines", ("підводн",)),
    Term("warships_cutters", ("корабл",)),
    Term("warships_cutters", ("катер",)),
    Term("special_military_equip", ("спеціальн",)),
    Term("special_military_equip", ("спецтехн",)),
    Term("ground_robotic_systems", ("робот",)),
    Term("ground_robotic_systems", ("нрк",)),
    Term("tanks", ("танк",)),
)

DROPPED_FROM_POST: dict[str, date] = {"atgm_srbm_systems": date(2022, 5, 1)}
"""Categories the post stopped carrying on a date (the API may go on reporting them): from then
on their absence is not a lost line."""

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Naming:
    """What a line's label names: a catalogue key (or the label's own words), and a part."""

    key: str
    part: str | None
    known: bool


@lru_cache(maxsize=1024)
def name_of(label: str) -> Naming:
    """The category a label names; an unknown label is keyed by its words, spaces collapsed.

    Memoised: a few dozen labels recur in every post."""
    words = _WORD.findall(label.casefold())
    for term in TERMS:
        if all(any(word.startswith(stem) for word in words) for stem in term.stems):
            return Naming(term.key, term.part, known=True)
    return Naming(" ".join(label.split()), None, known=False)


def carried_on(key: str, day: date) -> bool:
    """Whether a post dated `day` still carries `key` (False once the post dropped its line)."""
    dropped = DROPPED_FROM_POST.get(key)
    return dropped is None or day < dropped
