"""Readings: one source's reading of one report date, with the gate's verdict.

Every source (the figures API today, the official post next) has what it read judged by the gate
and recorded as an observation (`store/observations.py`) before anything is stored as a report; a
refused reading stays only there. A reading identical to one recorded before (same source, date,
figures and verdict) is not recorded again, so that a refusal re-read by every poll is logged and
told to the admins once. (A source's own `sources.protocol.Observation`, raw text and all, maps
onto the same record: its report is the reading, its refusal one more reason.)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.refusals import Reason
from bot.domain.reports import Report


class Source(StrEnum):
    """Where a reading comes from."""

    API = "api"
    """The figures API (russianwarship.rip), a volunteer mirror of the official words."""


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Reading:
    """`source`'s reading of `report`; refused when the gate gave `reasons`."""

    source: str
    report: Report
    reasons: tuple[Reason, ...] = ()

    @property
    def verdict(self) -> Verdict:
        return Verdict.REFUSED if self.reasons else Verdict.ACCEPTED

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.report)

    @property
    def key(self) -> tuple[str, str, Verdict]:
        """What makes a reading new: its date, figures and verdict (per source)."""
        return self.report.date.isoformat(), self.fingerprint, self.verdict


def fingerprint(report: Report) -> str:
    """A digest of what a report says (date, figures, source post), the same for equal readings."""
    said = {
        "date": report.date.isoformat(),
        "totals": dict(sorted(report.totals.items())),
        "changes": dict(sorted(report.changes.items())),
        "source_url": report.source_url,
    }
    return hashlib.sha256(json.dumps(said, separators=(",", ":")).encode()).hexdigest()
