"""The report store, SQLite and PostgreSQL: reports round-trip exactly; revisions keep history."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from bot.domain.reports import Report
from bot.store import Database, ReportRepository, SaveOutcome
from tests.support.dataset import history_reports, report_of

FETCHED_AT = datetime(2025, 3, 1, 6, 45, tzinfo=UTC)
LATER = FETCHED_AT + timedelta(hours=3)


def revised(report: Report, personnel: int) -> Report:
    """`report` as upstream might edit it: another personnel total and change."""
    totals = {**report.totals, "personnel_units": personnel}
    change = personnel - report.totals["personnel_units"] + report.changes["personnel_units"]
    return replace(report, totals=totals, changes={**report.changes, "personnel_units": change})


async def save(database: Database, report: Report, at: datetime = FETCHED_AT) -> SaveOutcome:
    async with database.transaction() as session:
        return await ReportRepository(session).save(report, at)


async def stored(database: Database, day: date) -> Report | None:
    async with database.session() as session:
        return await ReportRepository(session).get(day)


async def test_a_report_round_trips_exactly_with_an_unknown_category(database: Database) -> None:
    known = report_of("2025-02-28")
    report = replace(
        known,
        totals={**known.totals, "laser_systems": 7},
        changes={**known.changes, "laser_systems": 2},
    )

    assert await save(database, report) is SaveOutcome.INSERTED
    assert await stored(database, report.date) == report


async def test_a_category_not_reported_stays_absent_not_zero(database: Database) -> None:
    report = report_of("2022-04-30")
    assert "submarines" not in report.totals

    await save(database, report)

    loaded = await stored(database, report.date)
    assert loaded is not None
    assert "submarines" not in loaded.totals
    assert "submarines" not in loaded.changes


async def test_a_total_without_a_published_change_keeps_no_change(database: Database) -> None:
    known = report_of("2024-10-20")
    report = replace(known, changes={k: v for k, v in known.changes.items() if k != "tanks"})

    await save(database, report)

    assert await stored(database, report.date) == report


async def test_the_whole_history_survives_save_many_and_all_unchanged(database: Database) -> None:
    history = history_reports()

    async with database.transaction() as session:
        outcomes = await ReportRepository(session).save_many(history, FETCHED_AT)
    async with database.session() as session:
        loaded = await ReportRepository(session).all()

    assert outcomes == [SaveOutcome.INSERTED] * len(history)
    assert loaded == list(history)


async def test_saving_the_same_report_twice_changes_nothing(database: Database) -> None:
    report = report_of("2023-11-12")
    await save(database, report)

    assert await save(database, report, LATER) is SaveOutcome.UNCHANGED
    async with database.session() as session:
        assert await ReportRepository(session).revisions(report.date) == []


async def test_saving_the_history_again_changes_nothing(database: Database) -> None:
    history = history_reports()[-60:]
    async with database.transaction() as session:
        await ReportRepository(session).save_many(history, FETCHED_AT)

    async with database.transaction() as session:
        outcomes = await ReportRepository(session).save_many(history, LATER)

    assert set(outcomes) == {SaveOutcome.UNCHANGED}


async def test_a_revision_keeps_the_replaced_figures_and_the_newest_wins(
    database: Database,
) -> None:
    original = report_of("2024-02-24")
    edited = revised(original, original.totals["personnel_units"] + 100)
    await save(database, original)

    assert await save(database, edited, LATER) is SaveOutcome.REVISED
    assert await stored(database, original.date) == edited
    async with database.session() as session:
        assert await ReportRepository(session).revisions(original.date) == [original]


async def test_a_revision_is_logged(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    original = report_of("2024-02-24")
    await save(database, original)

    with caplog.at_level(logging.INFO, logger="bot.store.reports"):
        await save(database, revised(original, 1), LATER)

    assert "report 2024-02-24 revised" in caplog.messages


async def test_revisions_are_listed_oldest_first(database: Database) -> None:
    first = report_of("2024-02-24")
    second, third = revised(first, 1), revised(first, 2)
    await save(database, first)
    await save(database, second, LATER)
    await save(database, third, LATER + timedelta(days=1))

    async with database.session() as session:
        repository = ReportRepository(session)
        assert await repository.revisions(first.date) == [first, second]
        assert await repository.get(first.date) == third


async def test_save_many_inserts_new_dates_and_revises_changed_ones(database: Database) -> None:
    kept, changed, new = history_reports()[100:103]
    async with database.transaction() as session:
        await ReportRepository(session).save_many([kept, changed], FETCHED_AT)

    async with database.transaction() as session:
        outcomes = await ReportRepository(session).save_many(
            [kept, revised(changed, 5), new], LATER
        )

    assert outcomes == [SaveOutcome.UNCHANGED, SaveOutcome.REVISED, SaveOutcome.INSERTED]
    assert await stored(database, changed.date) == revised(changed, 5)


async def test_a_date_given_twice_in_one_batch_keeps_the_last(database: Database) -> None:
    report = report_of("2023-05-09")

    async with database.transaction() as session:
        outcomes = await ReportRepository(session).save_many([report, revised(report, 9)], LATER)

    assert outcomes == [SaveOutcome.INSERTED, SaveOutcome.REVISED]
    assert await stored(database, report.date) == revised(report, 9)


async def test_a_failed_transaction_leaves_nothing_half_stored(database: Database) -> None:
    original = report_of("2024-02-24")
    await save(database, original)

    async def unit_of_work_failing_after_writing() -> None:
        async with database.transaction() as session:
            repository = ReportRepository(session)
            await repository.save_many(history_reports()[:30], LATER)
            await repository.save(revised(original, 3), LATER)
            raise RuntimeError("failed after writing")

    with pytest.raises(RuntimeError):
        await unit_of_work_failing_after_writing()

    async with database.session() as session:
        repository = ReportRepository(session)
        assert await repository.dates() == {original.date}
        assert await repository.get(original.date) == original
        assert await repository.revisions(original.date) == []


async def test_an_empty_store_has_no_latest_report(database: Database) -> None:
    async with database.session() as session:
        repository = ReportRepository(session)
        assert await repository.latest() is None
        assert await repository.latest_date() is None
        assert await repository.dates() == set()
        assert await repository.all() == []


async def test_the_latest_report_is_the_newest_date_whatever_the_saving_order(
    database: Database,
) -> None:
    newer, older = report_of("2025-06-01"), report_of("2022-06-01")
    await save(database, newer)
    await save(database, older)

    async with database.session() as session:
        repository = ReportRepository(session)
        assert await repository.latest() == newer
        assert await repository.latest_date() == newer.date
        assert await repository.dates() == {newer.date, older.date}


async def test_a_fetch_time_without_a_time_zone_is_refused(database: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        await save(database, report_of("2024-02-24"), datetime(2025, 3, 1, 6, 45))
