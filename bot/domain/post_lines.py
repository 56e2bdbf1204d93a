"""One line of the official post: its label, its total and its published change.

A figure line is `<label> <dash> [words] <total> [(<sign><change>)] [unit][punctuation]`, e.g.
`• особового складу ‒ ліквідовано близько 45200 (+300)`, `танків ‒ 9584 (+8) од,` or
`особового складу – близько 1 311 180 (+1 610) осіб,`. Every dash seen in real posts separates
label and figures (‒ – — −, and - with a space before it, since `оперативно-тактичного` is a
word); thousands may be grouped with a space, U+00A0, U+202F or a thin space, but only in
groups of three, so a grouped number that lost a digit (`1 31 180`) is unreadable, never read
as another number. Regular expressions here run over plain text, never over HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_BULLETS = re.compile(r"^[\s•·▪●◦*‒–—−-]+")
_SEPARATOR = re.compile(r"\s*[‒–—−]\s*|\s+-\s*|(?<=[^\W\d_])-(?=\s*\d)")
_NUMBER = r"\d{1,3}(?: \d{3})+|\d+"
_FIGURES = re.compile(
    rf"^[^\d()]*?(?P<total>{_NUMBER})"
    rf"\s*(?:\(\s*(?P<sign>[+‒–—−-]?)\s*(?P<change>{_NUMBER})\s*\))?"
    r"[^\d()]*$"
)
_MARKER = re.compile(r"\(\s*(\d)\s*/\s*(\d)\s*\)")


@dataclass(frozen=True, slots=True)
class Figures:
    total: int
    change: int | None
    """The published change, or None where the line gives none (`РСЗВ - 266`)."""


def normalise(text: str) -> str:
    """Every kind of space as a plain space, line ends as `\\n`."""
    return text.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")


def split_marker(line: str) -> tuple[str, tuple[int, int] | None]:
    """The line without a split marker `(1/2)`, and the marker's (part, parts) if there was one."""
    found = _MARKER.search(line)
    if found is None:
        return line, None
    part, parts = int(found[1]), int(found[2])
    return (line[: found.start()] + line[found.end() :]).strip(), (part, parts)


def split_line(line: str) -> tuple[str, str] | None:
    """(label, figures part) of a line that has a label before a dash, or None."""
    body = _BULLETS.sub("", line).strip()
    found = _SEPARATOR.search(body)
    if found is None or found.start() == 0:
        return None
    return body[: found.start()].strip(" :,"), body[found.end() :].strip()


def read_figures(text: str) -> Figures | None:
    """The total and published change in the part of a line after its dash, or None."""
    found = _FIGURES.match(text)
    if found is None:
        return None
    total = int(found["total"].replace(" ", ""))
    if found["change"] is None:
        return Figures(total, None)
    change = int(found["change"].replace(" ", ""))
    return Figures(total, -change if found["sign"] not in ("", "+") else change)
