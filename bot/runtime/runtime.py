"""The runtime: everything long-lived of one bot process, built once, started and stopped together.

    settings → store → sources → services → sender → Application

`Runtime.open(settings, clock=…)` builds them in that order (the services in `Services.open`, the
store migrated; the broadcast's sender and its outbox worker; the Telegram Application with its
handlers) and the process's `Leadership`; `start()` starts the Application (and the webhook
server, in webhook mode), puts the services' scheduled tasks on its JobQueue and starts
campaigning to be the active replica; `stop()` and `close()` undo it, in reverse. Tests open the
same runtime (`Runtime.running`), with a clock of their own.

Whatever must be done once for all replicas is done by the active one only (`Leadership`):

- the outbox worker and its campaign planner (one sender, so the overall rate stays
  BROADCAST_RATE and the order of the kinds is kept);
- the scheduled tasks (polling the figures, the staleness warning, digests, the retention), which
  do nothing on the other replicas;
- in polling mode, getUpdates (only the active replica reads updates; Telegram answers 409 to a
  second reader). In webhook mode every replica serves the updates it is given.

When the process becomes the active one it starts those roles and catches up (the first backfill
of an empty store, the day's digests if their hour has passed); when it stops being the active one
it stops them at once. Every replica answers commands, from figures that follow the store
(`FiguresReader` is told of other replicas' writes).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import timedelta

from bot.delivery import DeliverySettings, OutboxWorker, TelegramSender
from bot.ops.metrics import Metrics
from bot.ops.server import OpsServer
from bot.runtime.admins import AdminNotifier
from bot.runtime.jobs import JobSchedule
from bot.runtime.leadership import Leadership, SoleProcess
from bot.services.clock import Clock
from bot.services.compose import FiguresComposer
from bot.services.container import Services
from bot.settings import Settings
from bot.sources.protocol import FiguresSource, ObservingSource
from bot.store.coordination import THIS_PROCESS, Change
from bot.telegram import listening, operations
from bot.telegram.app import ALLOWED_UPDATES, build_application, long_poll_timeout, webhook_path
from bot.telegram.context import BotApplication
from bot.telegram.listening import UpdatesWatch
from bot.telegram.menu import set_command_menus
from bot.telegram.post_buttons import post_buttons

log = logging.getLogger(__name__)

OUTBOX_TASK = "outbox worker"
CATCH_UP_JOB = "catch up"
"""Run when the process becomes the active one: the first backfill, the day's digests."""
ROLES_RETRY = 2.0
"""Seconds before trying again to take up the active roles after a failure (e.g. the Bot API
could not be reached to start reading updates)."""
STOP_SENDING_TIMEOUT = 15.0
"""Seconds the worker may take to finish the requests on the wire when it is stopped."""


