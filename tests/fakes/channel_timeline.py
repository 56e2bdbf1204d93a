"""Every post of the fake channel: ids, times and texts, built from reports, with traps.

Each day of the war owns ten post ids (`FIRST_ID + 10 * days since 2022-02-24`): the report
takes the fourth (and fifth when split), the day's other posts the rest. Texts are written only
for the posts a page shows, so the whole history costs a list of small slots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.reports import Report
from tests.fakes.channel_html import PagePost
from tests.fakes.channel_others import OtherPost, other_posts
from tests.fakes.channel_posts import Wording, losses_post
from tests.support.dataset import equipment_rows

KYIV = ZoneInfo("Europe/Kyiv")
FIRST_ID = 1_000
IDS_PER_DAY = 10
REPORT_OFFSET = 3
WAR_START = date(2022, 2, 24)


@dataclass
class Trap:
    """How one report's post deviates from a clean one (see `losses_post`)."""

    split: bool = False
    half: bool = False
    """Split, and the second part never appears."""
    edited: bool = False
    report: Report | None = None
    """The figures the post shows instead of the report's own (an edit, an unknown line)."""
    written_date: str | None = None
    lost_digit: str | None = None
    lost_change_digit: str | None = None
    missing_line: str | None = None


@dataclass(frozen=True)
class _Slot:
    id: int
    published: datetime
    day: date
    kind: str
    """"report" (`index` is the part), "other" or "added" (`index` in its list)."""
    index: int = 0


@dataclass
class Timeline:
    reports: dict[date, Report]
    others: bool = True
    wording: Wording = field(default_factory=Wording)
    traps: dict[date, Trap] = field(default_factory=dict)
    added: list[PagePost] = field(default_factory=list)
    _slots: list[_Slot] | None = None

    def set_trap(self, day: date, **changes: object) -> None:
        self.traps[day] = replace(self.traps.get(day, Trap()), **changes)  # type: ignore[arg-type]
        self._slots = None

    def add(self, text: str | None, published: datetime, photo: bool) -> int:
        """Another post, newer than every post of the history (its id comes after theirs)."""
        post_id = max((post.id for post in self.added), default=10**7) + 1
        self.added.append(PagePost(post_id, published, text, photo))
        self._slots = None
        return post_id

    def slots(self) -> list[_Slot]:
        if self._slots is None:
            slots = [slot for day in sorted(self.reports) for slot in self._day_slots(day)]
            slots += [
                _Slot(post.id, post.published, post.published.date(), "added", index)
                for index, post in enumerate(self.added)
            ]
            self._slots = sorted(slots, key=lambda slot: slot.id)
        return self._slots

    def visible(self, until: datetime | None) -> list[_Slot]:
        return [slot for slot in self.slots() if until is None or slot.published <= until]

    def report_slot(self, day: date) -> _Slot:
        return next(slot for slot in self._day_slots(day) if slot.kind == "report")

    def post(self, slot: _Slot) -> PagePost:
        if slot.kind == "added":
            return self.added[slot.index]
        if slot.kind == "other":
            other = self._others(slot.day)[slot.index]
            return PagePost(slot.id, slot.published, other.text, other.photo)
        trap = self.traps.get(slot.day, Trap())
        report = trap.report or self.reports[slot.day]
        rows = equipment_rows()
        texts = losses_post(
            report,
            self.wording,
            row=rows.get(slot.day),
            previous_row=rows.get(slot.day - timedelta(days=1)),
            split=trap.split,
            written_date=trap.written_date,
            lost_digit=trap.lost_digit,
            lost_change_digit=trap.lost_change_digit,
            missing_line=trap.missing_line,
        )
        return PagePost(
            slot.id, slot.published, texts[slot.index], photo=slot.index == 0, edited=trap.edited
        )

    def _day_slots(self, day: date) -> Iterable[_Slot]:
        base = FIRST_ID + IDS_PER_DAY * (day - WAR_START).days
        trap = self.traps.get(day, Trap())
        published = _report_time(day)
        yield _Slot(base + REPORT_OFFSET, published, day, "report")
        if trap.split and not trap.half:
            second = published + timedelta(minutes=2)
            yield _Slot(base + REPORT_OFFSET + 1, second, day, "report", 1)
        for index, other in enumerate(self._others(day)):
            at = datetime.combine(day, other.at, KYIV).astimezone(published.tzinfo)
            yield _Slot(base + other.offset, at, day, "other", index)

    def _others(self, day: date) -> list[OtherPost]:
        if not self.others:
            return []
        return other_posts(day, self.reports[day].totals.get("personnel_units", 0))


def _report_time(day: date) -> datetime:
    """The report's morning in Kyiv: 07:20-07:59, and 11:40 on one day in seventeen (late)."""
    ordinal = day.toordinal()
    local = time(11, 40) if ordinal % 17 == 0 else time(7, 20 + ordinal % 40)
    return datetime.combine(day, local, KYIV).astimezone(ZoneInfo("UTC"))
