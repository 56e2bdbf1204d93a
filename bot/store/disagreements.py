"""DisagreementRepository: where two sources' readings of a date differ, each pair once.

A row is one pair of readings (by their fingerprints) that disagree on a date, with what they said
of each category that differs. The pair is unique, so the admins hear of it once, whatever
restarts or replicas follow (the poll's transaction, serialised across replicas, adds it). A
disagreement stays open until the two sources agree on that date again, or another pair of
readings of the date replaces it; `/stats` lists the open ones.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.precedence import Difference, Disagreement, Figures
from bot.store.models import Base, BigId


class DisagreementRow(Base):
    __tablename__ = "disagreements"
    __table_args__ = (
        sa.UniqueConstraint("report_date", "first_fingerprint", "second_fingerprint"),
        sa.Index(None, "resolved_at", "report_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_date: Mapped[date]
    first_source: Mapped[str] = mapped_column(sa.String(32))
    """The source that outranks the other (whose figures are shown when both count)."""
    second_source: Mapped[str] = mapped_column(sa.String(32))
    first_fingerprint: Mapped[str] = mapped_column(sa.String(64))
    second_fingerprint: Mapped[str] = mapped_column(sa.String(64))
    differences: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
    """One object per category: its key and each source's total and published change."""
    found_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class DisagreementRepository:
    """Never commits: the caller owns the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, found: Disagreement, now: datetime) -> bool:
        """Records `found` unless that pair of readings was recorded before; whether it is new.
        A new one closes the date's earlier open disagreements between the same sources."""
        first, second = found.readings
        known = await self._session.scalar(
            sa.select(DisagreementRow.id).where(
                DisagreementRow.report_date == found.date,
                DisagreementRow.first_fingerprint == first,
                DisagreementRow.second_fingerprint == second,
            )
        )
        if known is not None:
            return False
        await self.resolve(found.date, found.first, found.second, now)
        self._session.add(
            DisagreementRow(
                report_date=found.date,
                first_source=found.first,
                second_source=found.second,
                first_fingerprint=first,
                second_fingerprint=second,
                differences=[asdict(difference) for difference in found.differences],
                found_at=now,
            )
        )
        await self._session.flush()
        return True

    async def resolve(self, day: date, first: str, second: str, now: datetime) -> None:
        """The sources agree on `day` again: its open disagreements are closed."""
        await self._session.execute(
            sa.update(DisagreementRow)
            .where(
                DisagreementRow.report_date == day,
                DisagreementRow.first_source == first,
                DisagreementRow.second_source == second,
                DisagreementRow.resolved_at.is_(None),
            )
            .values(resolved_at=now)
        )

    async def open(self, limit: int) -> tuple[int, list[Disagreement]]:
        """How many disagreements are open, and the newest `limit` of them (by date)."""
        count = await self._session.scalar(
            sa.select(sa.func.count()).where(DisagreementRow.resolved_at.is_(None))
        )
        rows = await self._session.scalars(
            sa.select(DisagreementRow)
            .where(DisagreementRow.resolved_at.is_(None))
            .order_by(DisagreementRow.report_date.desc(), DisagreementRow.id.desc())
            .limit(limit)
        )
        return int(count or 0), [_disagreement(row) for row in rows]


def _disagreement(row: DisagreementRow) -> Disagreement:
    differences = tuple(
        Difference(item["key"], Figures(**item["first"]), Figures(**item["second"]))
        for item in row.differences
    )
    return Disagreement(
        row.report_date,
        row.first_source,
        row.second_source,
        differences,
        (row.first_fingerprint, row.second_fingerprint),
    )
