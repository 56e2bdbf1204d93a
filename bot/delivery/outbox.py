"""The outbox worker: drains the store's deliveries into Telegram, within its limits.

It reads due deliveries in batches (report date, then daily → record → milestone, then id),
loads their chats in one query, and starts one job per chat: a chat's deliveries go one after
another in that order, different chats' concurrently (`concurrency` jobs at most), all through
the shared `SendLimits`. When nothing new is due it edits the sent posts of revised reports.

Deliveries taken by a job are remembered in memory, not in the store: the store only learns the
outcome. After a crash they are simply pending again, and only those in flight or not yet marked
sent (see `bookkeeping.py`) can go out twice.

`run(stop)` serves for the process's life, looking again on `wake()` or every `poll_interval`;
`run_until_idle()` returns once nothing is left to send or edit, retries and 429s included.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import datetime

from bot.delivery.bookkeeping import Bookkeeper
from bot.delivery.config import DeliverySettings
from bot.delivery.jobs import Job, JobRunner, OutboxStats
from bot.delivery.limits import SendLimits
from bot.delivery.sender import MessageSender
from bot.domain.deliveries import Delivery
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
    ) -> None:
        self._settings = settings = settings or DeliverySettings()
        self._clock = clock = clock or SystemClock()
        self._books = Bookkeeper(database, clock, settings.mark_batch)
        limits = limits or SendLimits.from_settings(settings)
        self._runner = JobRunner(sender, composer, self._books, limits, settings, clock)
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

    @property
    def stats(self) -> OutboxStats:
        return self._runner.stats

    def wake(self) -> None:
        """Asks `run` to look at the outbox now (new deliveries were added)."""
        self._wakeup.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Sends what comes due until `stop` is set; then lets the requests on the wire finish,
        writes their outcomes and returns."""
        while not stop.is_set():
            self._wakeup.clear()
            try:
                await self._drain(stop, wait_for_retries=False)
            except Exception:
                log.exception("the outbox worker failed; it looks again shortly")
            await _first_of([self._wakeup, stop], self._settings.poll_interval)

    async def run_until_idle(self) -> None:
        """Sends and edits everything there is, retries and 429s waited out, then returns."""
        await self._drain(None, wait_for_retries=True)

    async def _drain(self, stop: asyncio.Event | None, *, wait_for_retries: bool) -> None:
        async with self._draining:
            self._runner.stopping = False
            done = asyncio.Event()
            try:
                async with asyncio.TaskGroup() as tasks:
                    interval = self._settings.mark_interval
                    tasks.create_task(self._books.write_periodically(interval, done))
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

    async def _dispatch(
        self, jobs: asyncio.TaskGroup, stop: asyncio.Event | None, wait_for_retries: bool
    ) -> None:
        """Starts jobs while there is work; returns when there is none (or on `stop`)."""
        events = [self._progress] if stop is None else [self._progress, stop]
        extra = 0
        while not (stop is not None and stop.is_set()):
            finished = self._finished
            batch, more = await self._next_jobs(extra)
            for job in batch:
                while len(self._jobs) >= self._settings.concurrency and not _set(stop):
                    self._progress.clear()
                    await _first_of(events)
                if _set(stop):
                    self._release(job)
                    continue
                task = jobs.create_task(self._run(job))
                self._jobs[task] = job
            if batch:
                extra = 0
            elif self._jobs:
                # What is left is theirs, or waits for them (a migration, a chat's next one).
                self._progress.clear()
                await _first_of(events)
            elif self._finished != finished:
                continue  # a job ended while the store was read: what it left may be unread
            elif more:
                # Every row read waits (held chats or edits): look further.
                extra = 2 * extra + self._settings.batch_size
            elif not wait_for_retries or not await self._wait_for_retry(stop):
                return
        self._stop_waiting_jobs()

    async def _next_jobs(self, extra: int) -> tuple[list[Job], bool]:
        """Jobs for the next due deliveries, else for the next edits; and whether rows were
        left unread."""
        runner, now = self._runner, self._clock.now()
        _forget_past(runner.held_chats, now)
        _forget_past(runner.held_edits, now)
        limit = self._settings.batch_size + len(self._claimed) + self._books.unwritten + extra
        rows = await self._books.due(now, limit)
        more = len(rows) == limit
        fresh = [row for row in rows if self._free(row) and row.chat_id not in runner.held_chats]
        edits = not fresh
        if edits:
            rows = await self._books.needing_edit(limit)
            more = more or len(rows) == limit
            fresh = [row for row in rows if self._free(row) and row.id not in runner.held_edits]
        return await self._jobs_for(fresh, edits), more

    def _free(self, row: Delivery) -> bool:
        return (
            row.id not in self._claimed
            and row.chat_id not in self._busy
            and not self._books.is_unwritten(row.id)
        )

    async def _jobs_for(self, rows: list[Delivery], edits: bool) -> list[Job]:
        if not rows:
            return []
        chats = await self._books.chats({row.chat_id for row in rows})
        by_chat: dict[int, Job] = {}
        for row in rows:
            chat = chats.get(row.chat_id)
            if chat is None:  # cannot happen while the foreign key holds
                if edits:
                    self._books.edited(row.id)
                else:
                    self._books.skipped(row.id)
                continue
            job = by_chat.get(row.chat_id)
            if job is None:
                job = by_chat[row.chat_id] = Job(chat, [], edits)
            job.deliveries.append(row)
        for job in by_chat.values():
            self._busy.add(job.chat.chat_id)
            self._claimed.update(row.id for row in job.deliveries)
        return list(by_chat.values())

    async def _run(self, job: Job) -> None:
        try:
            await self._runner.run(job)
        finally:
            self._release(job)
            task = asyncio.current_task()
            if task is not None:
                self._jobs.pop(task, None)
            self._finished += 1
            self._progress.set()

    def _release(self, job: Job) -> None:
        self._busy.discard(job.chat.chat_id)
        self._claimed.difference_update(row.id for row in job.deliveries)

    def _stop_waiting_jobs(self) -> None:
        """On stop: jobs waiting for their turn end now; those with a request on the wire finish
        it and record its outcome."""
        self._runner.stopping = True
        for task, job in self._jobs.items():
            if not job.sending:
                task.cancel()

    async def _wait_for_retry(self, stop: asyncio.Event | None) -> bool:
        """Sleeps until the next retry is due; False if none is waited for."""
        runner = self._runner
        moments = [*runner.held_chats.values(), *runner.held_edits.values()]
        now = self._clock.now()
        next_retry = await self._books.next_retry(now)
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
