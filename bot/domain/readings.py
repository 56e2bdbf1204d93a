"""Readings: one source's reading of one report date, with its verdict.

Every source (the figures API, the official post) has what it read judged before anything is
stored as a report, and recorded as an observation (`store/observations.py`): refused (the gate
found it implausible, or the post could not be read whole or did not hold together with the report
before it), held (plausible, but with recounts that another source must confirm first,
`domain/precedence.py`) or accepted. A refused reading stays only there. A reading identical to
the one its source gave of that date last time (same figures and verdict) is not recorded again,
so that a refusal re-read by every poll is logged and told to the admins once. A post that could
not be read has no date: its reading has no report, only its raw posts and the refusal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.post_checks import Recount
from bot.domain.post_refusals import Refusal
from bot.domain.refusals import Reason
from bot.domain.reports import Report


class Source(StrEnum):
    """Where a reading comes from."""

    API = "api"
    """The figures API (russianwarship.rip), a volunteer mirror of the official words."""
    CHANNEL = "channel"
    """The General Staff's own post, read from its Telegram channel's public preview."""


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    HELD = "held"
    """Plausible, but its recounts (a correction day, or a lost digit in a published change)
    must be confirmed by another source before it is shown."""


Problem = Reason | Refusal
"""Why a reading is refused: the gate's reasons, or why the post was not a report."""


@dataclass(frozen=True, slots=True)
class Reading:
    """`source`'s reading of `report`; refused when it has `reasons`, held when it has
    unconfirmed `recounts`."""

    source: str
    report: Report | None
    """None: a post that could not be read as a report (its refusal says why)."""
    reasons: tuple[Problem, ...] = ()
    recounts: tuple[Recount, ...] = ()
    raw: str | None = None
    """What was read, raw, when the report does not carry it (a post that could not be read)."""

    @property
    def verdict(self) -> Verdict:
        if self.reasons:
            return Verdict.REFUSED
        return Verdict.HELD if self.recounts else Verdict.ACCEPTED

    @property
    def date(self) -> date | None:
        return None if self.report is None else self.report.date

    @property
    def said(self) -> str | None:
        """The raw text of what was read (the API's JSON record, the posts as JSON)."""
        if self.raw is not None or self.report is None:
            return self.raw
        return self.report.raw

    @property
    def fingerprint(self) -> str:
        if self.report is not None:
            return fingerprint(self.report)
        return hashlib.sha256((self.raw or "").encode()).hexdigest()

    @property
    def key(self) -> tuple[str, str, Verdict]:
        """What makes a reading new: its date, figures and verdict (per source)."""
        day = self.date
        return ("" if day is None else day.isoformat()), self.fingerprint, self.verdict


def fingerprint(report: Report) -> str:
    """A digest of what a report says (date, figures, source post), the same for equal readings."""
    said = {
        "date": report.date.isoformat(),
        "totals": dict(sorted(report.totals.items())),
        "changes": dict(sorted(report.changes.items())),
        "source_url": report.source_url,
    }
    return hashlib.sha256(json.dumps(said, separators=(",", ":")).encode()).hexdigest()
