"""Why a channel post is not (or not yet) a report: typed refusals that carry data, not prose.

The parser returns one of these instead of a report whenever it cannot be sure of every figure;
nothing of a refused post is ever used. Renderers (the admins' alert) and logs word them from
their fields; `describe` gives the one-line form the logs use.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Refusal:
    """A post, or a report read from one, that must not be used; the subclass says why (and its
    `code`, as the store keeps it)."""

    code = "post"


@dataclass(frozen=True, slots=True)
class NotALossesPost(Refusal):
    """Another post of the channel: it does not open with the daily losses header."""

    code = "not-losses-post"


@dataclass(frozen=True, slots=True)
class NoFigures(Refusal):
    """The post opens with the losses header but carries no figure line."""

    code = "no-figures"


@dataclass(frozen=True, slots=True)
class HeaderDateMismatch(Refusal):
    """The header's date (`written`, as typed) is not the day the post appeared in Kyiv
    (`posted_on`), and no single mistyped field explains the difference."""

    written: str
    posted_on: date
    code = "header-date"


@dataclass(frozen=True, slots=True)
class UnreadableLine(Refusal):
    """A line names a category but its figures cannot be read (e.g. `1 31 180`)."""

    line: str
    code = "unreadable-line"


@dataclass(frozen=True, slots=True)
class RepeatedCategory(Refusal):
    """Two lines give figures for the same category."""

    key: str
    code = "repeated-category"


@dataclass(frozen=True, slots=True)
class PartMissing(Refusal):
    """A report split over `parts` posts, of which `missing` (1-based) were not found."""

    missing: tuple[int, ...]
    parts: int
    code = "part-missing"


@dataclass(frozen=True, slots=True)
class MergedPartMissing(Refusal):
    """Only one of the two lines later merged into `key` (vehicles, fuel tanks) was found."""

    key: str
    missing: str
    code = "merged-part-missing"


@dataclass(frozen=True, slots=True)
class PersonnelMissing(Refusal):
    """The report has no personnel figure."""

    code = "personnel-missing"


@dataclass(frozen=True, slots=True)
class CategoryMissing(Refusal):
    """`key` was in the report of `previous` but is not in this one (a line lost)."""

    key: str
    previous: date
    code = "category-missing"


@dataclass(frozen=True, slots=True)
class ChangeMissing(Refusal):
    """`key` is reported without its published change, though it was reported before."""

    key: str
    code = "change-missing"


@dataclass(frozen=True, slots=True)
class RecountTooLarge(Refusal):
    """`key`'s total is not the previous total plus the published change (`expected`), by more
    than a correction explains: a lost or wrong digit."""

    key: str
    total: int
    expected: int
    code = "recount-too-large"


@dataclass(frozen=True, slots=True)
class TotalFell(Refusal):
    """`key`'s total fell from `previous_total` by more than a correction explains."""

    key: str
    total: int
    previous_total: int
    code = "total-fell"


@dataclass(frozen=True, slots=True)
class StaleFigures(Refusal):
    """Every total is the previous report's, yet changes are published: yesterday's figures
    under today's header."""

    previous: date
    code = "stale-figures"


@dataclass(frozen=True, slots=True)
class TooManyRecounts(Refusal):
    """More categories disagree with the previous report than any correction day has."""

    keys: tuple[str, ...]
    code = "too-many-recounts"


def describe(refusal: Refusal) -> str:
    """`RecountTooLarge(key=tanks, total=984, expected=9584)`: for log lines, not for users."""

    fields = ", ".join(
        f"{field.name}={getattr(refusal, field.name)}" for field in dataclasses.fields(refusal)
    )
    return f"{type(refusal).__name__}({fields})"
