"""The update loop's watch: when the bot counts as deaf, and that it then stops with status 1."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

import pytest

from bot.telegram.context import BotContext, BotData
from bot.telegram.listening import (
    LOOP_SILENT_LIMIT,
    TOKEN_REFUSED_LIMIT,
    UpdatesWatch,
    deafness,
    watch_updates_job,
)


class ManualClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_loop_that_asks_and_is_answered_is_not_deaf() -> None:
    clock = ManualClock()
    watch = UpdatesWatch(clock)
    clock.now += LOOP_SILENT_LIMIT
    watch.last_asked = watch.last_answered = clock.now

    assert deafness(watch) is None


def test_a_loop_silent_for_too_long_has_ended() -> None:
    clock = ManualClock()
    watch = UpdatesWatch(clock)
    watch.last_asked = clock.now
    clock.now += LOOP_SILENT_LIMIT + 1

    assert deafness(watch) == "the update loop has not asked for updates for 121 s"


def test_a_token_refused_for_a_moment_is_a_glitch_and_for_long_a_revocation() -> None:
    clock = ManualClock()
    watch = UpdatesWatch(clock)
    watch.refused_since = clock.now
    clock.now += 10
    watch.last_asked = clock.now

    assert deafness(watch) is None
    clock.now += TOKEN_REFUSED_LIMIT
    watch.last_asked = clock.now
    assert deafness(watch) == "getUpdates has refused the token for 310 s"


async def test_a_deaf_bot_stops_itself_with_exit_status_1_and_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock()
    watch = UpdatesWatch(clock)
    clock.now += LOOP_SILENT_LIMIT + 1
    stopped: list[bool] = []
    bot_data = BotData()
    bot_data.stop_requested = lambda: stopped.append(True)  # the runtime ends the process
    context = SimpleNamespace(job=SimpleNamespace(data=watch), bot_data=bot_data)

    with caplog.at_level(logging.CRITICAL, logger="bot.telegram.listening"):
        await watch_updates_job(cast(BotContext, context))

    assert (context.bot_data.exit_status, stopped) == (1, [True])
    assert [record.getMessage() for record in caplog.records] == [
        "the update loop has not asked for updates for 121 s: "
        "stopping the bot with exit status 1 to be started again"
    ]


def test_a_replica_that_stands_by_reads_no_updates_and_is_never_deaf() -> None:
    clock = ManualClock()
    watch = UpdatesWatch(clock, listening=False)
    clock.now += 10 * LOOP_SILENT_LIMIT

    standing_by = deafness(watch), watch.unanswered_for()
    watch.start_listening()  # it became the active replica: counted from now
    clock.now += LOOP_SILENT_LIMIT - 1

    assert standing_by == (None, 0.0)
    assert deafness(watch) is None
    clock.now += 2
    assert deafness(watch) == "the update loop has not asked for updates for 121 s"
