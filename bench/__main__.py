"""Runs every benchmark in turn, each printing its figures: `.venv/bin/python -m bench`.

It takes about twenty minutes: the broadcast paces 2,000 chats' posts and alerts, then 2,000
messages, at 30/s, and the subscribers' benchmark drains 100,000 chats for 20 s on SQLite and on
PostgreSQL (`python -m bench.subscribers --subscribers 1000000` for a million). Each module also
runs alone (`python -m bench.<name>`).
"""

from __future__ import annotations

import asyncio

from bench import broadcast, channel, charts, commands, figures, latency, subscribers, topics


def main() -> None:
    print("== figures core ==")
    asyncio.run(figures.main())
    print("\n== command replies ==")
    asyncio.run(commands.main(rate=300.0))
    print("\n== broadcast ==")
    asyncio.run(broadcast.main(["reach", "paced", "ceiling", "memory"]))
    print("\n== the official post ==")
    channel.main()
    print("\n== charts ==")
    charts.main()
    print("\n== upstream to first subscriber ==")
    asyncio.run(latency.main())
    print("\n== 100,000 subscribers ==")
    asyncio.run(subscribers.main(100_000))
    print("\n== planning with forum topics ==")
    asyncio.run(topics.main(100_000))


if __name__ == "__main__":
    main()
