"""The real history travels with the repository: nothing outside it is read, and it refreshes."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.dataset import DATA_DIR, DATASET_FILES, history_records
from tests.support.refresh_history import refresh

REPOSITORY = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"\.\./shared|parents\[[3-9]\]|/work/shared|\"shared\"\s*/")


def test_the_history_lies_inside_the_repository() -> None:
    assert DATA_DIR.is_relative_to(REPOSITORY)
    assert (DATA_DIR / "LICENSE").read_text().startswith("MIT License")
    records = history_records()
    assert (records[0]["date"], records[-1]["date"]) == ("2022-02-25", "2026-08-08")


@pytest.mark.parametrize("folder", ["bot", "tests", "bench"])
def test_no_code_reads_outside_the_repository(folder: str) -> None:
    offending = [
        f"{path.relative_to(REPOSITORY)}:{number}"
        for path in sorted((REPOSITORY / folder).rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offending == []


def test_refresh_copies_the_dataset_verbatim_and_says_its_range(tmp_path: Path) -> None:
    target = tmp_path / "history"
    summary = refresh(DATA_DIR, target, now=datetime(2026, 11, 29, tzinfo=UTC))
    assert summary == "1626 reports, 2022-02-25 to 2026-08-08"
    for name in (*DATASET_FILES, "LICENSE"):
        assert (target / name).read_bytes() == (DATA_DIR / name).read_bytes()
    readme = (target / "README.md").read_text()
    assert "1626 reports, 2022-02-25 to 2026-08-08" in readme
    assert "Refreshed on 2026-11-29" in readme


def test_refresh_refuses_a_dataset_that_repeats_a_date(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    shutil.copytree(DATA_DIR, source)
    equipment = source / DATASET_FILES[0]
    rows = json.loads(equipment.read_text())
    equipment.write_text(json.dumps([*rows, rows[-1]]))
    with pytest.raises(ValueError, match="dates given twice: 2026-08-08"):
        refresh(source, target)
    assert not target.exists()


def test_refresh_refuses_a_dataset_without_its_licence(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in DATASET_FILES:
        shutil.copyfile(DATA_DIR / name, source / name)
    with pytest.raises(ValueError, match="no licence file"):
        refresh(source, tmp_path / "target")
