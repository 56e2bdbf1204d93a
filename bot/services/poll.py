"""The poll: fetch what upstream has that the store lacks, store it and owe its announcements.

One poll is one unit of work. Everything upstream is fetched first (the latest report, then the
pages from the store's newest date on); only then, in ONE transaction, the reports are stored,
the news is computed against the history as it was, and its campaigns are added (the daily post,
record and milestone alerts: one row each, whatever the number of subscribers; the sender expands
them chat by chat). So a report is never stored without what it owes, and an upstream fault in
the middle of a fetch leaves the store exactly as it was.

- A report newer than the store's newest is new: the newest new one gets the daily post; records
  and milestones of every new one are announced. An empty store is backfilled and announces nothing.
- The store's newest report is fetched again with the new ones (`date_from=newest`), so a revision
  made upstream after it was posted is caught the next morning at the latest.
- A changed report of a date already stored is a revision: the figures are replaced, the sent daily
  posts of that date are marked for editing, and nothing new is ever announced for an old day.

Nothing is stored unless the gate accepts it (`services/acceptance.py`): a refused reading is
recorded as an observation, returned in `refused` once, and polling goes on; a revision must be
complete and plausible too, and the sent alerts of a revised date are marked for editing with its
daily posts (an alert the revision proved false is edited to say so).

Every source is polled the same way, each by its own `Poller`: the figures API (the latest report,
then the pages from the store's newest date on) and the official post (`ObservingSource`: the
newest losses post of the channel, read raw, checked against the report before it). Which
source's figures a date shows, and where the two disagree, is the acceptance's business
(`domain/precedence.py`): the first source with a valid new report makes the news, the other's
later arrival of the same figures changes nothing. The channel alone never fills an empty store.

Upstream faults are expected (upstream is often late or down): `poll` does not raise
`SourceUnavailable` but returns a `PollResult` whose `unavailable` names the reason, for the job to
log and for the staleness warning. The fetch has a deadline (`POLL_DEADLINE`; ten times as long for
the first backfill of an empty store): past it, the poll gives up as "unavailable". Anything else
(a database fault) raises.

Polls must not overlap (two would race to store the same report): in one process each source's
polls run through its `Poller`, which lets a caller arriving during a poll wait for that poll's
result, and the pollers of all sources store one after the other (`store_lock`); across replicas
the transaction that stores takes the POLL advisory lock, so a second poll waits for the first
and then finds nothing new. The commit tells the other replicas (NOTIFY) that the
figures changed and that the outbox has work.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.deliveries import Campaign
from bot.domain.history import History
from bot.domain.news import fresh_news
from bot.domain.planning import plan_campaigns
from bot.domain.precedence import Disagreement
from bot.domain.readings import Reading, Source
from bot.domain.reports import Report
from bot.services.acceptance import Shown, accept
from bot.services.clock import Clock
from bot.services.figures import FiguresReader
from bot.sources import FiguresSource, ObservingSource, SourceUnavailable
from bot.store.campaigns import CampaignRepository
from bot.store.coordination import THIS_PROCESS, Change, Lock, notify, serialize
from bot.store.database import Database
from bot.store.deliveries import DeliveryRepository
from bot.store.disagreements import DisagreementRepository
from bot.store.observations import ObservationRepository
from bot.store.reports import ReportRepository, SaveOutcome

log = logging.getLogger(__name__)

BACKFILL_DEADLINE_FACTOR = 10
"""The first backfill of an empty store reads some 35 pages: its deadline is this many polls'."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What one poll read from its source."""

    reports: list[Report]
    unreadable: tuple[Reading, ...] = ()
    """What the source read but could not make a report of (a post it could not read)."""
    checked: bool = False
    """Read from words: each report is checked against the one before it."""


