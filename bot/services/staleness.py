"""The staleness warning: when the day's report is late, the admins hear it once, and once more
when a report arrives.

`StalenessWatch.check(now, latest)` is asked after every poll and once a day at STALE_AFTER with
the clock's moment and the newest stored report date. It answers `Stale` when it is past
`stale_after` (in BOT_TIMEZONE), no report dated today (local) is stored and the admins have not
been told yet today; `Recovered` at the first check that finds a report newer than the one stored
when they were told (whatever the day: a report that comes the next morning ends the warning
too); otherwise None. It decides only: the caller words and sends the notice.

The watch lives in memory: a restart forgets it, so a restart after the warning may warn once
more that day, and a report that arrives after such a restart is not announced as a recovery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo


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

    def __init__(self, timezone: tzinfo, stale_after: time) -> None:
        self._timezone = timezone
        self._stale_after = stale_after
        self._warned_on: date | None = None
        """The local day of the last warning: one warning a day at most."""
        self._outstanding = False
        """A warning was given and no report has come since."""
        self._latest_when_warned: date | None = None

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
