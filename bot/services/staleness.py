"""The staleness warning: when the day's report is late, the admins hear it once, and once more
when a report arrives.

`StalenessWatch.check(now, latest)` is asked after every poll and once a day at STALE_AFTER with
the clock's moment and the newest stored report date. It answers `Stale` when it is past
`stale_after` (in BOT_TIMEZONE), no report dated today (local) is stored and the admins have not
been told yet today; `Recovered` at the first check that finds a report newer than the one stored
when they were told (whatever the day: a report that comes the next morning ends the warning
too); otherwise None. It decides only: the caller words and sends the notice.

What the watch remembers lives in the store (`check_staleness`, one transaction per check), so a
restart, or another replica taking over, neither warns twice in a day nor forgets a recovery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from bot.store.database import Database
from bot.store.state import StateRepository

STATE_KEY = "staleness"


@dataclass(frozen=True, slots=True)
class Stale:
    """No report dated `day` (local) by STALE_AFTER; the newest stored one is `latest`."""

    day: date
    latest: date | None


@dataclass(frozen=True, slots=True)
class Recovered:
    """A report (`latest`) arrived after a warning; the newest one then was `before`."""

    latest: date
    before: date | None


Notice = Stale | Recovered


class StalenessWatch:
    """Remembers whether, and when, the admins were told that the report is late."""

    def __init__(
        self, timezone: tzinfo, stale_after: time, state: dict[str, Any] | None = None
    ) -> None:
        self._timezone = timezone
        self._stale_after = stale_after
        state = state or {}
        self._warned_on: date | None = _day(state.get("warned_on"))
        """The local day of the last warning: one warning a day at most."""
        self._outstanding: bool = bool(state.get("outstanding", False))
        """A warning was given and no report has come since."""
        self._latest_when_warned: date | None = _day(state.get("latest_when_warned"))

    @property
    def state(self) -> dict[str, Any]:
        """What the watch remembers, as JSON (`StalenessWatch(…, state)` takes it back)."""
        return {
            "warned_on": _iso(self._warned_on),
            "outstanding": self._outstanding,
            "latest_when_warned": _iso(self._latest_when_warned),
        }

    @property
    def outstanding(self) -> bool:
        """Whether the admins were told the report is late and no report has come since."""
        return self._outstanding

    def check(self, now: datetime, latest: date | None) -> Notice | None:
        """What the admins should be told now, if anything; see the module's docstring."""
        before = self._latest_when_warned
        if self._outstanding and latest is not None and (before is None or latest > before):
            self._outstanding = False
            return Recovered(latest, before)
        local = now.astimezone(self._timezone)
        today = local.date()
        if local.time() < self._stale_after or self._warned_on == today:
            return None
        if latest is not None and latest >= today:
            return None
        self._warned_on, self._outstanding, self._latest_when_warned = today, True, latest
        return Stale(today, latest)


async def check_staleness(
    database: Database, timezone: tzinfo, stale_after: time, now: datetime, latest: date | None
) -> Notice | None:
    """`StalenessWatch.check` with what the watch remembers read from the store and written
    back, in one transaction."""
    async with database.transaction() as session:
        states = StateRepository(session)
        watch = StalenessWatch(timezone, stale_after, await states.get(STATE_KEY))
        before = watch.state
        notice = watch.check(now, latest)
        if watch.state != before:
            await states.put(STATE_KEY, watch.state)
    return notice


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
