"""The command line as an operator uses it: `python -m bot backfill` and `show`, as processes."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.fakes.figures_api import FakeFiguresApi

TIMEOUT = 60.0
REPOSITORY = str(Path(__file__).resolve().parents[2])


async def _run(figures_api: FakeFiguresApi, folder: Path, *arguments: str) -> tuple[int, str, str]:
    """Runs `python -m bot ARGUMENTS` in `folder` (away from config/); status, stdout, stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *arguments,
        cwd=folder,
        env={
            "LOSSES_API_URL": figures_api.url,
            "LOSSES_CHANNEL_URL": "",
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bot.sqlite3'}",
            "PYTHONPATH": REPOSITORY,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(TIMEOUT):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_show_on_an_empty_store_says_how_to_fill_it_and_fails(
    figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    status, out, err = await _run(figures_api, tmp_path, "show", "today")
    assert status == 1
    assert out == ""
    assert "python -m bot backfill" in err


async def test_show_after_a_backfill_prints_the_latest_post(
    figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    status, out, _ = await _run(figures_api, tmp_path, "backfill")
    assert (status, out.strip()) == (
        0,
        "1626 reports stored, 0 revised, 0 deliveries queued, latest 2026-08-08",
    )
    status, out, _ = await _run(figures_api, tmp_path, "show", "today", "--lang", "en")
    assert status == 0
    assert "8 August 2026" in out


async def test_an_empty_or_foreign_store_file_refuses_to_start_naming_the_file(
    figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    store = tmp_path / "bot.sqlite3"
    for content in (b"", b"{'not': 'a database'}"):
        store.write_bytes(content)

        status, _, err = await _run(figures_api, tmp_path)  # `python -m bot`: the bot's start

        assert status == 2
        assert f"the store file {store}" in err
        assert store.read_bytes() == content


async def test_draw_writes_the_chart_and_the_card_a_reader_would_get(
    figures_api: FakeFiguresApi, tmp_path: Path
) -> None:
    await _run(figures_api, tmp_path, "backfill")

    chart = tmp_path / "chart.png"
    status, out, _ = await _run(
        figures_api, tmp_path, "draw", "chart", "air", "defence", "1y", "--out", str(chart)
    )
    card = tmp_path / "card.png"
    card_status, card_out, _ = await _run(
        figures_api, tmp_path, "draw", "card", "2024-12-20", "--lang", "en", "--out", str(card)
    )

    assert (status, card_status) == (0, 0)
    assert out.startswith("<b>🎯 Засоби ППО</b>")
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert card_out.startswith("<b>🪖 Personnel</b> · 21 November – 20 December 2024")
    assert card.read_bytes().startswith(b"\x89PNG")
