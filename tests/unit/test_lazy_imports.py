"""matplotlib (some 40 MB) is imported only when a chart or a card is first drawn."""

from __future__ import annotations

import subprocess
import sys


def test_the_running_bot_does_not_import_matplotlib_until_it_draws() -> None:
    probe = (
        "import sys, bot.runtime.serve, bot.__main__, bot.services.compose, bot.services.sharing;"
        "print('matplotlib' in sys.modules)"
    )

    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )

    assert found.stdout.strip() == "False"
