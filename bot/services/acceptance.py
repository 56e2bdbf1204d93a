"""The acceptance step of a poll: which readings of an answer are refused, held or accepted, and
which figures the store must show for their dates.

Within the poll's transaction, for one source's answer:

- A date read twice with different figures refuses the whole answer.
- A reading equal to its source's latest one of that date, which was not refused, was settled
  when first read: nothing to do (the channel is read every 20 s).
- A reading from words (`checked`: the official post) is held against the stored report before
  its date (`domain/post_checks.py`); a report that does not hold together is refused, and its
  small recounts are named. Then every reading goes through the gate (`domain/gate.py`) against
  the stored history and the readings accepted before it.
- A reading that passes becomes its source's standing reading of the date (held while its
  recounts are unconfirmed; accepted when the other source confirms them as it is read) and is
  cross-checked with the other source's standing reading: a
  disagreement is recorded once per pair of readings (`store/disagreements.py`), an agreement
  closes the date's open ones. `domain/precedence.py` then says which figures the store must show.

Every reading not recorded before is recorded as an observation with its verdict; the new
refusals, held readings and disagreements are returned once, to tell the admins.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.gate import Gate, latest_allowed, one_per_date
from bot.domain.history import History
from bot.domain.post_checks import Recount, check_report
from bot.domain.post_refusals import Refusal
from bot.domain.precedence import (
    PRECEDENCE,
    Disagreement,
    Standing,
    counts,
    disagreement,
    rank,
    to_store,
)
from bot.domain.readings import Reading, Verdict
from bot.domain.refusals import DuplicateDate
from bot.domain.reports import Report
from bot.store.disagreements import DisagreementRepository
from bot.store.observations import ObservationRepository
from bot.store.reports import ReportRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Shown:
    """Figures the store must now show for their date, and the source they came from."""

    report: Report
    source: str


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What an answer may change, and what to tell the admins of."""

    history: History | None
    """The stored history before this answer, when something had to be checked against it."""
    accepted: tuple[Shown, ...]
    """New reports and revisions to store, ascending (none when the answer is refused)."""
    refused: tuple[Reading, ...] = ()
    """The refusals not recorded before this answer (to tell the admins of once)."""
    held: tuple[Reading, ...] = ()
    """Readings newly held until another source confirms their recounts."""
    disagreements: tuple[Disagreement, ...] = ()
    """Disagreements between the sources found for the first time."""


class _Acceptor:
    """One answer's acceptance, date by date; the gate is built only when something is new."""

    def __init__(self, reports: ReportRepository, stored_by: dict[date, str], now: datetime):
        self.reports = reports
        self.stored_by = stored_by
        self.now = now
        self.history: History | None = None
        self._gate: Gate | None = None

    async def gate(self) -> Gate:
        if self._gate is None:
            self.history = History(await self.reports.all())
            self._gate = Gate(self.history, latest_allowed(self.now))
        return self._gate

    def other_source(self, day: date, source: str) -> bool:
        """Whether the stored figures of `day` came from a source other than `source`."""
        return self.stored_by.get(day, source) != source

    async def judged(self, source: str, report: Report, *, checked: bool) -> Reading:
        """The reading with its verdict: the post's own check (`checked`), then the gate."""
        recounts: tuple[Recount, ...] = ()
        if checked:
            consistent = check_report(report, await self.reports.before(report.date))
            if isinstance(consistent, Refusal):
                return Reading(source, report, (consistent,))
            recounts = consistent.recounts
        gate = await self.gate()
        reasons = gate.check(report, other_source=self.other_source(report.date, source))
        return Reading(source, report, reasons, () if reasons else recounts)

    async def storable(self, chosen: Standing, checked: Report) -> bool:
        """Whether the gate lets `chosen` be stored (`checked`, the reading just judged, passed
        it already); the gate learns it if so."""
        gate = await self.gate()
        if chosen.report is not checked:
            day = chosen.report.date
            other_source = self.other_source(day, chosen.source)
            reasons = gate.check(chosen.report, other_source=other_source)
            if reasons:
                log.warning("the %s figures of %s stay unstored: %r", chosen.source, day, reasons)
                return False
        gate.accept(chosen.report)
        return True


