"""The real history (`tests/data/history`), shaped as the figures API would serve it.

The PetroIvaniuk dataset (MIT) travels with the repository; `tests/data/history/README.md` says
where it came from and `python -m tests.support.refresh_history` refreshes it. Each record carries
the API's keys; the published change is the difference of totals minus that day's
entry in the correction log, and a category's first value is its total to date.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from bot.domain.reports import Report

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "history"
DATASET_FILES = (
    "russia_losses_equipment.json",
    "russia_losses_personnel.json",
    "russia_losses_equipment_correction.json",
)

DATASET_TO_API = {
    "personnel": "personnel_units",
    "tank": "tanks",
    "APC": "armoured_fighting_vehicles",
    "field artillery": "artillery_systems",
    "MRL": "mlrs",
    "anti-aircraft warfare": "aa_warfare_systems",
    "aircraft": "planes",
    "helicopter": "helicopters",
    "vehicles and fuel tanks": "vehicles_fuel_tanks",
    "naval ship": "warships_cutters",
    "cruise missiles": "cruise_missiles",
    "drone": "uav_systems",
    "special equipment": "special_military_equip",
    "mobile SRBM system": "atgm_srbm_systems",
    "submarines": "submarines",
    "ground robotic systems": "ground_robotic_systems",
}
MERGED_BEFORE_2022_05_01 = ("military auto", "fuel tank")

ApiRecord = dict[str, Any]


def _load(name: str, folder: Path = DATA_DIR) -> list[dict[str, Any]]:
    with (folder / name).open(encoding="utf-8") as file:
        data: list[dict[str, Any]] = json.load(file)
    return data


def _totals(equipment: dict[str, Any], personnel: dict[str, Any]) -> dict[str, int]:
    totals = {
        DATASET_TO_API[key]: int(value)
        for key, value in equipment.items()
        if key in DATASET_TO_API and isinstance(value, int)
    }
    merged = [equipment[key] for key in MERGED_BEFORE_2022_05_01 if key in equipment]
    if merged and "vehicles_fuel_tanks" not in totals:
        totals["vehicles_fuel_tanks"] = sum(merged)
    totals["personnel_units"] = int(personnel["personnel"])
    return totals


@cache
def history_records() -> tuple[ApiRecord, ...]:
    """Every report of the real history as an API record, ascending by date."""
    return records_from(DATA_DIR)


def records_from(folder: Path) -> tuple[ApiRecord, ...]:
    """Every report of the dataset's files in `folder` as an API record, ascending by date."""
    equipment_file, personnel_file, corrections_file = DATASET_FILES
    equipment = _load(equipment_file, folder)
    personnel = {row["date"]: row for row in _load(personnel_file, folder)}
    corrections = {
        row["date"]: {DATASET_TO_API[k]: v for k, v in row.items() if k in DATASET_TO_API}
        for row in _load(corrections_file, folder)
    }
    records: list[ApiRecord] = []
    previous: dict[str, int] | None = None
    for row in sorted(equipment, key=lambda row: row["date"]):
        stats = _totals(row, personnel[row["date"]])
        correction = corrections.get(row["date"], {})
        increase = {
            key: total
            if previous is None or key not in previous
            else total - previous[key] - correction.get(key, 0)
            for key, total in stats.items()
        }
        records.append(
            {
                "date": row["date"],
                "day": row["day"],
                "resource": f"https://www.zsu.gov.ua/news/losses-{row['date']}",
                "stats": stats,
                "increase": increase,
            }
        )
        previous = stats
    return tuple(records)


@cache
def equipment_rows() -> dict[date, dict[str, Any]]:
    """The dataset's equipment rows by date, as published: before 2022-05-01 they hold the two
    lines later merged into vehicles and fuel tanks (`military auto`, `fuel tank`)."""
    return {date.fromisoformat(row["date"]): row for row in _load(DATASET_FILES[0])}


def as_report(record: ApiRecord) -> Report:
    """The domain report that an API record stands for."""
    return Report(
        date=date.fromisoformat(record["date"]),
        totals=dict(record["stats"]),
        changes=dict(record["increase"]),
        source_url=record["resource"],
    )


@cache
def history_reports() -> tuple[Report, ...]:
    """The real history as domain reports, ascending by date."""
    return tuple(as_report(record) for record in history_records())


def report_of(day: str) -> Report:
    """The real report of an ISO date."""
    wanted = date.fromisoformat(day)
    return next(report for report in history_reports() if report.date == wanted)


LATE_FIRST_VALUES = ("cruise_missiles", "submarines", "ground_robotic_systems")
FROZEN = "atgm_srbm_systems"


@cache
def live_api_records() -> tuple[ApiRecord, ...]:
    """The real history as the live figures API serves it, which the dataset does not show.

    The API lists every category in every report: a category added later in the war is 0 (with
    an increase of 0) before its first value and has an increase of 0 on its first day (the
    issue's "Cruise missiles: 84, recount +84" and "/since 2022-04-30: +4,579" come from this),
    and the ATGM/SRBM launchers stay at their last total with 0 after the dataset stops listing
    them. (Inferred from the texts the bot showed against the live API; the fake cannot check
    the live API itself.)
    """
    records: list[ApiRecord] = []
    last_frozen: int | None = None
    for record in history_records():
        stats, increase = dict(record["stats"]), dict(record["increase"])
        for key in LATE_FIRST_VALUES:
            if key not in stats:
                stats[key], increase[key] = 0, 0
            elif records and records[-1]["stats"][key] == 0:
                increase[key] = 0
        if FROZEN in stats:
            last_frozen = stats[FROZEN]
        elif last_frozen is not None:
            stats[FROZEN], increase[FROZEN] = last_frozen, 0
        records.append({**record, "stats": stats, "increase": increase})
    return tuple(records)
