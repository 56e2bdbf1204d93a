"""Two sources of one report: which figures are shown for a date, and where the sources disagree.

- **Precedence.** The official post (the General Staff's channel) outranks the figures API: the
  post is the General Staff's own word, the API a volunteer mirror of it (`PRECEDENCE`).
- **Standing reading.** A source's standing reading of a date is the latest one it gave that was
  not refused: a refusal never changes what is shown.
- **Held until confirmed.** A standing reading with recounts (`post_checks.Recount`: a correction
  day, or a digit lost from a published change, which the figures cannot tell apart) counts only
  while another source's standing reading confirms it, with the same total and published change
  in every recounted category. Until then it is never shown; if no source ever confirms it, it is
  never shown at all (the admins were told that it is held, and the day's report stays missing
  for the staleness warning).
- **What is shown** for a date is the standing reading of the highest-ranked source that counts.
  Figures already stored that agree with it stay as they are: agreement changes nothing and sends
  nothing. A reading of the source whose figures are stored replaces them when it differs in
  anything (a revision, as before); one of another source only when they disagree.
- **Disagreement.** Two readings disagree when a category present in both has another total or
  another published change. A category present in one source only (the API keeps ATGM/SRBM
  systems after 2022-05-01, an unknown line of the post is keyed by its own words) is none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.categories import ordered
from bot.domain.post_checks import Recount
from bot.domain.readings import Source, fingerprint
from bot.domain.reports import Report

PRECEDENCE: tuple[str, ...] = (Source.CHANNEL, Source.API)
"""The sources, the one whose figures are shown first."""


def rank(source: str) -> int:
    """The source's place in `PRECEDENCE` (an unknown source comes last)."""
    return PRECEDENCE.index(source) if source in PRECEDENCE else len(PRECEDENCE)


@dataclass(frozen=True, slots=True)
class Standing:
    """A source's standing reading of a date (held while its `recounts` are unconfirmed)."""

    source: str
    report: Report
    recounts: tuple[Recount, ...] = ()


@dataclass(frozen=True, slots=True)
class Figures:
    """A category's total and published change in one source's report."""

    total: int
    change: int | None


@dataclass(frozen=True, slots=True)
class Difference:
    """`key` as the higher-ranked source (`first`) and the other (`second`) give it."""

    key: str
    first: Figures
    second: Figures


@dataclass(frozen=True, slots=True)
class Disagreement:
    """The reports of `date` from `first` (the higher-ranked source) and `second` differ."""

    date: date
    first: str
    second: str
    differences: tuple[Difference, ...]
    readings: tuple[str, str]
    """The fingerprints of the two readings (the admins hear of each pair once)."""


def differences(first: Report, second: Report) -> tuple[Difference, ...]:
    """The categories present in both reports whose total or published change differ (a change
    given by one report only is not a difference)."""
    found = []
    for key in ordered(first.totals.keys() & second.totals.keys()):
        one = Figures(first.totals[key], first.changes.get(key))
        other = Figures(second.totals[key], second.changes.get(key))
        changes_differ = None not in (one.change, other.change) and one.change != other.change
        if one.total != other.total or changes_differ:
            found.append(Difference(key, one, other))
    return tuple(found)


def confirms(report: Report, held: Standing) -> bool:
    """Whether `report` gives every recounted category of `held` the same total and change."""
    return all(
        report.totals.get(recount.key) == held.report.totals.get(recount.key)
        and report.changes.get(recount.key) == held.report.changes.get(recount.key)
        for recount in held.recounts
    )


def counts(standing: Standing, standings: Sequence[Standing]) -> bool:
    """Whether `standing` may be shown: it has no recounts, or another source confirms them."""
    return not standing.recounts or any(
        other.source != standing.source and confirms(other.report, standing) for other in standings
    )


def shown(standings: Sequence[Standing]) -> Standing | None:
    """The standing reading whose figures are shown: the highest-ranked one that counts."""
    counting = [standing for standing in standings if counts(standing, standings)]
    return min(counting, key=lambda standing: rank(standing.source)) if counting else None


def to_store(
    stored: Report | None, stored_by: str | None, standings: Sequence[Standing]
) -> Standing | None:
    """The standing reading whose figures must be stored for its date (new, or replacing the
    `stored` figures, which came from `stored_by`), or None when the store is right as it is."""
    top = shown(standings)
    if top is None or stored is None:
        return top
    if stored_by == top.source:
        return None if stored.same_figures(top.report) else top
    return top if differences(stored, top.report) else None


def disagreement(one: Standing, other: Standing) -> Disagreement | None:
    """How two sources' readings of one date disagree, if they do."""
    first, second = sorted((one, other), key=lambda standing: rank(standing.source))
    found = differences(first.report, second.report)
    if not found:
        return None
    pair = (fingerprint(first.report), fingerprint(second.report))
    return Disagreement(first.report.date, first.source, second.source, found, pair)
