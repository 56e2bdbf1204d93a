"""The outbox store, on SQLite and PostgreSQL: one delivery per (chat, report, kind), claimed in
the sender's order with a lease, marked as it goes, moved with a migrated group, purged after the
retention."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from bot.domain.chats import ChatKind
from bot.domain.deliveries import Delivery, DeliveryKind, DeliveryStatus, NewDelivery
from bot.store import ChatRepository, Database, ReportRepository
from bot.store.deliveries import DeliveryRepository, DeliveryRow
from tests.support.dataset import report_of
from tests.support.outbox import stored_deliveries

DAILY, RECORD, MILESTONE = DeliveryKind.DAILY, DeliveryKind.RECORD, DeliveryKind.MILESTONE
EARLIER, LATER = date(2025, 2, 27), date(2025, 2, 28)
NOW = datetime(2025, 2, 28, 7, 30, tzinfo=UTC)
OLENA, TARAS = 7_100_000_001, 7_100_000_002
GROUP, SUPERGROUP = -4_012_345_678, -1_001_234_567_890
LEASE = timedelta(seconds=10)


async def given(database: Database, *rows: NewDelivery) -> list[int]:
    """The reports and subscribed chats `rows` need, and the rows; their ids in the given order."""
    async with database.transaction() as session:
        reports, chats = ReportRepository(session), ChatRepository(session)
        for day in sorted({row.report_date for row in rows}):
            if await reports.get(day) is None:
                await reports.save(report_of(day.isoformat()), NOW)
        for chat_id in {row.chat_id for row in rows}:
            kind = ChatKind.PRIVATE if chat_id > 0 else ChatKind.GROUP
            await chats.upsert(chat_id, kind, None, "uk")
            await chats.set_subscribed(chat_id, True)
        await DeliveryRepository(session).add_many(rows)
    by_key = {(d.chat_id, d.report_date, d.kind): d.id for d in await stored_deliveries(database)}
    return [by_key[row.chat_id, row.report_date, row.kind] for row in rows]


async def due(database: Database, now: datetime = NOW, limit: int = 100) -> list[Delivery]:
    """What a sender could claim now, kind after kind, in its order (claimed in a transaction
    that is rolled back: nothing is kept)."""
    found: list[Delivery] = []
    async with database.session() as session:
        outbox = DeliveryRepository(session)
        for kind in DeliveryKind:
            found += await outbox.claim(kind, now, "dry run", now + LEASE, limit - len(found))
    return found


async def claim(
    database: Database, kind: DeliveryKind, owner: str, now: datetime = NOW, limit: int = 100
) -> list[Delivery]:
    async with database.transaction() as session:
        return await DeliveryRepository(session).claim(kind, now, owner, now + LEASE, limit)


async def pending(database: Database) -> list[Delivery]:
    """Every pending delivery, claimable or not, by id."""
    return [d for d in await stored_deliveries(database) if d.status is DeliveryStatus.PENDING]


async def counts(database: Database) -> dict[DeliveryStatus, int]:
    async with database.session() as session:
        return await DeliveryRepository(session).counts_by_status()


async def sent(database: Database, pairs: Iterable[tuple[int, int]]) -> None:
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_sent(pairs, NOW)


def keys(deliveries: Iterable[Delivery]) -> list[tuple[int, date, DeliveryKind]]:
    return [(d.chat_id, d.report_date, d.kind) for d in deliveries]


async def test_a_delivery_is_stored_once_however_often_it_is_added(database: Database) -> None:
    await given(database, NewDelivery(OLENA, LATER, DAILY))

    async with database.transaction() as session:
        outbox = DeliveryRepository(session)
        added = await outbox.add_many(
            [NewDelivery(OLENA, LATER, DAILY), NewDelivery(OLENA, LATER, RECORD)] * 2
        )

    assert added == 1
    assert keys(await pending(database)) == [(OLENA, LATER, DAILY), (OLENA, LATER, RECORD)]


async def test_deliveries_are_claimed_kind_by_kind_oldest_report_first_then_in_order(
    database: Database,
) -> None:
    await given(
        database,
        NewDelivery(TARAS, LATER, MILESTONE),
        NewDelivery(OLENA, EARLIER, RECORD),
        NewDelivery(TARAS, LATER, DAILY),
        NewDelivery(OLENA, LATER, MILESTONE),
        NewDelivery(OLENA, EARLIER, DAILY),
        NewDelivery(TARAS, LATER, RECORD),
    )

    assert keys(await claim(database, DAILY, "one")) == [
        (OLENA, EARLIER, DAILY),
        (TARAS, LATER, DAILY),
    ]
    await sent(database, [(d.id, 1) for d in await pending(database) if d.kind is DAILY])
    assert keys(await claim(database, RECORD, "one", limit=1)) == [(OLENA, EARLIER, RECORD)]
    assert keys(await claim(database, RECORD, "one")) == [(TARAS, LATER, RECORD)]


async def test_a_chats_delivery_is_not_claimed_while_one_that_goes_before_it_is_pending(
    database: Database,
) -> None:
    await given(
        database,
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(OLENA, LATER, RECORD),
        NewDelivery(TARAS, LATER, RECORD),
        NewDelivery(TARAS, EARLIER, RECORD),
    )

    assert keys(await due(database)) == [(OLENA, LATER, DAILY), (TARAS, EARLIER, RECORD)]


async def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_ends(
    database: Database,
) -> None:
    await given(database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(TARAS, LATER, DAILY))
    [first] = await claim(database, DAILY, "one", limit=1)

    assert keys(await claim(database, DAILY, "two", NOW + LEASE / 2)) == [(TARAS, LATER, DAILY)]
    assert await claim(database, DAILY, "three", NOW + LEASE / 2) == []
    assert [d.id for d in await claim(database, DAILY, "three", NOW + LEASE)] == [first.id]


async def test_a_renewed_claim_lasts_and_a_released_one_is_free_at_once(
    database: Database,
) -> None:
    first, second = await given(
        database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(TARAS, LATER, DAILY)
    )
    await claim(database, DAILY, "one")

    async with database.transaction() as session:
        outbox = DeliveryRepository(session)
        renewed = await outbox.renew([first, second], "one", NOW + 3 * LEASE)
        assert await outbox.renew([first], "two", NOW + 9 * LEASE) == 0
        await outbox.release([second], "one")

    assert renewed == 2
    assert [d.id for d in await claim(database, DAILY, "two", NOW + 2 * LEASE)] == [second]


async def test_a_failed_try_gives_up_the_claim_so_the_retry_can_be_claimed(
    database: Database,
) -> None:
    [delivery_id] = await given(database, NewDelivery(OLENA, LATER, DAILY))
    await claim(database, DAILY, "one")
    retry_at = NOW + timedelta(seconds=1)

    async with database.transaction() as session:
        await DeliveryRepository(session).reschedule(delivery_id, retry_at, "Timed out")

    assert [d.id for d in await claim(database, DAILY, "one", retry_at)] == [delivery_id]


async def test_whether_a_kind_is_still_due_counts_claimed_deliveries_not_those_awaiting_a_retry(
    database: Database,
) -> None:
    first, second = await given(
        database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(TARAS, LATER, RECORD)
    )
    await claim(database, DAILY, "one")
    async with database.transaction() as session:
        await DeliveryRepository(session).reschedule(second, NOW + LEASE, "Timed out")

    async with database.session() as session:
        outbox = DeliveryRepository(session)
        assert await outbox.has_due(DAILY, NOW)
        assert not await outbox.has_due(RECORD, NOW)
    await sent(database, [(first, 41)])
    async with database.session() as session:
        assert not await DeliveryRepository(session).has_due(DAILY, NOW)


async def test_a_new_delivery_is_pending_and_due_at_once(database: Database) -> None:
    [delivery_id] = await given(database, NewDelivery(OLENA, LATER, DAILY))

    assert await due(database) == [
        Delivery(delivery_id, OLENA, LATER, DAILY, DeliveryStatus.PENDING)
    ]


async def test_a_rescheduled_delivery_waits_for_its_time_and_counts_the_try(
    database: Database,
) -> None:
    [delivery_id] = await given(database, NewDelivery(OLENA, LATER, DAILY))
    retry_at = NOW + timedelta(seconds=30)

    async with database.transaction() as session:
        await DeliveryRepository(session).reschedule(delivery_id, retry_at, "Timed out")

    assert await due(database) == []
    [delivery] = await due(database, retry_at)
    assert (delivery.attempts, delivery.not_before) == (1, retry_at)
    async with database.session() as session:
        assert await DeliveryRepository(session).next_retry(NOW) == retry_at
        assert await DeliveryRepository(session).next_retry(retry_at) is None


async def test_a_sent_delivery_keeps_its_message_id_and_is_no_longer_due(
    database: Database,
) -> None:
    first, second = await given(
        database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(TARAS, LATER, DAILY)
    )

    await sent(database, [(first, 41), (second, 42)])

    assert await due(database) == []
    assert [(d.id, d.status, d.message_id) for d in await stored_deliveries(database)] == [
        (first, DeliveryStatus.SENT, 41),
        (second, DeliveryStatus.SENT, 42),
    ]


async def test_a_failed_delivery_counts_its_try_and_is_no_longer_due(database: Database) -> None:
    [delivery_id] = await given(database, NewDelivery(OLENA, LATER, DAILY))

    async with database.transaction() as session:
        await DeliveryRepository(session).mark_failed(delivery_id, "Forbidden")

    assert await due(database) == []
    [delivery] = await stored_deliveries(database)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)


async def test_skipping_never_undoes_a_sent_delivery(database: Database) -> None:
    first, second = await given(
        database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(OLENA, LATER, RECORD)
    )
    await sent(database, [(first, 41)])

    async with database.transaction() as session:
        await DeliveryRepository(session).mark_skipped([first, second])

    assert [d.status for d in await stored_deliveries(database)] == [
        DeliveryStatus.SENT,
        DeliveryStatus.SKIPPED,
    ]


async def test_an_unsubscribed_chat_has_only_its_pending_deliveries_skipped(
    database: Database,
) -> None:
    first, _, _ = await given(
        database,
        NewDelivery(OLENA, EARLIER, DAILY),
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(TARAS, LATER, DAILY),
    )
    await sent(database, [(first, 41)])

    async with database.transaction() as session:
        skipped = await DeliveryRepository(session).skip_pending_for_chat(OLENA)

    assert skipped == 1
    assert keys(await pending(database)) == [(TARAS, LATER, DAILY)]
    assert (await counts(database))[DeliveryStatus.SENT] == 1


async def test_a_migrated_group_hands_its_pending_and_to_be_edited_deliveries_over(
    database: Database,
) -> None:
    edited, untouched, _ = await given(
        database,
        NewDelivery(GROUP, EARLIER, DAILY),
        NewDelivery(GROUP, LATER, RECORD),
        NewDelivery(GROUP, LATER, DAILY),
    )
    await sent(database, [(edited, 41), (untouched, 42)])
    async with database.transaction() as session:
        await ChatRepository(session).migrate(GROUP, SUPERGROUP)
        outbox = DeliveryRepository(session)
        await outbox.mark_needs_edit(EARLIER)
        await outbox.move_chat(GROUP, SUPERGROUP)

    assert keys(await pending(database)) == [(SUPERGROUP, LATER, DAILY)]
    async with database.session() as session:
        [to_edit] = await DeliveryRepository(session).needing_edit(10)  # of the revised date
    assert (to_edit.id, to_edit.chat_id, to_edit.message_id) == (edited, SUPERGROUP, 41)


async def test_a_migrated_group_does_not_hand_over_what_the_new_chat_already_has(
    database: Database,
) -> None:
    await given(
        database,
        NewDelivery(GROUP, LATER, DAILY),
        NewDelivery(GROUP, LATER, RECORD),
        NewDelivery(SUPERGROUP, LATER, DAILY),
    )

    async with database.transaction() as session:
        await DeliveryRepository(session).move_chat(GROUP, SUPERGROUP)

    assert sorted(keys(await pending(database))) == [
        (SUPERGROUP, LATER, DAILY),
        (SUPERGROUP, LATER, RECORD),
    ]
    assert (await counts(database))[DeliveryStatus.SKIPPED] == 1


async def test_a_revised_report_flags_its_sent_posts_and_alerts_and_nothing_else(
    database: Database,
) -> None:
    ids = await given(
        database,
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(OLENA, LATER, RECORD),
        NewDelivery(TARAS, LATER, DAILY),
        NewDelivery(OLENA, EARLIER, DAILY),
    )
    daily, record, _, earlier = ids
    await sent(database, [(daily, 41), (record, 42), (earlier, 43)])

    async with database.transaction() as session:
        flagged = await DeliveryRepository(session).mark_needs_edit(LATER)

    assert flagged == 2  # not Taras' pending post, nor the earlier report's
    async with database.session() as session:
        to_edit = await DeliveryRepository(session).needing_edit(10)
    assert [(d.id, d.message_id, d.needs_edit) for d in to_edit] == [
        (daily, 41, True),
        (record, 42, True),
    ]


async def test_an_edited_post_no_longer_needs_an_edit(database: Database) -> None:
    [daily] = await given(database, NewDelivery(OLENA, LATER, DAILY))
    await sent(database, [(daily, 41)])
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_needs_edit(LATER)

    async with database.transaction() as session:
        await DeliveryRepository(session).edited(daily)

    async with database.session() as session:
        assert await DeliveryRepository(session).needing_edit(10) == []


async def test_the_counts_by_status_name_every_status(database: Database) -> None:
    first, second, _ = await given(
        database,
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(OLENA, LATER, RECORD),
        NewDelivery(TARAS, LATER, DAILY),
    )
    await sent(database, [(first, 41)])
    async with database.transaction() as session:
        await DeliveryRepository(session).mark_skipped([second])

    assert await counts(database) == {
        DeliveryStatus.PENDING: 1,
        DeliveryStatus.SENT: 1,
        DeliveryStatus.FAILED: 0,
        DeliveryStatus.SKIPPED: 1,
    }


async def test_the_backlog_counts_the_pending_deliveries(database: Database) -> None:
    first, _, _ = await given(
        database,
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(OLENA, LATER, RECORD),
        NewDelivery(TARAS, LATER, DAILY),
    )
    await sent(database, [(first, 41)])

    async with database.session() as session:
        assert await DeliveryRepository(session).backlog() == 2


async def test_the_chats_of_a_batch_are_read_in_one_go(database: Database) -> None:
    await given(database, NewDelivery(OLENA, LATER, DAILY), NewDelivery(GROUP, LATER, DAILY))

    async with database.session() as session:
        chats = await ChatRepository(session).get_many(
            [(OLENA, None), (GROUP, None), (TARAS, None)]
        )

    assert {address: chat.kind for address, chat in chats.items()} == {
        (OLENA, None): ChatKind.PRIVATE,
        (GROUP, None): ChatKind.GROUP,
    }


async def test_the_purge_deletes_old_finished_deliveries_but_keeps_what_edits_need(
    database: Database,
) -> None:
    ids = await given(
        database,
        NewDelivery(OLENA, EARLIER, DAILY),
        NewDelivery(OLENA, EARLIER, RECORD),
        NewDelivery(TARAS, EARLIER, DAILY),
        NewDelivery(OLENA, LATER, DAILY),
        NewDelivery(TARAS, LATER, MILESTONE),
    )
    old_daily, old_record, to_edit, newest_daily, pending_one = ids
    await sent(database, [(old_daily, 1), (old_record, 2), (to_edit, 3), (newest_daily, 4)])
    async with database.transaction() as session:
        await session.execute(
            sa.update(DeliveryRow).where(DeliveryRow.id == to_edit).values(needs_edit=True)
        )
    later = datetime.now(UTC) + timedelta(days=1)  # every row was made before then

    async with database.transaction() as session:
        purged = await DeliveryRepository(session).purge(later, LATER, limit=100)

    assert purged == 2
    assert [d.id for d in await stored_deliveries(database)] == [to_edit, newest_daily, pending_one]
