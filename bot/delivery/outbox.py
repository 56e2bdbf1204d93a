"""The outbox worker: drains the store's deliveries into Telegram, within its limits.

It goes through the deliveries kind by kind: every daily post due, then the record alerts, then
the milestones, then the digests (`DeliveryKind.rank`), oldest report first, each kind in the
order of its chats, and it starts a kind only once every delivery of the kinds before it that is
due has gone out (and its campaign is wholly expanded). So the daily post reaches every chat at
the full rate before any alert of that report is sent to anyone, and the alerts follow in the
same order of chats. The order comes from the store, so it survives a restart, and the one sender
keeps it (a retried delivery waits for its time without holding up the others; the chat's own
later deliveries wait behind it).

It claims a batch of deliveries at a time in the store (`Bookkeeper.claim`: a lease, renewed while
held), loads their subscriptions in one query and starts one job per chat (its own subscription's
deliveries and its forum topics', one after another: Telegram's limits are the chat's),
`concurrency` jobs at most, all through the shared `SendLimits`. The campaign planner (`planner.py`)
runs beside it and adds the deliveries of new campaigns a chunk at a time. When nothing is left to
send it edits the sent posts of revised reports.

After a crash the claims of the dead sender end with their lease and its deliveries are taken up
again: only those in flight or not yet marked sent (see `bookkeeping.py`) can go out twice.

`run(stop)` serves for the process's life, looking again on `wake()` or every `poll_interval`;
`run_until_idle()` returns once nothing is left to plan, send or edit, retries and 429s included.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Iterable
from datetime import datetime

from bot.delivery.bookkeeping import Bookkeeper
from bot.delivery.config import DeliverySettings
from bot.delivery.jobs import Guard, Job, JobRunner, OutboxStats, always
from bot.delivery.limits import SendLimits
from bot.delivery.planner import CampaignPlanner
from bot.delivery.sender import MessageSender
from bot.domain.deliveries import Delivery, DeliveryKind
from bot.services.clock import Clock, SystemClock
from bot.services.compose import Composer
from bot.store.database import Database

log = logging.getLogger(__name__)


class OutboxWorker:
    def __init__(
        self,
        database: Database,
        sender: MessageSender,
        composer: Composer,
        settings: DeliverySettings | None = None,
        *,
        clock: Clock | None = None,
        limits: SendLimits | None = None,
        guard: Guard = always,
    ) -> None:
        self._settings = settings = settings or DeliverySettings()
        self._clock = clock = clock or SystemClock()
        self._books = Bookkeeper(
            database, clock, settings.mark_batch, settings.claim_lease, settings.claim_margin
        )
        self.planner = CampaignPlanner(database, settings.plan_chunk)
        limits = limits or SendLimits.from_settings(settings)
        self._runner = JobRunner(sender, composer, self._books, limits, settings, clock, guard)
        self._jobs: dict[asyncio.Task[None], Job] = {}
        self._claimed: set[int] = set()
        """Deliveries (ids) taken by a running job."""
        self._busy: set[int] = set()
        """Chats (ids) with a running job."""
        self._progress = asyncio.Event()
        self._finished = 0
        """Jobs ended so far."""
        self._wakeup = asyncio.Event()
        self._draining = asyncio.Lock()
        self._looked_at = self._clock.now()
        """When the outbox was last looked at for due deliveries."""
        rate = settings.broadcast_rate
        self._claim_size = (
            settings.batch_size
            if rate is None
            else min(settings.batch_size, max(settings.concurrency, math.ceil(2 * rate)))
        )
        """Deliveries claimed at a time: about two seconds of sending at the paced rate (what a
        kill -9 leaves claimed until the lease ends), a full batch when unpaced."""

    @property
    def stats(self) -> OutboxStats:
        return self._runner.stats

    def wake(self) -> None:
        """Asks `run` to look at the outbox now (campaigns or deliveries were added)."""
        self._wakeup.set()
        self.planner.wake()

    async def release_stale_claims(self) -> None:
        """Ends every claim in the store, for a start where no other sender can be alive (the
        one process on a SQLite file)."""
        await self._books.release_all()

    async def run(self, stop: asyncio.Event) -> None:
        """Plans and sends what comes due until `stop` is set; then lets the requests on the wire
        finish, writes their outcomes, gives back its claims and returns."""
        interval = self._settings.poll_interval
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(self.planner.run(stop, self._wakeup.set, interval))
            while not stop.is_set():
                self._wakeup.clear()
                try:
                    await self._drain(stop, wait_for_retries=False)
                except Exception:
                    log.exception("the outbox worker failed; it looks again shortly")
                await _first_of([self._wakeup, stop], interval)

    async def run_until_idle(self) -> None:
        """Plans, sends and edits everything there is, retries and 429s waited out, then
        returns."""
        await self.planner.plan_all()
        await self._drain(None, wait_for_retries=True)

    async def _drain(self, stop: asyncio.Event | None, *, wait_for_retries: bool) -> None:
        async with self._draining:
            self._runner.stopping = False
            done = asyncio.Event()
            try:
                async with asyncio.TaskGroup() as tasks:
                    interval = self._settings.mark_interval
                    tasks.create_task(self._books.write_periodically(interval, done))
                    tasks.create_task(self._books.renew_periodically(done))
                    try:
                        await self._dispatch(tasks, stop, wait_for_retries)
                        while self._jobs:
                            self._progress.clear()
                            await self._progress.wait()
                    finally:
                        done.set()
                        self._books.nudge()
            finally:
                await self._books.write()  # what the writer could not, if something failed
                await self._books.release(self._books.claimed)

    async def _dispatch(
        self, jobs: asyncio.TaskGroup, stop: asyncio.Event | None, wait_for_retries: bool
    ) -> None:
        """Starts jobs while there is work; returns when there is none (or on `stop`)."""
        events = [self._progress, self._wakeup] + ([] if stop is None else [stop])
        while not (_set(stop) or self._runner.stopping):
            finished = self._finished
            self._progress.clear()
            batch, waiting = await self._next_jobs()
            for job in batch:
                while len(self._jobs) >= self._settings.concurrency and not _set(stop):
                    self._progress.clear()
                    await _first_of([self._progress] if stop is None else [self._progress, stop])
                if _set(stop) or self._runner.stopping:
                    await self._release(job)
                    continue
                task = jobs.create_task(self._run(job))
                self._jobs[task] = job
            if batch:
                continue
            if waiting or self._jobs:
                # Deliveries of the kind under way are still out (in flight, not yet marked, or
                # claimed by a sender that died), or a campaign is still being expanded.
                await _first_of(events, self._settings.mark_interval * 5)
            elif self._finished != finished:
                continue  # a job ended while the store was read: what it left may be unread
            elif not wait_for_retries or not await self._wait_for_retry(stop):
                return
        self._stop_waiting_jobs()

    async def _next_jobs(self) -> tuple[list[Job], bool]:
        """Jobs for the next deliveries in the sender's order, else for the next edits; and
        whether a kind is unfinished (its deliveries are out, or still being planned)."""
        self._looked_at = self._clock.now()
        for kind in DeliveryKind:
            rows = await self._books.claim(kind, self._claim_size)
            if rows:
                return await self._jobs_for(rows, edits=False), True
            if await self._books.unfinished(kind):
                return [], True
        runner = self._runner
        _forget_past(runner.held_edits, self._clock.now())
        limit = self._settings.batch_size + len(self._claimed) + self._books.unwritten
        rows = await self._books.needing_edit(limit)
        fresh = [row for row in rows if self._free(row) and row.id not in runner.held_edits]
        return await self._jobs_for(fresh, edits=True), False

    def _free(self, row: Delivery) -> bool:
        return (
            row.id not in self._claimed
            and row.chat_id not in self._busy
            and not self._books.is_unwritten(row.id)
        )

    async def _jobs_for(self, rows: list[Delivery], edits: bool) -> list[Job]:
        if not rows:
            return []
        subscriptions = await self._books.subscriptions({(r.chat_id, r.thread_id) for r in rows})
        by_chat: dict[int, Job] = {}
        for row in rows:
            subscription = subscriptions.get((row.chat_id, row.thread_id))
            if subscription is None:  # cannot happen while the foreign key holds
                if edits:
                    self._books.edited(row.id)
                else:
                    self._books.skipped(row.id)
                continue
            job = by_chat.get(row.chat_id)
            if job is None:
                job = by_chat[row.chat_id] = Job.of(subscription, edits)
            job.deliveries.append((row, subscription))
        for job in by_chat.values():
            self._busy.add(job.chat_id)
            self._claimed.update(job.delivery_ids)
        return list(by_chat.values())

    async def _run(self, job: Job) -> None:
        try:
            await self._runner.run(job)
        finally:
            await self._release(job)
            task = asyncio.current_task()
            if task is not None:
                self._jobs.pop(task, None)
            self._finished += 1
            self._progress.set()

    async def _release(self, job: Job) -> None:
        self._busy.discard(job.chat_id)
        ids = job.delivery_ids
        self._claimed.difference_update(ids)
        if not job.edits:
            try:
                await self._books.release(ids)  # what it did not get to send
            except Exception:
                log.exception("could not give back the claims of chat %s", job.chat_id)

    def _stop_waiting_jobs(self) -> None:
        """On stop: jobs waiting for their turn end now; those with a request on the wire finish
        it and record its outcome."""
        self._runner.stopping = True
        for task, job in self._jobs.items():
            if not job.sending:
                task.cancel()

    async def _wait_for_retry(self, stop: asyncio.Event | None) -> bool:
        """Sleeps until the next retry is due; False if none is waited for."""
        moments = list(self._runner.held_edits.values())
        now = self._clock.now()
        # A retry that came due since the outbox was last looked at counts too: look again.
        next_retry = await self._books.next_retry(min(now, self._looked_at))
        if next_retry is not None:
            moments.append(next_retry)
        if not moments:
            return False
        seconds = (min(moments) - now).total_seconds()
        if seconds > 0:
            await _first_of([] if stop is None else [stop], seconds)
        return True


def _set(event: asyncio.Event | None) -> bool:
    return event is not None and event.is_set()


def _forget_past(holds: dict[int, datetime], now: datetime) -> None:
    for key in [key for key, until in holds.items() if until <= now]:
        del holds[key]


async def _first_of(events: Iterable[asyncio.Event], seconds: float | None = None) -> None:
    """Returns once any of `events` is set, or after `seconds` (None: no limit)."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        if waiters:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        else:
            await asyncio.sleep(seconds or 0)
    finally:
        for waiter in waiters:
            waiter.cancel()
