"""One post of the channel, read as a whole losses report or one part of a split one.

A losses post opens (within its first two lines) with the header; its figure lines follow. The
second part of a split report (`(2/2)`) has no header: it is a part when it carries the marker
and at least one known figure line. Every other post is `NotALossesPost`, including those that
mention losses further down or list the week's figures without the header.

A known category whose figures cannot be read refuses the whole post (never half a report). A
line whose label is unknown is kept as an unknown category when it has the shape of a figure line
and stands in the run of figure lines (so a footer with a phone number is not a category).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.post_header import HeaderDate, find_header, header_date
from bot.domain.post_lines import Figures, normalise, read_figures, split_line, split_marker
from bot.domain.post_refusals import NoFigures, NotALossesPost, Refusal, UnreadableLine
from bot.domain.post_words import name_of

HEADER_WITHIN = 2
"""The header is one of the post's first non-empty lines (after an emoji line, say)."""
MAX_PARTS = 9


@dataclass(frozen=True, slots=True)
class ChannelPost:
    """One post of the channel as its public page shows it."""

    id: int
    published: datetime
    """When it was posted (aware; the page gives UTC)."""
    text: str
    """Its text (or a photo's caption), lines separated by `\\n`, emoji as characters."""
    edited: bool = False
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A figure line: the words of its label, the key they name, and its figures."""

    words: str
    key: str
    known: bool
    part: str | None
    figures: Figures


@dataclass(frozen=True, slots=True)
class PostPart:
    """What one losses post says: a whole report (`parts == 1`) or part `part` of `parts`."""

    post: ChannelPost
    header: HeaderDate | None
    """The header's date; None for a later part of a split report."""
    lines: tuple[Line, ...]
    part: int = 1
    parts: int = 1


def read_post(post: ChannelPost) -> PostPart | Refusal:
    """The post as a losses report (or part of one), or why it is not one."""
    lines: list[str] = []
    marker: tuple[int, int] | None = None
    for raw in normalise(post.text).split("\n"):
        line, found = split_marker(raw)
        if found is not None and marker is None and 1 <= found[0] <= found[1] <= MAX_PARTS:
            marker = found
        lines.append(line.strip())
    part, parts = marker or (1, 1)
    opening = [index for index, line in enumerate(lines) if line][:HEADER_WITHIN]
    headers = [(index, written) for index in opening if (written := find_header(lines[index]))]
    if not headers:
        if part == 1:
            return NotALossesPost()
        read = _figure_lines(lines)
        if isinstance(read, UnreadableLine):
            return read
        if not any(line.known for line in read):
            return NotALossesPost()
        return PostPart(post, None, read, part, parts)
    header_at, written = headers[0]
    dated = header_date(written, post.published)
    if isinstance(dated, Refusal):
        return dated
    read = _figure_lines(lines[header_at + 1 :])
    if isinstance(read, UnreadableLine):
        return read
    if not read:
        return NoFigures()
    return PostPart(post, dated, read, part, parts)


def _figure_lines(lines: list[str]) -> tuple[Line, ...] | UnreadableLine:
    read: list[Line] = []
    after_figure = False
    for line in lines:
        split = split_line(line)
        if split is None:
            after_figure = False
            continue
        label, rest = split
        naming, figures = name_of(label), read_figures(rest)
        if naming.known and figures is None:
            return UnreadableLine(line)
        if figures is None or not (naming.known or after_figure):
            after_figure = False
            continue
        read.append(Line(label, naming.key, naming.known, naming.part, figures))
        after_figure = True
    return tuple(read)
