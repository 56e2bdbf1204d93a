"""ReportRepository: stores reports with their figures and the source they came from, keeps what a
revision replaced."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.readings import Source
from bot.domain.reports import Report
from bot.store.models import FigureRow, ReportRow, RevisionRow

log = logging.getLogger(__name__)

BATCH = 2_000
"""Figures read from the store at once when loading many reports."""


class SaveOutcome(StrEnum):
    INSERTED = "inserted"
    """The date was not stored yet."""
    UNCHANGED = "unchanged"
    """The same figures were stored already: nothing was written."""
    REVISED = "revised"
    """Other figures were stored: they were kept as a revision and replaced (newest wins)."""


def _figure_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "report_date": report.date,
            "category": key,
            "total": report.totals.get(key),
            "change": report.changes.get(key),
        }
        for key in report.totals.keys() | report.changes.keys()
    ]


def _report_row(report: Report, fetched_at: datetime, source: str) -> dict[str, Any]:
    return {
        "report_date": report.date,
        "source_url": report.source_url,
        "fetched_at": fetched_at,
        "source": source,
    }


class ReportRepository:
    """Reports in and out as domain `Report`s. Never commits: the caller owns the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(
        self, report: Report, fetched_at: datetime, source: str = Source.API
    ) -> SaveOutcome:
        """Stores `report`, fetched from `source` at `fetched_at`: new, the same again, or a
        revision."""
        stored = await self.get(report.date)
        if stored is None:
            await self._insert([report], fetched_at, source)
            return SaveOutcome.INSERTED
        if stored.same_figures(report):
            return SaveOutcome.UNCHANGED
        await self._revise(stored, report, fetched_at, source)
        return SaveOutcome.REVISED

    async def save_many(
        self, reports: Sequence[Report], fetched_at: datetime, source: str = Source.API
    ) -> list[SaveOutcome]:
        """Stores many reports of `source` at once (a backfill); one outcome per report, in the
        given order.

        New dates go in with one bulk insert; revised dates, and a date given twice, are stored
        one by one in the given order, so the last one given wins.
        """
        if not reports:
            return []
        stored = await self._load(min(r.date for r in reports), max(r.date for r in reports))
        outcomes: dict[int, SaveOutcome] = {}
        new: dict[date, Report] = {}
        one_by_one: list[int] = []
        for position, report in enumerate(reports):
            known = stored.get(report.date)
            if known is None and report.date not in new:
                new[report.date] = report
                outcomes[position] = SaveOutcome.INSERTED
            elif known is not None and known.same_figures(report):
                outcomes[position] = SaveOutcome.UNCHANGED
            else:
                one_by_one.append(position)
        await self._insert(new.values(), fetched_at, source)
        for position in one_by_one:
            outcomes[position] = await self.save(reports[position], fetched_at, source)
        return [outcomes[position] for position in range(len(reports))]

    async def between(self, first: date, last: date) -> dict[date, Report]:
        """The reports dated from `first` to `last` (both included), by date."""
        return await self._load(first, last)

    async def get(self, report_date: date) -> Report | None:
        return (await self._load(report_date, report_date)).get(report_date)

    async def before(self, report_date: date) -> Report | None:
        """The newest report dated before `report_date`."""
        previous: date | None = await self._session.scalar(
            select(func.max(ReportRow.report_date)).where(ReportRow.report_date < report_date)
        )
        return None if previous is None else await self.get(previous)

    async def sources(self, first: date, last: date) -> dict[date, str]:
        """Which source the stored figures of each date came from (both dates included)."""
        rows = await self._session.execute(
            select(ReportRow.report_date, ReportRow.source).where(
                ReportRow.report_date.between(first, last)
            )
        )
        return {day: str(source) for day, source in rows}

    async def latest(self) -> Report | None:
        newest = await self.latest_date()
        return None if newest is None else await self.get(newest)

    async def latest_date(self) -> date | None:
        result: date | None = await self._session.scalar(select(func.max(ReportRow.report_date)))
        return result

    async def dates(self) -> set[date]:
        return set(await self._session.scalars(select(ReportRow.report_date)))

    async def all(self) -> list[Report]:
        """The whole history, ascending by date (two queries, whatever its length)."""
        return list((await self._load(None, None)).values())

    async def revisions(self, report_date: date) -> list[Report]:
        """The figures that revisions of the report replaced, oldest first."""
        rows = await self._session.scalars(
            select(RevisionRow)
            .where(RevisionRow.report_date == report_date)
            .order_by(RevisionRow.id)
        )
        return [
            Report(row.report_date, dict(row.totals), dict(row.changes), row.source_url)
            for row in rows
        ]

    async def _load(self, first: date | None, last: date | None) -> dict[date, Report]:
        """Reports dated from `first` to `last` (both included; None: no bound), by date."""
        reports = select(ReportRow.report_date, ReportRow.source_url).order_by(
            ReportRow.report_date
        )
        figures = select(
            FigureRow.report_date, FigureRow.category, FigureRow.total, FigureRow.change
        )
        if first is not None:
            reports = reports.where(ReportRow.report_date >= first)
            figures = figures.where(FigureRow.report_date >= first)
        if last is not None:
            reports = reports.where(ReportRow.report_date <= last)
            figures = figures.where(FigureRow.report_date <= last)
        totals: defaultdict[date, dict[str, int]] = defaultdict(dict)
        changes: defaultdict[date, dict[str, int]] = defaultdict(dict)
        # Streamed in batches, not buffered: the whole history is some 26,000 rows, and a
        # buffered result's peak stays in the process as fragmented memory (3 MiB at rest).
        rows = await self._session.stream(figures)
        async for batch in rows.partitions(BATCH):
            for day, key, total, change in batch:
                if total is not None:
                    totals[day][key] = total
                if change is not None:
                    changes[day][key] = change
        return {
            day: Report(day, totals[day], changes[day], source_url)
            for day, source_url in await self._session.execute(reports)
        }

    async def _insert(self, reports: Iterable[Report], fetched_at: datetime, source: str) -> None:
        reports = list(reports)
        if not reports:
            return
        await self._session.execute(
            insert(ReportRow), [_report_row(report, fetched_at, source) for report in reports]
        )
        await self._insert_figures(reports)

    async def _insert_figures(self, reports: list[Report]) -> None:
        figures = [row for report in reports for row in _figure_rows(report)]
        if figures:
            await self._session.execute(insert(FigureRow), figures)

    async def _revise(
        self, stored: Report, report: Report, fetched_at: datetime, source: str
    ) -> None:
        this_report = ReportRow.report_date == report.date
        stored_fetched_at = await self._session.scalar(
            select(ReportRow.fetched_at).where(this_report)
        )
        await self._session.execute(
            insert(RevisionRow).values(
                report_date=stored.date,
                source_url=stored.source_url,
                totals=dict(stored.totals),
                changes=dict(stored.changes),
                fetched_at=stored_fetched_at,
                replaced_at=fetched_at,
            )
        )
        await self._session.execute(delete(FigureRow).where(FigureRow.report_date == report.date))
        await self._session.execute(
            update(ReportRow)
            .where(this_report)
            .values(
                source_url=report.source_url,
                fetched_at=fetched_at,
                revised_at=fetched_at,
                source=source,
            )
        )
        await self._insert_figures([report])
        log.info("report %s revised", report.date.isoformat())
