"""The health checks on both databases: the outbox counts as stuck only when a delivery has long
been due and nothing at all was sent meanwhile; a thing last seen long ago fails its check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.deliveries import DeliveryKind, NewDelivery
from bot.ops.health import outbox_check, seconds_since_check
from bot.store import Database
from bot.store.deliveries import DeliveryRepository
from tests.integration.test_outbox_store import given

STUCK_AFTER = 600.0
CHAT_A, CHAT_B = 7_200_000_001, 7_200_000_002
DAY = date(2025, 2, 28)


class At:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def later(minutes: float) -> At:
    """The outbox's clock this many minutes after now (the rows were made now)."""
    return At(datetime.now(UTC) + timedelta(minutes=minutes))


async def test_an_outbox_with_nothing_due_is_healthy(database: Database) -> None:
    assert await outbox_check(database, later(60), STUCK_AFTER).problem() is None


async def test_a_delivery_due_for_long_with_nothing_sent_is_a_stuck_outbox(
    database: Database,
) -> None:
    await given(database, NewDelivery(CHAT_A, DAY, DeliveryKind.DAILY))

    soon = await outbox_check(database, later(5), STUCK_AFTER).problem()
    stuck = await outbox_check(database, later(11), STUCK_AFTER).problem()

    assert soon is None
    assert stuck is not None
    assert stuck.startswith("a delivery due for 66")


async def test_a_long_broadcast_that_keeps_sending_is_not_stuck(database: Database) -> None:
    first, _ = await given(
        database,
        NewDelivery(CHAT_A, DAY, DeliveryKind.DAILY),
        NewDelivery(CHAT_B, DAY, DeliveryKind.DAILY),
    )
    clock = later(30)
    just_now = clock.now() - timedelta(seconds=5)
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_sent([(first, 1)], just_now)

    assert await outbox_check(database, clock, STUCK_AFTER).problem() is None


async def test_a_thing_last_seen_beyond_its_limit_fails_its_check() -> None:
    check = seconds_since_check("poll", lambda: 130.0, 120.0, "the poll job last ran")

    assert check.name == "poll"
    assert await check.problem() == "the poll job last ran 130 s ago (limit 120 s)"
    assert await seconds_since_check("poll", lambda: 5.0, 120.0, "ran").problem() is None
