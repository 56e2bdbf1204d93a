"""The daily losses reports among a run of channel posts: each read whole, or refused.

`read_reports(posts)` reads every post, passes over the channel's other posts, joins the parts of
a split report (`(1/2)`, `(2/2)`: consecutive losses posts within `SPLIT_WITHIN` of the first)
and builds one report per losses post. Half a split report is refused, never half a report.

A report is keyed by the API's category keys; the two lines of vehicles and fuel tanks before
2022-05-01 are summed into `vehicles_fuel_tanks`, as the API does. In 2022 a line without `(+N)`
meant no change that day (0); from 2023 every line has its `(+N)` and one without gets no
published change (the check against the previous report decides whether that is acceptable).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.post_header import HeaderDate
from bot.domain.post_parser import ChannelPost, PostPart, read_post
from bot.domain.post_refusals import (
    MergedPartMissing,
    NotALossesPost,
    PartMissing,
    Refusal,
    RepeatedCategory,
)
from bot.domain.post_words import FUEL_TANK, MILITARY_AUTO
from bot.domain.reports import Report

SPLIT_WITHIN = timedelta(hours=2)
NO_CHANGE_WRITTEN_UNTIL = date(2023, 1, 1)
"""Before this date a line without `(+N)` meant a change of 0."""


@dataclass(frozen=True, slots=True)
class PostReading:
    """A report read from one losses post, or from the parts of a split one."""

    report: Report
    posts: tuple[ChannelPost, ...]
    header: HeaderDate
    unknown: tuple[str, ...] = ()
    """Keys of the categories the vocabulary does not know (their own words)."""

    @property
    def revision(self) -> bool:
        """The channel shows the post as edited after publication."""
        return any(post.edited for post in self.posts)


@dataclass(frozen=True, slots=True)
class PostRefused:
    """A losses post (or part of one) that could not be read; its raw posts are kept."""

    refusal: Refusal
    posts: tuple[ChannelPost, ...]


Reading = PostReading | PostRefused


def read_reports(posts: Iterable[ChannelPost]) -> list[Reading]:
    """The losses posts among `posts`, read or refused, ascending by post id."""
    read: list[PostPart | PostRefused] = []
    for post in sorted(posts, key=lambda post: post.id):
        outcome = read_post(post)
        if isinstance(outcome, PostPart):
            read.append(outcome)
        elif not isinstance(outcome, NotALossesPost):
            read.append(PostRefused(outcome, (post,)))
    readings: list[Reading] = []
    index = 0
    while index < len(read):
        item = read[index]
        if isinstance(item, PostRefused):
            readings.append(item)
            index += 1
            continue
        group = _split_group(read, index)
        readings.append(_assemble(group))
        index += len(group)
    return readings


def _split_group(read: Sequence[PostPart | PostRefused], start: int) -> list[PostPart]:
    first = read[start]
    assert isinstance(first, PostPart)
    group = [first]
    if first.parts == 1 or first.part != 1:
        return group
    for item in read[start + 1 :]:
        if not (
            isinstance(item, PostPart)
            and item.parts == first.parts
            and item.part == group[-1].part + 1
            and item.post.published - first.post.published <= SPLIT_WITHIN
        ):
            break
        group.append(item)
    return group


def _assemble(group: Sequence[PostPart]) -> Reading:
    posts = tuple(part.post for part in group)
    parts = group[0].parts
    found = {part.part for part in group}
    header = group[0].header
    if len(found) < parts or header is None:
        missing = tuple(number for number in range(1, parts + 1) if number not in found)
        return PostRefused(PartMissing(missing, parts), posts)
    zero_if_unwritten = header.report_date < NO_CHANGE_WRITTEN_UNTIL
    totals: dict[str, int] = {}
    changes: dict[str, int] = {}
    merged: dict[str, dict[str, tuple[int, int]]] = {}
    for line in (line for part in group for line in part.lines):
        change = line.figures.change
        if change is None and zero_if_unwritten:
            change = 0
        if line.part is not None:
            pieces = merged.setdefault(line.key, {})
            if line.part in pieces:
                return PostRefused(RepeatedCategory(line.key), posts)
            pieces[line.part] = (line.figures.total, change or 0)
            continue
        if line.key in totals:
            return PostRefused(RepeatedCategory(line.key), posts)
        totals[line.key] = line.figures.total
        if change is not None:
            changes[line.key] = change
    for key, pieces in merged.items():
        if key in totals:
            return PostRefused(RepeatedCategory(key), posts)
        absent = [part for part in (MILITARY_AUTO, FUEL_TANK) if part not in pieces]
        if absent:
            return PostRefused(MergedPartMissing(key, absent[0]), posts)
        totals[key] = sum(total for total, _ in pieces.values())
        changes[key] = sum(change for _, change in pieces.values())
    unknown = tuple(line.key for part in group for line in part.lines if not line.known)
    report = Report(header.report_date, totals, changes, source_url=posts[0].url)
    return PostReading(report, posts, header, unknown)
