"""A report written as the General Staff's post in its era's wording, traps included on demand.

    losses_post(report_of("2022-04-30"))             # -> ("❗️ Загальні бойові #втрати ...",)
    losses_post(report, split=True)                  # -> (part 1/2, part 2/2)
    losses_post(report, Wording(separator="\\u202f"), lost_digit="tanks")

Modelled on real posts (see the fidelity notes in `tests/fakes/channel_page.py`):
- before 2022-05-01: bullets, trailing commas, vehicles and fuel tanks as two lines
  (`автомобільної техніки`, `цистерн з ПММ`), the `пускові установки ОТРК/ТРК` line, a line
  without `(+N)` for no change;
- 2022-05-01 … 2022-12-31: bullets, one vehicles line, cruise missiles, still no `(+0)`;
- from 2023: `з 24.02.22 по DD.MM.YY`, every line with `(+N)` and its unit (`осіб`, `од`),
  submarines from 2023-09-14, ground robotic systems from 2026-05-03, `Дані уточнюються.`;
- dashes mixed line by line (‒ – - —); from 2025 thousands grouped with a space, U+00A0 or
  U+202F (one kind per post).

Its words are written out here independently of the parser's vocabulary, so that a round trip
through the parser tests the parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from bot.domain.reports import Report

MERGED_UNTIL = date(2022, 5, 1)
YEAR_IN_HEADER_FROM = date(2023, 1, 1)
GROUPED_FROM = date(2025, 1, 1)
DASHES = ("‒", "–", "-", "—")
SEPARATORS = (" ", "\u00a0", "\u202f")
DIRECTIONS = ("Донецькому", "Бахмутському", "Курахівському", "Лиманському", "Покровському")

# (key, label, words before the number, unit) in each era's order.
_EARLY_2022 = (
    ("personnel_units", "особового складу", "ліквідовано близько ", ""),
    ("tanks", "танків", "", ""),
    ("armoured_fighting_vehicles", "бойових броньованих машин", "", ""),
    ("artillery_systems", "артилерійських систем", "", ""),
    ("mlrs", "РСЗВ", "", ""),
    ("aa_warfare_systems", "засоби ППО", "", ""),
    ("planes", "літаків", "", ""),
    ("helicopters", "гелікоптерів", "", ""),
    ("military auto", "автомобільної техніки", "", ""),
    ("warships_cutters", "кораблі /катери", "", ""),
    ("fuel tank", "цистерн з ПММ", "", ""),
    ("uav_systems", "БПЛА оперативно-тактичного рівня", "", ""),
    ("special_military_equip", "спеціальна техніка", "", ""),
    ("atgm_srbm_systems", "пускові установки ОТРК/ТРК", "", ""),
)
_LATE_2022 = (
    *_EARLY_2022[:8],
    ("uav_systems", "БПЛА оперативно-тактичного рівня", "", ""),
    ("cruise_missiles", "крилаті ракети", "", ""),
    ("warships_cutters", "кораблі/катери", "", ""),
    ("vehicles_fuel_tanks", "автомобільної техніки та автоцистерн", "", ""),
    ("special_military_equip", "спеціальна техніка", "", ""),
)
_FROM_2023 = (
    ("personnel_units", "особового складу", "близько ", " осіб"),
    ("tanks", "танків", "", " од"),
    ("armoured_fighting_vehicles", "бойових броньованих машин", "", " од"),
    ("artillery_systems", "артилерійських систем", "", " од"),
    ("mlrs", "РСЗВ", "", " од"),
    ("aa_warfare_systems", "засоби ППО", "", " од"),
    ("planes", "літаків", "", " од"),
    ("helicopters", "гелікоптерів", "", " од"),
    ("uav_systems", "БпЛА оперативно-тактичного рівня", "", ""),
    ("cruise_missiles", "крилаті ракети", "", ""),
    ("warships_cutters", "кораблі/катери", "", " од"),
    ("submarines", "підводні човни", "", " од"),
    ("vehicles_fuel_tanks", "автомобільної техніки та автоцистерн", "", " од"),
    ("special_military_equip", "спеціальна техніка", "", ""),
    ("ground_robotic_systems", "наземні робототехнічні комплекси", "", " од"),
)


class Traps(TypedDict, total=False):
    """The traps `losses_post` can set on one report's post."""

    split: bool
    written_date: str | None
    lost_digit: str | None
    lost_change_digit: str | None
    missing_line: str | None


@dataclass(frozen=True)
class Wording:
    """Overrides of the era's typography: one thousands separator and one dash for every line."""

    separator: str | None = None
    dash: str | None = None


ERA_WORDING = Wording()
"""No override: each era's own typography."""


