"""How each figures source is doing, and the admins' warning when one has failed all morning.

After every poll the source's last success, or its last failure and why, is written to the store
(`bot_state`, one key per source), so that `/stats` on any replica and after any restart shows
them. A source has failed all morning when, by STALE_AFTER (in BOT_TIMEZONE), every read of it
since POLL_WINDOW opened that day has failed: the admins hear it once that day, whatever restarts
or takeovers follow (the day of the warning is kept with the rest); the other source carries on
meanwhile. The check runs after each poll and daily at STALE_AFTER.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from bot.domain.precedence import Disagreement
from bot.store.database import Database
from bot.store.disagreements import DisagreementRepository
from bot.store.observations import ObservationRepository
from bot.store.state import StateRepository

OPEN_SHOWN = 5
"""Open disagreements `/stats` names (it counts them all)."""


def state_key(source: str) -> str:
    return f"source:{source}"


@dataclass(frozen=True, slots=True)
class SourceState:
    """What is remembered of a source between polls."""

    last_success: datetime | None = None
    last_failure: datetime | None = None
    failure: str | None = None
    """Why the last failure failed (`SourceUnavailable.reason`)."""
    warned_on: date | None = None
    """The local day the admins were last told the source failed all morning."""

    def as_json(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if isinstance(value, date | datetime) else value
            for name, value in dataclasses.asdict(self).items()
        }

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> SourceState:
        value = value or {}

        def moment(name: str) -> datetime | None:
            raw = value.get(name)
            return datetime.fromisoformat(raw) if isinstance(raw, str) else None

        warned = value.get("warned_on")
        return cls(
            last_success=moment("last_success"),
            last_failure=moment("last_failure"),
            failure=value.get("failure") if isinstance(value.get("failure"), str) else None,
            warned_on=date.fromisoformat(warned) if isinstance(warned, str) else None,
        )

    def polled(self, now: datetime, failure: str | None) -> SourceState:
        """The state after a poll at `now` that failed with `failure` (None: it succeeded)."""
        if failure is None:
            return dataclasses.replace(self, last_success=now)
        return dataclasses.replace(self, last_failure=now, failure=failure)


@dataclass(frozen=True, slots=True)
class FailingAllMorning:
    """Every read of `source` failed from the window's opening until STALE_AFTER."""

    source: str
    reason: str
    last_success: datetime | None


@dataclass(frozen=True, slots=True)
class Morning:
    """When the morning begins (POLL_WINDOW's opening) and ends (STALE_AFTER), locally."""

    timezone: tzinfo
    opens: time
    ends: time

    def failing(
        self, source: str, state: SourceState, now: datetime
    ) -> tuple[SourceState, FailingAllMorning | None]:
        """The warning due now, if any, and the state that remembers it was given."""
        local = now.astimezone(self.timezone)
        today = local.date()
        opened = datetime.combine(today, self.opens, self.timezone)
        if local.time() < self.ends or state.warned_on == today:
            return state, None
        failed = state.last_failure is not None and state.last_failure >= opened
        succeeded = state.last_success is not None and state.last_success >= opened
        if not failed or succeeded:
            return state, None
        notice = FailingAllMorning(source, state.failure or "?", state.last_success)
        return dataclasses.replace(state, warned_on=today), notice


async def record_poll(
    database: Database, morning: Morning, source: str, now: datetime, failure: str | None
) -> FailingAllMorning | None:
    """Writes the poll's outcome; the warning due now, if any (given once a day)."""
    async with database.transaction() as session:
        states = StateRepository(session)
        state = SourceState.from_json(await states.get(state_key(source))).polled(now, failure)
        state, notice = morning.failing(source, state, now)
        await states.put(state_key(source), state.as_json())
    return notice


async def check_sources(
    database: Database, morning: Morning, sources: Sequence[str], now: datetime
) -> list[FailingAllMorning]:
    """Daily at STALE_AFTER: the warnings due for sources that failed all morning."""
    notices = []
    async with database.transaction() as session:
        states = StateRepository(session)
        for source in sources:
            before = SourceState.from_json(await states.get(state_key(source)))
            state, notice = morning.failing(source, before, now)
            if notice is not None:
                await states.put(state_key(source), state.as_json())
                notices.append(notice)
    return notices


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A source at a glance, for `/stats`."""

    source: str
    newest: date | None
    """The newest date it gave a reading of that was not refused."""
    state: SourceState


@dataclass(frozen=True, slots=True)
class SourcesStatus:
    sources: tuple[SourceStatus, ...]
    open_disagreements: int
    newest_open: tuple[Disagreement, ...]


async def read_sources(database: Database, sources: Sequence[str]) -> SourcesStatus:
    """Every source's newest date read, last success and failure, and the open disagreements."""
    async with database.session() as session:
        states, observations = StateRepository(session), ObservationRepository(session)
        found = [
            SourceStatus(
                source,
                await observations.newest_read(source),
                SourceState.from_json(await states.get(state_key(source))),
            )
            for source in sources
        ]
        count, newest = await DisagreementRepository(session).open(OPEN_SHOWN)
    return SourcesStatus(tuple(found), count, tuple(newest))