@dataclass(frozen=True, slots=True)
class PollResult:
    """What a poll did."""

    latest: date | None = None
    """The newest report in the store after the poll (None: the store is still empty)."""
    new_reports: tuple[date, ...] = ()
    """The dates of the new reports stored (not those of a first backfill), ascending."""
    campaigns: int = 0
    """Campaigns added to the outbox (a daily post, alerts of a date)."""
    deliveries: int = 0
    """Deliveries those campaigns owe to the chats as they are now (the sender adds them)."""
    revised: tuple[date, ...] = ()
    """Dates already stored whose figures upstream changed."""
    needs_edit: int = 0
    """Sent daily posts marked for editing because their report was revised."""
    stored: int = 0
    """Reports inserted: the new ones, or every report on a first backfill."""
    backfill: bool = False
    """The store was empty: this poll loaded the whole history and announced nothing."""
    unavailable: str | None = None
    """Why upstream could not be read (`SourceUnavailable.reason`); nothing was changed."""
    refused: tuple[Reading, ...] = ()
    """Readings the gate refused that no earlier poll had recorded (to tell the admins of)."""
    joined: bool = False
    """This caller waited for a poll that another caller had started (which reports on it)."""
    new_campaigns: tuple[Campaign, ...] = ()
    source: str = Source.API
    """Which source was polled."""
    held: tuple[Reading, ...] = ()
    """Readings newly held until another source confirms their recounts (to tell the admins)."""
    disagreements: tuple[Disagreement, ...] = ()
    """Disagreements with the other source found for the first time (to tell the admins)."""
    history: History | None = field(default=None, repr=False, compare=False)
    """The whole stored history after the poll, when the poll changed it (None otherwise)."""

    @property
    def changed(self) -> bool:
        """Whether the store's figures changed."""
        return bool(self.stored or self.revised)


async def poll(
    source: FiguresSource,
    database: Database,
    figures_reader: FiguresReader,
    clock: Clock,
    records_since: date,
    *,
    deadline: float | None = None,
    source_name: str = Source.API,
    on_owed: Callable[[], None] | None = None,
    store_lock: asyncio.Lock | None = None,
) -> PollResult:
    """Fetches, stores and queues what is new upstream; see the module's docstring.

    `on_owed` is called as soon as campaigns are committed (it wakes the sender); `store_lock`
    is shared by the pollers of one process."""
    async with database.session() as session:
        newest = await ReportRepository(session).latest_date()
    observing = isinstance(source, ObservingSource)
    if observing and newest is None:
        return PollResult(source=source_name)  # the first backfill is the figures API's
    if deadline is not None and newest is None:
        deadline *= BACKFILL_DEADLINE_FACTOR
    try:
        async with asyncio.timeout(deadline):
            if isinstance(source, ObservingSource):
                answer = await _observe(source)
            else:
                answer = await _fetch(source, newest)
    except (SourceUnavailable, TimeoutError) as error:
        reason = (
            error.reason
            if isinstance(error, SourceUnavailable)
            else f"no complete answer within the poll deadline ({deadline:g} s)"
        )
        log.warning("poll of the %s: unavailable (%s); nothing changed", source_name, reason)
        return PollResult(latest=newest, unavailable=reason, source=source_name)
    known = figures_reader.generation
    async with store_lock or contextlib.nullcontext(), database.transaction() as session:
        await serialize(session, Lock.POLL)
        result = await _store(session, answer, clock.now(), records_since, source_name)
        if result.changed:
            await notify(session, Change.FIGURES, THIS_PROCESS)
        if result.campaigns:
            await notify(session, Change.OUTBOX)
    if result.changed and result.history is not None:
        figures_reader.written(result.history, since=known)
    elif result.changed:
        figures_reader.invalidate()
    if result.campaigns:
        if on_owed is not None:
            on_owed()
        async with database.session() as session:
            owed = await CampaignRepository(session).owed(result.new_campaigns)
        result = dataclasses.replace(result, deliveries=owed)
    log.log(
        logging.INFO if result.changed or result.campaigns else logging.DEBUG,
        "poll of the %s: latest %s, %d stored, new %s, %d campaigns (%d deliveries), revised %s "
        "(%d posts to edit)",
        source_name,
        result.latest,
        result.stored,
        [day.isoformat() for day in result.new_reports],
        result.campaigns,
        result.deliveries,
        [day.isoformat() for day in result.revised],
        result.needs_edit,
    )
    return result


async def _fetch(source: FiguresSource, newest: date | None) -> Answer:
    """The latest report and, when it is newer than `newest`, every report from `newest` on."""
    latest = await source.latest()
    if newest is not None and latest.date <= newest:
        return Answer([latest])
    paged = [report async for page in source.history(date_from=newest) for report in page]
    # The paged list may lag behind /latest: keep both, the later fetch winning a shared date.
    # Dates the pages repeat stay repeated, for the gate to see (`one_per_date`).
    in_pages = {report.date for report in paged}
    return Answer([*([] if latest.date in in_pages else [latest]), *paged])


