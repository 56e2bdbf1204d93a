"""The losses post's header and its date, checked against the post's own time in Kyiv.

`Загальні бойові #втрати противника з 24.02 по 21.08 орієнтовно склали:` (2022, no year) or
`Загальні бойові втрати противника з 24.02.22 по 20.12.24 орієнтовно склали:` (from 2023; a
four-digit year is read too). A report dated D is published on the morning of D, so the header's
date must be the day the post appeared in Kyiv. It is not always: at a month or year boundary the
General Staff has typed the old month or year (`по 01.08` on 1 September). The rule:

- the header's date is the post's Kyiv day: accepted;
- it is the day before and the post appeared before 06:00 Kyiv: a late report, accepted;
- it differs from the post's Kyiv day in exactly one field (day, month or year): a typo, mended
  to the post's day, and the reading says so;
- anything else is refused. The header is never trusted blindly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.post_refusals import HeaderDateMismatch

KYIV = ZoneInfo("Europe/Kyiv")
LATE_UNTIL = time(6, 0)
"""A post before this hour (Kyiv) may still carry the previous day's report."""

_HEADER = re.compile(
    r"#?втрати\s+противника\s+(?:з|від)\s+24\.02(?:\.(?:20)?22)?\s+(?:по|до)\s+"
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}|\d{2}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """The report date a header stands for; `mended` when it differs from what was typed."""

    report_date: date
    written: str
    mended: bool = False


@dataclass(frozen=True, slots=True)
class WrittenDate:
    day: int
    month: int
    year: int | None
    text: str


def find_header(line: str) -> WrittenDate | None:
    """The date written in a losses header line, or None if the line is not one."""
    found = _HEADER.search(line)
    if found is None:
        return None
    year = found["year"]
    full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    text = found.group(0)[found.start("day") - found.start() :]
    return WrittenDate(int(found["day"]), int(found["month"]), full_year, text)


def header_date(written: WrittenDate, published: datetime) -> HeaderDate | HeaderDateMismatch:
    """The report date of a header written in a post published at `published` (aware)."""
    local = published.astimezone(KYIV)
    posted_on = local.date()
    typed = _as_date(written, posted_on)
    if typed == posted_on:
        return HeaderDate(typed, written.text)
    if typed == posted_on - timedelta(days=1) and local.time() < LATE_UNTIL:
        return HeaderDate(typed, written.text)
    year = posted_on.year if written.year is None else written.year
    typed_fields = (written.day, written.month, year)
    posted_fields = (posted_on.day, posted_on.month, posted_on.year)
    differing = sum(a != b for a, b in zip(typed_fields, posted_fields, strict=True))
    if differing == 1:
        return HeaderDate(posted_on, written.text, mended=True)
    return HeaderDateMismatch(written.text, posted_on)


def _as_date(written: WrittenDate, posted_on: date) -> date | None:
    """The typed date; without a year (2022), the year that puts it nearest the post's day."""
    years = [written.year] if written.year is not None else [posted_on.year, posted_on.year - 1]
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, written.month, written.day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda day: abs((day - posted_on).days))
