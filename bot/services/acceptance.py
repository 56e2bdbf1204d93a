"""The acceptance step of a poll: which readings of an answer may become reports.

Within the poll's transaction, for one source's answer: a date read twice with different figures
refuses the whole answer; a reading equal to the stored report changes nothing; every other one,
new or a revision, goes through the gate (`bot.domain.gate`) against the stored history and the
readings accepted before it. Every reading not recorded before is recorded as an observation
with its verdict, and each new refusal is logged once (a refusal read again by the next poll is
already recorded, and stays quiet).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.domain.gate import Gate, latest_allowed, one_per_date
from bot.domain.history import History
from bot.domain.readings import Reading
from bot.domain.refusals import DuplicateDate
from bot.domain.reports import Report
from bot.store.observations import ObservationRepository
from bot.store.reports import ReportRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What an answer may change, and what it had refused."""

    history: History | None
    """The stored history before this answer, when something had to be checked against it."""
    accepted: tuple[Report, ...]
    """New reports and complete, valid revisions, ascending (none when the answer is refused)."""
    refused: tuple[Reading, ...]
    """The refusals not recorded before this answer (to tell the admins of once)."""


async def accept(
    reports: ReportRepository,
    observations: ObservationRepository,
    source: str,
    answer: list[Report],
    now: datetime,
) -> Acceptance:
    """The readings of `answer` that may be stored; records each new reading and its verdict."""
    readings, conflicting = one_per_date(answer)
    if conflicting:
        refused = [
            Reading(source, report, (DuplicateDate(report.date),))
            for report in answer
            if report.date in conflicting
        ]
        return Acceptance(None, (), await _record(observations, refused, now))
    if not readings:
        return Acceptance(None, (), ())
    stored = await reports.between(readings[0].date, readings[-1].date)
    changed = [r for r in readings if r.date not in stored or not stored[r.date].same_figures(r)]
    changed_dates = {report.date for report in changed}
    verdicts = [Reading(source, r) for r in readings if r.date not in changed_dates]
    history = History(await reports.all()) if changed else None
    accepted: list[Report] = []
    if history is not None:
        gate = Gate(history, latest_allowed(now))
        for report in changed:
            reasons = gate.check(report)
            if not reasons:
                gate.accept(report)
                accepted.append(report)
            verdicts.append(Reading(source, report, reasons))
    return Acceptance(history, tuple(accepted), await _record(observations, verdicts, now))


async def _record(
    observations: ObservationRepository, readings: list[Reading], now: datetime
) -> tuple[Reading, ...]:
    """Records the new readings; the new refusals, one per date (a date read twice is one)."""
    refused = {
        reading.report.date: reading
        for reading in reversed(await observations.add_new(readings, now))
        if reading.reasons
    }
    for day, reading in sorted(refused.items()):
        log.warning(
            "refused the %s reading of %s: %s",
            reading.source,
            day.isoformat(),
            "; ".join(map(repr, reading.reasons)),
            extra={"report_date": day.isoformat(), "source": reading.source},
        )
    return tuple(reading for _, reading in sorted(refused.items()))
