"""ObservationRepository: each source's readings of each report date, append-only, with verdicts.

A row is what one source said of one date when it was first read so (figures, source post, the
raw payload) and what the gate made of it (accepted, or refused with its reasons). Rows are never
changed or deleted; the reports table keeps the figures in force.
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

from bot.domain.readings import Reading, Verdict
from bot.domain.refusals import Reason
from bot.store.models import Base, BigId


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
    """Where it was read: `api` (the figures API), later the official post's channel."""
    report_date: Mapped[date]
    read_at: Mapped[datetime]
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    """A digest of the date and figures: equal readings have equal fingerprints."""
    totals: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    # JSON, not BIGINT columns: a refused reading may hold numbers no integer column can.
    changes: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    source_url: Mapped[str | None]
    raw: Mapped[str | None]
    """The payload as the source gave it (the API's JSON record)."""
    verdict: Mapped[str] = mapped_column(sa.String(16))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
    """Why it was refused: one object per reason, its `code` and the figures it names."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """A recorded reading as stored: the verdict, the figures, the raw payload, the reasons."""

    verdict: Verdict
    totals: dict[str, int]
    changes: dict[str, int]
    raw: str | None
    reasons: list[dict[str, Any]]


def _reason(reason: Reason) -> dict[str, Any]:
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

    async def known(self, source: str, first: date, last: date) -> set[tuple[str, str, Verdict]]:
        """The `Reading.key`s recorded for `source` between the dates (both included)."""
        rows = await self._session.execute(
            sa.select(
                ObservationRow.report_date, ObservationRow.fingerprint, ObservationRow.verdict
            ).where(
                ObservationRow.source == source,
                ObservationRow.report_date.between(first, last),
            )
        )
        return {(day.isoformat(), digest, Verdict(verdict)) for day, digest, verdict in rows}

    async def add_new(self, readings: Iterable[Reading], read_at: datetime) -> list[Reading]:
        """Records the readings not recorded before (see `known`); those, in the given order."""
        by_source: dict[str, list[Reading]] = {}
        for reading in readings:
            by_source.setdefault(reading.source, []).append(reading)
        new: list[Reading] = []
        for source, of_source in by_source.items():
            dates = [reading.report.date for reading in of_source]
            known = await self.known(source, min(dates), max(dates))
            for reading in of_source:
                if reading.key not in known:
                    known.add(reading.key)
                    new.append(reading)
        if new:
            await self._session.execute(
                sa.insert(ObservationRow), [_row(reading, read_at) for reading in new]
            )
        return new

    async def of_date(self, source: str, report_date: date) -> list[Recorded]:
        """What was recorded of a date, oldest first (for operators and tests)."""
        rows = await self._session.scalars(
            sa.select(ObservationRow)
            .where(ObservationRow.source == source, ObservationRow.report_date == report_date)
            .order_by(ObservationRow.id)
        )
        return [
            Recorded(Verdict(row.verdict), row.totals, row.changes, row.raw, row.reasons)
            for row in rows
        ]


def _row(reading: Reading, read_at: datetime) -> dict[str, Any]:
    report = reading.report
    return {
        "source": reading.source,
        "report_date": report.date,
        "read_at": read_at,
        "fingerprint": reading.fingerprint,
        "totals": dict(report.totals),
        "changes": dict(report.changes),
        "source_url": report.source_url,
        "raw": report.raw,
        "verdict": reading.verdict.value,
        "reasons": [_reason(reason) for reason in reading.reasons],
    }