def losses_post(
    report: Report,
    wording: Wording = ERA_WORDING,
    *,
    row: Mapping[str, Any] | None = None,
    previous_row: Mapping[str, Any] | None = None,
    split: bool = False,
    written_date: str | None = None,
    lost_digit: str | None = None,
    lost_change_digit: str | None = None,
    missing_line: str | None = None,
) -> tuple[str, ...]:
    """The post (or its two parts, `split`) of `report`; `row`/`previous_row` are the dataset's
    equipment rows of the day and the day before, needed before 2022-05-01 for the two lines
    of vehicles and fuel tanks. The traps: `written_date` replaces the header's date as typed,
    `lost_digit`/`lost_change_digit` drop a digit of a category's total/change, `missing_line`
    leaves a category's line out."""
    day = report.date
    figures = _figures(report, row, previous_row)
    lines = []
    for index, (key, total, change, label, before, unit) in enumerate(_in_order(day, figures)):
        if key == missing_line:
            continue
        written_total = _number(total, day, wording, lose=key == lost_digit)
        written_change = _change(change, day, wording, lose=key == lost_change_digit)
        dash = wording.dash or DASHES[(day.toordinal() + index) % len(DASHES)]
        lines.append(f"{label} {dash} {before}{written_total}{written_change}{unit}")
    lines = _punctuated(day, lines)
    header = _header(day, written_date)
    footer = _footer(day)
    if not split:
        return ("\n".join([header, "", *lines, "", *footer]),)
    half = (len(lines) + 1) // 2
    first = "\n".join([header.removesuffix(":") + " (1/2):", "", *lines[:half]])
    second = "\n".join(["(2/2)", "", *lines[half:], "", *footer])
    return first, second


def _figures(
    report: Report, row: Mapping[str, Any] | None, previous_row: Mapping[str, Any] | None
) -> dict[str, tuple[int, int | None]]:
    figures = {key: (total, report.changes.get(key)) for key, total in report.totals.items()}
    if report.date < MERGED_UNTIL and row is not None and "military auto" in row:
        figures.pop("vehicles_fuel_tanks", None)
        for part in ("military auto", "fuel tank"):
            before = previous_row.get(part) if previous_row else None
            figures[part] = (row[part], row[part] - before if before is not None else row[part])
    return figures


def _in_order(
    day: date, figures: dict[str, tuple[int, int | None]]
) -> list[tuple[str, int, int | None, str, str, str]]:
    era = _EARLY_2022 if day < MERGED_UNTIL else _LATE_2022 if day.year == 2022 else _FROM_2023
    known = {key for key, *_ in era}
    ordered = [
        (key, *figures[key], label, before, unit)
        for key, label, before, unit in era
        if key in figures
    ]
    unknown = [(key, *value, key, "", "") for key, value in figures.items() if key not in known]
    return [*ordered, *unknown]


def _number(value: int, day: date, wording: Wording, *, lose: bool = False) -> str:
    digits = str(value)
    if lose and len(digits) > 1:
        digits = digits[0] + digits[2:]
    separator = wording.separator
    if separator is None and day >= GROUPED_FROM and len(digits) > 4:
        separator = SEPARATORS[day.toordinal() % len(SEPARATORS)]
    if separator is None or len(digits) < 4:
        return digits
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return separator.join(groups)


def _change(change: int | None, day: date, wording: Wording, *, lose: bool) -> str:
    if change is None or (change == 0 and day < YEAR_IN_HEADER_FROM):
        return ""
    sign = "+" if change >= 0 else "-"
    return f" ({sign}{_number(abs(change), day, wording, lose=lose)})"


def _punctuated(day: date, lines: list[str]) -> list[str]:
    if day >= YEAR_IN_HEADER_FROM:
        return [line + ("," if index < len(lines) - 1 else ".") for index, line in enumerate(lines)]
    last = len(lines) - 1
    if day < MERGED_UNTIL:
        return ["• " + line + ("," if index < last else ".") for index, line in enumerate(lines)]
    return ["• " + line for line in lines]


def _header(day: date, written_date: str | None) -> str:
    if day < YEAR_IN_HEADER_FROM:
        emoji = "🔥" if day.month % 2 else "❗️"
        written = written_date or day.strftime("%d.%m")
        return f"{emoji} Загальні бойові #втрати противника з 24.02 по {written} орієнтовно склали:"
    written = written_date or day.strftime("%d.%m.%y")
    return f"Загальні бойові втрати противника з 24.02.22 по {written} орієнтовно склали:"


def _footer(day: date) -> list[str]:
    direction = DIRECTIONS[day.toordinal() % len(DIRECTIONS)]
    if day < YEAR_IN_HEADER_FROM:
        return [
            f"Найбільших втрат противник зазнав на {direction} напрямку.",
            "",
            "Дані уточнюються. Підрахунок ускладнюється високою інтенсивністю бойових дій.",
        ]
    return ["Дані уточнюються.", "", "Бий окупанта! Разом переможемо! 🇺🇦"]
