"""Runs every benchmark in turn and prints its figures: `.venv/bin/python -m bench`."""

from __future__ import annotations

import asyncio

from bench import figures


def main() -> None:
    print("== figures core ==")
    asyncio.run(figures.main())


if __name__ == "__main__":
    main()
