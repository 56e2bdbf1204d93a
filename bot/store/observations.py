"""ObservationRepository: each source's readings of each report date, append-only, with verdicts.

A row is what one source said of one date when it was read so (figures, source post, the raw
payload: the API's JSON record, the channel's posts as JSON) and what was made of it (accepted,
held until another source confirms it, or refused with its reasons). A post that could not be
read has no date (`report_date` NULL): its raw posts and the refusal are kept, so that a parser fix
can read them again. A reading is recorded again only when it differs from what its source's
latest read of that date recorded. Rows are never changed or deleted; the reports table keeps
the figures in force.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.post_checks import Recount
from bot.domain.precedence import Standing
from bot.domain.readings import Problem, Reading, Verdict
from bot.domain.reports import Report
from bot.store.models import Base, BigId

Key = tuple[str, str, Verdict]


class ObservationRow(Base):
    """One reading of one report date by one source."""

    __tablename__ = "observations"
    __table_args__ = (
        sa.CheckConstraint(
            f"verdict IN ({', '.join(repr(v.value) for v in Verdict)})", name="verdict"
        ),
        sa.Index(None, "source", "report_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(sa.String(32))
    """Where it was read (`domain.readings.Source`): `api` or `channel`."""
    report_date: Mapped[date | None]
    """None: a post that could not be read as a report."""
    read_at: Mapped[datetime]
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    """A digest of the date and figures (of the raw posts when there are none)."""
    totals: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    # JSON, not BIGINT columns: a refused reading may hold numbers no integer column can.
    changes: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    source_url: Mapped[str | None]
    raw: Mapped[str | None]
    """What the source gave, as it gave it (the API's JSON record, the channel's posts)."""
    verdict: Mapped[str] = mapped_column(sa.String(16))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
    """Why it was refused (or held): one object per reason, its `code` and the figures it names."""


_KEYS = sa.select(
    ObservationRow.report_date,
    ObservationRow.read_at,
    ObservationRow.fingerprint,
    ObservationRow.verdict,
)
"""What a reading's key is read from (with its time, to find a source's latest read)."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """A recorded reading as stored: the verdict, the figures, the raw payload, the reasons."""

    verdict: Verdict
    totals: dict[str, int]
    changes: dict[str, int]
    raw: str | None
    reasons: list[dict[str, Any]]
    source_url: str | None = None


def _reason(reason: Problem | Recount) -> dict[str, Any]:
    fields = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in dataclasses.asdict(reason).items()
    }
    return {"code": reason.code, **fields}


class ObservationRepository:
    """Appends readings and tells which are known. Never commits: the caller owns the
    transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def known(self, source: str, first: date, last: date) -> set[Key]:
        """The `Reading.key`s of `source`'s latest read of each date between the dates (both
        included): what a new reading of those dates is compared with."""
        rows = await self._session.execute(
            _KEYS.where(
                ObservationRow.source == source,
                ObservationRow.report_date.between(first, last),
            )
        )
        return _latest_keys(rows)

    async def known_undated(self, source: str) -> set[Key]:
        """The keys of `source`'s latest read of a post that could not be read as a report."""
        latest = (
            sa.select(sa.func.max(ObservationRow.read_at))
            .where(ObservationRow.source == source, ObservationRow.report_date.is_(None))
            .scalar_subquery()
        )
        rows = await self._session.execute(
            _KEYS.where(
                ObservationRow.source == source,
                ObservationRow.report_date.is_(None),
                ObservationRow.read_at == latest,
            )
        )
        return _latest_keys(rows)

    async def add_new(self, readings: Iterable[Reading], read_at: datetime) -> list[Reading]:
        """Records the readings not recorded by their source's latest read of their date (see
        `known`); those, in the given order."""
        by_source: dict[str, list[Reading]] = {}
        for reading in readings:
            by_source.setdefault(reading.source, []).append(reading)
        new: list[Reading] = []
        for source, of_source in by_source.items():
            dates = [reading.date for reading in of_source if reading.date is not None]
            known = await self.known(source, min(dates), max(dates)) if dates else set()
            if len(dates) < len(of_source):
                known |= await self.known_undated(source)
            for reading in of_source:
                if reading.key not in known:
                    known.add(reading.key)
                    new.append(reading)
        if new:
            await self._session.execute(
                sa.insert(ObservationRow), [_row(reading, read_at) for reading in new]
            )
        return new

    async def standings(self, source: str, first: date, last: date) -> dict[date, Standing]:
        """`source`'s standing reading of each date between the dates (both included): its
        latest one that was not refused."""
        rows = await self._session.scalars(
            sa.select(ObservationRow)
            .where(
                ObservationRow.source == source,
                ObservationRow.report_date.between(first, last),
                ObservationRow.verdict != Verdict.REFUSED.value,
            )
            .order_by(ObservationRow.id)
        )
        standings: dict[date, Standing] = {}
        for row in rows:
            if row.report_date is not None:
                standings[row.report_date] = _standing(row, row.report_date)
        return standings

    async def newest_read(self, source: str) -> date | None:
        """The newest date `source` gave a reading of that was not refused."""
        newest: date | None = await self._session.scalar(
            sa.select(sa.func.max(ObservationRow.report_date)).where(
                ObservationRow.source == source,
                ObservationRow.verdict != Verdict.REFUSED.value,
            )
        )
        return newest

    async def of_date(self, source: str, report_date: date | None) -> list[Recorded]:
        """What was recorded of a date (None: the posts that could not be read), oldest first
        (for operators and tests)."""
        day = (
            ObservationRow.report_date.is_(None)
            if report_date is None
            else ObservationRow.report_date == report_date
        )
        rows = await self._session.scalars(
            sa.select(ObservationRow)
            .where(ObservationRow.source == source, day)
            .order_by(ObservationRow.id)
        )
        return [
            Recorded(
                Verdict(row.verdict), row.totals, row.changes, row.raw, row.reasons, row.source_url
            )
            for row in rows
        ]


def _latest_keys(rows: Iterable[tuple[date | None, datetime, str, str]]) -> set[Key]:
    """The keys of the rows read last, date by date (one read may record several of a date)."""
    latest: dict[date | None, tuple[datetime, set[Key]]] = {}
    for day, read_at, digest, verdict in rows:
        key = ("" if day is None else day.isoformat(), digest, Verdict(verdict))
        seen = latest.get(day)
        if seen is None or read_at > seen[0]:
            latest[day] = (read_at, {key})
        elif read_at == seen[0]:
            seen[1].add(key)
    return {key for _, keys in latest.values() for key in keys}


def _standing(row: ObservationRow, day: date) -> Standing:
    report = Report(day, dict(row.totals), dict(row.changes), row.source_url)
    recounts = tuple(
        Recount(reason["key"], int(reason["amount"]))
        for reason in row.reasons
        if reason.get("code") == Recount.code
    )
    return Standing(row.source, report, recounts if row.verdict == Verdict.HELD else ())


def _row(reading: Reading, read_at: datetime) -> dict[str, Any]:
    report = reading.report
    held = reading.recounts if reading.verdict is Verdict.HELD else ()
    return {
        "source": reading.source,
        "report_date": reading.date,
        "read_at": read_at,
        "fingerprint": reading.fingerprint,
        "totals": {} if report is None else dict(report.totals),
        "changes": {} if report is None else dict(report.changes),
        "source_url": None if report is None else report.source_url,
        "raw": reading.said,
        "verdict": reading.verdict.value,
        "reasons": [_reason(reason) for reason in (*reading.reasons, *held)],
    }