async def _observe(source: ObservingSource) -> Answer:
    """The source's newest reading, raw: a report to check, or what could not be read."""
    seen = await source.observe()
    if seen.report is None:
        reasons = () if seen.refusal is None else (seen.refusal,)
        return Answer([], (Reading(source.name, None, reasons, raw=seen.raw),))
    return Answer([dataclasses.replace(seen.report, raw=seen.raw)], checked=True)


async def _store(
    session: AsyncSession, answer: Answer, now: datetime, records_since: date, source: str
) -> PollResult:
    reports, outbox = ReportRepository(session), DeliveryRepository(session)
    newest = await reports.latest_date()  # again: another replica's poll may have stored it
    acceptance = await accept(
        reports,
        ObservationRepository(session),
        DisagreementRepository(session),
        source,
        answer.reports,
        now,
        unreadable=answer.unreadable,
        checked=answer.checked,
    )
    told = PollResult(
        latest=newest,
        refused=acceptance.refused,
        source=source,
        held=acceptance.held,
        disagreements=acceptance.disagreements,
    )
    shown = list(acceptance.accepted)
    history_before = acceptance.history
    if not shown or history_before is None:
        return told
    accepted = [item.report for item in shown]
    news = fresh_news(history_before, accepted, records_since)
    campaigns = plan_campaigns(news)
    outcomes = await _save(reports, shown, now)
    added = await CampaignRepository(session).add_many(campaigns)
    done = dataclasses.replace(
        told,
        latest=max(newest or date.min, *(report.date for report in accepted)),
        new_reports=tuple(report.date for report in news.reports),
        campaigns=added,
        new_campaigns=tuple(campaigns) if added else (),
        backfill=not history_before,
        history=history_before.with_reports(
            dataclasses.replace(report, raw=None) for report in accepted
        ),
    )
    return await _finish(outbox, accepted, outcomes, done)


async def _save(reports: ReportRepository, shown: list[Shown], now: datetime) -> list[SaveOutcome]:
    """Stores the figures, each with its source; one outcome per report, in the given order."""
    outcomes: dict[int, SaveOutcome] = {}
    for source in dict.fromkeys(item.source for item in shown):
        positions = [index for index, item in enumerate(shown) if item.source == source]
        saved = await reports.save_many([shown[i].report for i in positions], now, source)
        outcomes.update(zip(positions, saved, strict=True))
    return [outcomes[index] for index in range(len(shown))]


async def _finish(
    outbox: DeliveryRepository,
    fetched: list[Report],
    outcomes: list[SaveOutcome],
    done: PollResult,
) -> PollResult:
    """`done` completed: the revised reports (their sent posts marked for editing) and counts."""
    revised = tuple(
        report.date
        for report, outcome in zip(fetched, outcomes, strict=True)
        if outcome is SaveOutcome.REVISED
    )
    needs_edit = 0
    for day in revised:
        needs_edit += await outbox.mark_needs_edit(day)
    stored = sum(outcome is SaveOutcome.INSERTED for outcome in outcomes)
    return dataclasses.replace(done, revised=revised, needs_edit=needs_edit, stored=stored)


class Poller:
    """Runs polls of one source one at a time (the poll job and an admin's `/poll` may ask at
    once): a caller arriving while a poll runs gets that poll's result, within its deadline."""

    def __init__(
        self,
        source: FiguresSource,
        database: Database,
        figures_reader: FiguresReader,
        clock: Clock,
        records_since: date,
        *,
        deadline: float | None = None,
        source_name: str = Source.API,
        store_lock: asyncio.Lock | None = None,
    ) -> None:
        self._args = (source, database, figures_reader, clock, records_since)
        self._deadline = deadline
        self.source_name = source_name
        self._store_lock = store_lock
        self._running: asyncio.Future[PollResult] | None = None
        self.on_owed: Callable[[], None] | None = None
        """Called as soon as a poll has committed campaigns (the runtime wakes its sender)."""

    async def poll(self) -> PollResult:
        if self._running is not None:
            return dataclasses.replace(await asyncio.shield(self._running), joined=True)
        running = self._running = asyncio.get_running_loop().create_future()
        try:
            result = await poll(
                *self._args,
                deadline=self._deadline,
                source_name=self.source_name,
                on_owed=self.on_owed,
                store_lock=self._store_lock,
            )
        except BaseException as error:
            running.set_exception(error)
            running.exception()  # those waiting get it; nobody else need retrieve it
            raise
        else:
            running.set_result(result)
            return result
        finally:
            self._running = None
