"""Refreshes the real history in `tests/data/history` from a newer copy of the PetroIvaniuk dataset.

    .venv/bin/python -m tests.support.refresh_history PATH

PATH is the dataset's `data/` folder: a checkout of
https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset, or any folder holding its three
JSON files and its licence. The new files are read as the tests read them (every date must have
its personnel row, dates must not repeat) before anything is replaced; then they are copied
verbatim, with the licence, and the README beside them is written anew with the date range.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.support.dataset import DATA_DIR, DATASET_FILES, ApiRecord, records_from

LICENCE_NAMES = ("LICENSE-data.txt", "LICENSE", "LICENSE.txt", "../LICENSE")
UPSTREAM = "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset"


def check(records: Sequence[ApiRecord]) -> None:
    """Raises ValueError unless `records` is a usable history (non-empty, one report per date)."""
    if not records:
        raise ValueError("the dataset holds no report")
    repeated = [day for day, count in Counter(r["date"] for r in records).items() if count > 1]
    if repeated:
        raise ValueError(f"dates given twice: {', '.join(sorted(repeated)[:5])}")


def licence_in(folder: Path) -> Path:
    for name in LICENCE_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise ValueError(f"no licence file in {folder} (looked for {', '.join(LICENCE_NAMES)})")


def readme(records: Sequence[ApiRecord], source: str, refreshed: datetime) -> str:
    first, last = records[0]["date"], records[-1]["date"]
    return f"""# The real history

The PetroIvaniuk dataset, "2022 Russia Ukraine War" ({UPSTREAM}), MIT licence (`LICENSE`):
the General Staff's daily figures of Russian losses, one row per report.

- Files: {", ".join(f"`{name}`" for name in DATASET_FILES)}, copied verbatim.
- Range: {len(records)} reports, {first} to {last}.
- Refreshed on {refreshed:%Y-%m-%d} from `{source}`.

The tests, their fakes and the benchmarks read these files through `tests/support/dataset.py`,
which shapes them as the figures API serves them. To refresh from a newer copy of the dataset
(its `data/` folder):

    .venv/bin/python -m tests.support.refresh_history PATH
"""


def refresh(source: Path, target: Path = DATA_DIR, now: datetime | None = None) -> str:
    """Replaces the files in `target` with those in `source`; a one-line summary."""
    records = records_from(source)
    check(records)
    licence = licence_in(source)
    target.mkdir(parents=True, exist_ok=True)
    for name in DATASET_FILES:
        shutil.copyfile(source / name, target / name)
    shutil.copyfile(licence, target / "LICENSE")
    moment = now or datetime.now(UTC)
    (target / "README.md").write_text(readme(records, source.name, moment), encoding="utf-8")
    return f"{len(records)} reports, {records[0]['date']} to {records[-1]['date']}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.refresh_history")
    parser.add_argument("source", type=Path, help="the dataset's data/ folder")
    arguments = parser.parse_args(argv)
    try:
        summary = refresh(arguments.source.resolve())
    except (OSError, ValueError, KeyError) as error:
        print(f"not refreshed: {error!r}", file=sys.stderr)
        return 1
    print(f"refreshed {DATA_DIR}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
