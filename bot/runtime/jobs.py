"""The services' schedule on python-telegram-bot's JobQueue (APScheduler underneath).

Each `ScheduledTask` becomes a named job, so that its errors reach the error handler; a task for
the active replica only does nothing while this process stands by (`acting` says which).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.services.schedule import DailyAt, Every, ScheduledTask
from bot.telegram.context import BotApplication, BotContext

Run = Callable[[], Awaitable[object]]
Job = Callable[[BotContext], Coroutine[Any, Any, None]]


class JobSchedule:
    def __init__(self, application: BotApplication, acting: Callable[[], bool]) -> None:
        job_queue = application.job_queue
        if job_queue is None:
            raise RuntimeError("the job queue is needed (python-telegram-bot[job-queue])")
        self._jobs = job_queue
        self._acting = acting

    def add(self, task: ScheduledTask) -> None:
        callback = self._job(task.run, task.active_only)
        match task.when:
            case Every(seconds, first):
                start = seconds if first is None else first
                self._jobs.run_repeating(callback, interval=seconds, first=start, name=task.name)
            case DailyAt(at):
                self._jobs.run_daily(callback, time=at, name=task.name)

    def now(self, name: str, run: Run, *, active_only: bool = True) -> None:
        """Runs `run` once, as a job, at once."""
        self._jobs.run_once(self._job(run, active_only), when=0, name=name)

    def _job(self, run: Run, active_only: bool) -> Job:
        async def job(_: BotContext) -> None:
            if active_only and not self._acting():
                return
            await run()

        return job
