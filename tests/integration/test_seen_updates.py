"""The updates webhooks took, in the store: any replica tells a copy, and two days later they are
forgotten (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services.retention import Retention
from bot.services.updates import RememberedUpdates, StoredUpdates
from bot.store import Database
from tests.support.fixtures_delivery import MovableClock

MONDAY = datetime(2026, 11, 23, 7, tzinfo=UTC)


async def test_an_update_is_new_once_for_every_replica(migrated_database_url: str) -> None:
    clock = MovableClock()
    first, second = Database(migrated_database_url), Database(migrated_database_url)
    try:
        one, other = StoredUpdates(first, clock), StoredUpdates(second, clock)
        assert await one.first_time(815_001)
        assert not await other.first_time(815_001)
        assert not await one.first_time(815_001)
        assert await other.first_time(815_002)
    finally:
        await first.dispose()
        await second.dispose()


async def test_the_retention_forgets_updates_after_two_days(database: Database) -> None:
    clock = MovableClock()
    clock.move_to(MONDAY)
    updates = StoredUpdates(database, clock)
    await updates.first_time(1)
    clock.move_to(MONDAY + timedelta(days=1, hours=12))
    await updates.first_time(2)
    clock.move_to(MONDAY + timedelta(days=2, minutes=1))

    await Retention(database, clock, ZoneInfo("Europe/Kyiv"), days=14).purge()

    assert await updates.first_time(1)  # forgotten: new again
    assert not await updates.first_time(2)


async def test_a_process_remembers_only_its_last_updates() -> None:
    updates = RememberedUpdates(size=2)
    assert [await updates.first_time(update_id) for update_id in (1, 2, 1, 3)] == [
        True,
        True,
        False,
        True,
    ]
    assert await updates.first_time(1)  # the oldest was dropped
