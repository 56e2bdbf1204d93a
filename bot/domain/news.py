"""What a poll that fetched reports should announce: the pure decision, before anything is stored.

A report is new only when it is newer than the newest report already known (never compared with
the wall clock). The daily post is for the newest new report alone; record days and milestones are
announced for every new report, including the days skipped after a gap, with their dates. The
first backfill of an empty history announces nothing, and a revised older report is not news.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.changes import DailyChanges
from bot.domain.events import Event, Milestone, RecordDay
from bot.domain.history import History
from bot.domain.milestones import add_to_peaks, milestones, peak_totals
from bot.domain.records import record_book
from bot.domain.reports import Report


@dataclass(frozen=True, slots=True)
class News:
    """The announcements due after a poll; empty when there is nothing to post."""

    reports: tuple[Report, ...] = ()
    """The new reports, ascending (the newest gets the daily post)."""
    daily: DailyChanges | None = None
    """The daily post: the newest new report against the report before it."""
    records: tuple[RecordDay, ...] = ()
    """Record days set by any new report, in date order, personnel first within a date."""
    milestones: tuple[Milestone, ...] = ()
    """Milestones reached on any new report, in date order."""

    def __bool__(self) -> bool:
        return self.daily is not None

    @property
    def events(self) -> tuple[Event, ...]:
        """Records and milestones together, in date order (records first within a date)."""
        events: list[Event] = [*self.records, *self.milestones]
        return tuple(sorted(events, key=lambda event: event.date))


def new_reports_of(history_before: History, fetched: Sequence[Report]) -> tuple[Report, ...]:
    """The fetched reports newer than the newest known one, ascending, one per date (last wins)."""
    if not history_before:
        return ()
    latest = history_before.latest.date
    return History(report for report in fetched if report.date > latest).reports


def fresh_news(history_before: History, new_reports: Sequence[Report], records_since: date) -> News:
    """What to announce now that `new_reports` were fetched on top of `history_before`.

    Every fetched report joins the history used for the decision (a revision replaces the older
    figures), but only reports newer than `history_before.latest` are news.
    """
    fresh = new_reports_of(history_before, new_reports)
    if not fresh:
        return News()
    history = history_before.with_reports(new_reports)
    book = record_book(history, records_since)
    peaks = peak_totals(history.between(date.min, history_before.latest.date))
    found_records: list[RecordDay] = []
    found_milestones: list[Milestone] = []
    for report in fresh:
        found_records.extend(book.records_on(report.date))
        found_milestones.extend(milestones(history.previous(report), report, peaks))
        add_to_peaks(peaks, report)
    return News(
        reports=fresh,
        daily=history.daily(fresh[-1].date),
        records=tuple(found_records),
        milestones=tuple(found_milestones),
    )