class Runtime:
    def __init__(
        self,
        settings: Settings,
        services: Services,
        leadership: Leadership,
        sender: TelegramSender,
        worker: OutboxWorker,
        application: BotApplication,
        ops: OpsServer | None,
        updates: UpdatesWatch | None = None,
        active_since: list[float | None] | None = None,
    ) -> None:
        self.settings = settings
        self.services = services
        self.leadership = leadership
        self.sender = sender
        self.worker = worker
        self.application = application
        self._ops = ops
        self._updates = updates
        self._active_since: list[float | None] = (
            active_since if active_since is not None else [None]
        )
        """Since when (monotonic) this process acts as the active replica; None: standing by
        (in a list, which the health server reads too)."""
        self.stopped = asyncio.Event()
        """Set when the process should end (the update loop's watch found it deaf)."""
        application.bot_data.stop_requested = self.stopped.set
        self._roles = asyncio.Lock()
        self._acting = False
        self._wanted = False
        self._role_change = asyncio.Event()
        self._stop_sending = asyncio.Event()
        self._sending: asyncio.Task[None] | None = None
        self._stop_leading = asyncio.Event()
        self._background: list[asyncio.Task[None]] = []
        self._jobs = JobSchedule(application, lambda: self._acting)
        self._poll_timeout: timedelta | None = None
        """How long one getUpdates waits (default: `long_poll_timeout`)."""

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        figures_api: FiguresSource | None = None,
        channel: ObservingSource | None = None,
    ) -> Runtime:
        """Builds everything long-lived; nothing runs yet. On SQLite, refuses a second process
        on the same file (`AlreadyRunning`) before touching it. `clock`, `figures_api` and
        `channel` replace the system clock, the figures API's client and the channel's reader
        (tests)."""
        if settings.bot_token is None:
            raise ValueError("BOT_TOKEN is required to run the bot")
        sole = SoleProcess(settings.sqlite_path) if _is_sqlite(settings) else None
        if sole is not None:
            sole.acquire()
        metrics = Metrics()
        try:
            services = await Services.open(
                settings, clock, metrics, figures_api=figures_api, channel=channel
            )
        except BaseException:
            if sole is not None:
                sole.release()
            raise
        worker_box: list[OutboxWorker] = []
        leadership: Leadership
        if sole is not None:
            leadership = sole
        else:
            from bot.runtime.postgres import PostgresLeadership  # asyncpg: PostgreSQL only

            leadership = PostgresLeadership(
                settings.database_url,
                on_notice=lambda payload: _notified(services, worker_box[0], payload),
                on_connect=lambda: _reconnected(services, worker_box[0]),
            )
        delivery = DeliverySettings.from_settings(settings)
        sender = TelegramSender.create(
            settings.bot_token.get_secret_value(),
            settings.bot_api_url,
            pool_size=delivery.connection_pool,
            timeout=delivery.request_timeout,
        )
        composer = FiguresComposer(services.figures, buttons=post_buttons)
        # The update loop's watch: only a process that may read getUpdates has one, and it
        # counts only while this replica does (standing by, it reads nothing).
        updates = UpdatesWatch(listening=False) if settings.webhook_url is None else None
        application = build_application(settings, services, metrics, updates)
        active_since: list[float | None] = [None]
        ops = None
        if settings.health_port is not None:
            ops = operations.ops_server(
                application, settings, metrics, updates, lambda: active_since[0]
            )
        worker = OutboxWorker(
            services.database,
            sender,
            composer,
            delivery,
            clock=services.clock,
            guard=leadership.assure,
        )
        worker_box.append(worker)
        services.outbox_bell.listen(worker.wake)
        admins = AdminNotifier(
            application.bot, services.chats, settings.bot_admins, settings.bot_timezone
        )
        services.polling.tell_admins = admins
        services.polling.tell_admins_of_poll = admins.poll_news
        return cls(
            settings, services, leadership, sender, worker, application, ops, updates, active_since
        )

    @classmethod
    @asynccontextmanager
    async def running(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        figures_api: FiguresSource | None = None,
        channel: ObservingSource | None = None,
        poll_timeout: timedelta | None = None,
    ) -> AsyncIterator[Runtime]:
        """The runtime opened and started for the block, then stopped and closed."""
        runtime = await cls.open(settings, clock=clock, figures_api=figures_api, channel=channel)
        try:
            await runtime.start(poll_timeout=poll_timeout)
            try:
                yield runtime
            finally:
                await runtime.stop()
        finally:
            await runtime.close()

    @property
    def active(self) -> bool:
        """Whether this process acts as the active replica now."""
        return self._acting

    @property
    def exit_status(self) -> int:
        """0, or 1 when the process stopped itself (its update loop was found deaf)."""
        return self.application.bot_data.exit_status

    async def start(self, *, poll_timeout: timedelta | None = None) -> None:
        """Starts the Application and the schedule, and campaigns to be the active replica."""
        self._poll_timeout = poll_timeout
        application = self.application
        await application.initialize()
        await self.sender.start()
        await set_command_menus(application.bot)
        if self._ops is not None:
            await self._ops.start()
        await application.start()
        for task in self.services.tasks():
            self._jobs.add(task)
        if self._updates is not None:
            job_queue = application.job_queue
            assert job_queue is not None
            job_queue.run_repeating(
                listening.watch_updates_job,
                interval=listening.WATCH_INTERVAL,
                first=listening.WATCH_INTERVAL,
                name=listening.WATCH_JOB,
                data=self._updates,
            )
        if (await self.services.figures.figures()).history:
            freeze_long_lived_objects()
        webhook = self.settings.webhook_url
        if webhook is not None and application.updater is not None:
            assert self.settings.webhook_secret is not None  # the settings insist on one
            log.info("webhook on %s:%d", self.settings.webhook_listen, self.settings.webhook_port)
            await application.updater.start_webhook(
                listen=self.settings.webhook_listen,
                port=self.settings.webhook_port,
                url_path=webhook_path(webhook),
                webhook_url=webhook,
                secret_token=self.settings.webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
        self._background = [
            application.create_task(self._apply_roles(), name="roles"),
            application.create_task(
                self.leadership.run(self._changed, self._stop_leading), name="leadership"
            ),
        ]

    async def stop(self) -> None:
        """Stops acting (the requests on the wire finish and are marked, claims are given back),
        then gives up the leadership and stops the Application."""
        self._wanted = False
        async with self._roles:
            await self._stand_by()
        self._stop_leading.set()
        self._role_change.set()
        await asyncio.gather(*self._background, return_exceptions=True)
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        if self._ops is not None:
            await self._ops.stop()

    async def close(self) -> None:
        await self.application.shutdown()
        await self.sender.stop()
        await self.services.close()
        self.leadership.release()

    # --- the active replica's roles -------------------------------------------------------------

    async def _changed(self, active: bool) -> None:
        """Told by the leadership; applied by `_apply_roles`, so that the leadership's heartbeat
        never waits for a role to start or stop."""
        self._wanted = active
        self._role_change.set()

    async def _apply_roles(self) -> None:
        while not self._stop_leading.is_set():
            await self._role_change.wait()
            self._role_change.clear()
            if self._stop_leading.is_set():
                return
            try:
                async with self._roles:
                    if self._wanted and not self._acting:
                        await self._act()
                    elif not self._wanted and self._acting:
                        await self._stand_by()
            except Exception:
                log.exception("could not take up or leave the active roles; trying again")
                async with self._roles:
                    await self._stand_by()
                await asyncio.sleep(ROLES_RETRY)
                self._role_change.set()

    async def _act(self) -> None:
        polling = self.settings.webhook_url is None
        log.info("active: polling the figures, sending%s", ", reading updates" if polling else "")
        self._acting = True
        self._active_since[0] = time.monotonic()
        if self.leadership.sole:
            await self.worker.release_stale_claims()
        self._stop_sending = asyncio.Event()
        self._sending = self.application.create_task(
            self.worker.run(self._stop_sending), name=OUTBOX_TASK
        )
        self._jobs.now(CATCH_UP_JOB, self._catch_up)
        updater = self.application.updater
        if polling and updater is not None and not updater.running:
            log.info("reading updates (long polling) from %s", self.settings.bot_api_url)
            if self._updates is not None:
                self._updates.start_listening()
            await updater.start_polling(
                timeout=self._poll_timeout or long_poll_timeout(self.settings),
                allowed_updates=ALLOWED_UPDATES,
            )

    async def _stand_by(self) -> None:
        if not self._acting:
            return
        self._acting = False
        self._active_since[0] = None
        log.info("standing by: not polling, sending or reading updates")
        if self._updates is not None:
            self._updates.stop_listening()
        updater = self.application.updater
        if self.settings.webhook_url is None and updater is not None and updater.running:
            await updater.stop()
        self._stop_sending.set()
        sending, self._sending = self._sending, None
        if sending is not None:
            done, _ = await asyncio.wait([sending], timeout=STOP_SENDING_TIMEOUT)
            if not done:
                sending.cancel()
                with suppress(asyncio.CancelledError):
                    await sending

    async def _catch_up(self) -> None:
        await self.services.polling.first_backfill()
        freeze_long_lived_objects()
        await self.services.digests.plan_due()


def _notified(services: Services, worker: OutboxWorker, payload: str) -> None:
    """What another replica (or this one) told through PostgreSQL NOTIFY."""
    change, _, argument = payload.partition(":")
    if change == Change.FIGURES and argument != THIS_PROCESS:
        services.figures.invalidate()
    elif change == Change.OUTBOX:
        worker.wake()
    elif change == Change.CHAT and argument.lstrip("-").isdigit():
        services.chats.forget(int(argument))


def _reconnected(services: Services, worker: OutboxWorker) -> None:
    """Notifications may have been missed while the connection was down: forget it all."""
    services.figures.invalidate()
    services.chats.forget()
    worker.wake()


def _is_sqlite(settings: Settings) -> bool:
    return settings.database_url.startswith("sqlite")


def freeze_long_lived_objects() -> None:
    """Hides what lives as long as the process (modules, catalogs, the history in memory) from
    the garbage collector.

    Its full collections otherwise walk all of them, pausing every reply for some 80 ms every few
    seconds under load (bench/commands.py: p99 ~50 ms before, ~4 ms after). Frozen objects are
    still freed when their last reference goes, as a replaced history is.
    """
    gc.collect()
    gc.freeze()
