"""The staleness warning remembers in the store, on SQLite and PostgreSQL: a restart (or another
replica taking over) neither warns the admins twice in a day nor forgets to say the report came."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.services.staleness import Recovered, Stale, check_staleness
from bot.store import Database

KYIV = ZoneInfo("Europe/Kyiv")
DAY, YESTERDAY = date(2025, 3, 10), date(2025, 3, 9)
NOON = time(12, 0)


def at(hour: int) -> datetime:
    return datetime.combine(DAY, time(hour), KYIV)


async def test_the_warning_given_before_a_restart_is_neither_repeated_nor_forgotten(
    database: Database,
) -> None:
    warned = await check_staleness(database, KYIV, NOON, at(12), YESTERDAY)
    # … the process restarts: nothing of the watch is left in memory …
    again = await check_staleness(database, KYIV, NOON, at(13), YESTERDAY)
    recovered = await check_staleness(database, KYIV, NOON, at(14), DAY)

    assert (warned, again, recovered) == (Stale(DAY, YESTERDAY), None, Recovered(DAY, YESTERDAY))
