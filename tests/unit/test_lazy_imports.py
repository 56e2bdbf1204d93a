"""What weighs on memory loads only when needed: matplotlib (some 40 MB) when a chart or a card
is first drawn, Alembic's scripts (some 11 MB) when the schema must change, asyncpg for
PostgreSQL."""

from __future__ import annotations

import subprocess
import sys


def test_the_bot_imports_neither_matplotlib_nor_alembic_nor_asyncpg_until_it_needs_them() -> None:
    probe = (
        "import sys, bot.runtime.serve, bot.__main__, bot.services.compose, bot.services.sharing;"
        "print(any(m in sys.modules for m in ('matplotlib', 'alembic', 'asyncpg')))"
    )

    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )

    assert found.stdout.strip() == "False"