async def accept(
    reports: ReportRepository,
    observations: ObservationRepository,
    disagreements: DisagreementRepository,
    source: str,
    answer: Sequence[Report],
    now: datetime,
    *,
    unreadable: Sequence[Reading] = (),
    checked: bool = False,
) -> Acceptance:
    """The figures `answer` (from `source`) makes the store show; records each new reading and
    its verdict. `unreadable`: what the source read but could not make a report of;
    `checked`: the reports were read from words, and are held against the report before them."""
    readings, conflicting = one_per_date(answer)
    if conflicting:
        refused = [
            Reading(source, report, (DuplicateDate(report.date),))
            for report in answer
            if report.date in conflicting
        ]
        return await _told(observations, [*unreadable, *refused], now)
    fresh: list[Report] = []
    if readings:
        first, last = readings[0].date, readings[-1].date
        settled = await observations.known(source, first, last)
        fresh = [report for report in readings if not _settled(source, report, settled)]
    if not fresh:
        return await _told(observations, list(unreadable), now)
    first, last = fresh[0].date, fresh[-1].date
    stored = await reports.between(first, last)
    acceptor = _Acceptor(reports, await reports.sources(first, last), now)
    others = [
        await observations.standings(other, first, last) for other in PRECEDENCE if other != source
    ]
    verdicts: list[Reading] = list(unreadable)
    accepted: list[Shown] = []
    found: list[Disagreement] = []
    for report in fresh:
        reading = await acceptor.judged(source, report, checked=checked)
        if reading.verdict is Verdict.REFUSED:
            verdicts.append(reading)
            continue
        mine = Standing(source, report, reading.recounts)
        standings = [mine, *(of[report.date] for of in others if report.date in of)]
        if reading.recounts and counts(mine, standings):  # confirmed as it is read
            reading, mine = Reading(source, report), Standing(source, report)
            standings[0] = mine
        verdicts.append(reading)
        for other in standings[1:]:
            differing = disagreement(mine, other)
            if differing is None:
                await disagreements.resolve(report.date, *_ranked(source, other.source), now)
            else:
                found.append(differing)
        chosen = to_store(stored.get(report.date), acceptor.stored_by.get(report.date), standings)
        if chosen is not None and await acceptor.storable(chosen, report):
            accepted.append(Shown(chosen.report, chosen.source))
    new = tuple([day for day in found if await disagreements.add(day, now)])
    told = await _told(observations, verdicts, now)
    return Acceptance(acceptor.history, tuple(accepted), told.refused, told.held, new)


def _settled(source: str, report: Report, latest: set[tuple[str, str, Verdict]]) -> bool:
    """Whether the source's latest read of the date gave this very reading, not refused."""
    day, digest, _ = Reading(source, report).key
    return any((day, digest, verdict) in latest for verdict in (Verdict.ACCEPTED, Verdict.HELD))


def _ranked(one: str, other: str) -> tuple[str, str]:
    first, second = sorted((one, other), key=rank)
    return first, second


async def _told(
    observations: ObservationRepository, readings: list[Reading], now: datetime
) -> Acceptance:
    """Records the new readings; what to tell the admins of them: the new refusals (one per
    date, a date read twice is one) and the newly held readings."""
    new = await observations.add_new(readings, now)
    refused: dict[object, Reading] = {}
    for reading in new:
        if reading.verdict is Verdict.REFUSED:
            refused.setdefault(reading.date or reading.fingerprint, reading)
    for reading in refused.values():
        day = "an undated post" if reading.date is None else reading.date.isoformat()
        log.warning(
            "refused the %s reading of %s: %s",
            reading.source,
            day,
            "; ".join(map(repr, reading.reasons)),
            extra={"report_date": day, "source": reading.source},
        )
    held = tuple(reading for reading in new if reading.verdict is Verdict.HELD)
    return Acceptance(None, (), tuple(refused.values()), held)
