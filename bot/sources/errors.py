"""Typed errors of the figures source: what went wrong, as data rather than prose."""

from __future__ import annotations

from enum import StrEnum


class SourceUnavailable(Exception):
    """Upstream gave no usable answer, even after the retries allowed.

    `reason` names the last failure (e.g. "HTTP 503", "timeout", "invalid record: ...").
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidPayload(Exception):
    """An answer that is not a valid payload (not JSON, wrong message, a record failing checks).

    Upstream answers like this while it is being updated, so the client treats it as "not
    available now" and retries.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnavailableKind(StrEnum):
    """Why the channel's page gave no report, as a kind the bot can count and word."""

    DOWN = "down"
    """No answer: connection refused or reset, or a server error (5xx)."""
    RATE_LIMITED = "rate_limited"
    """429, even after waiting as long as Retry-After asked."""
    SLOW = "slow"
    """No answer within the timeout."""
    BLOCKED = "blocked"
    """No preview: redirected to the channel's card, the card itself, or another 4xx."""
    EMPTY = "empty"
    """A history without posts."""
    CHANGED_SHAPE = "changed_shape"
    """A page the reader does not recognise (t.me changed its markup)."""
    NO_REPORT = "no_report"
    """Pages read, but no daily losses post on them."""
    REFUSED = "refused"
    """The newest losses post could not be read as a report (the refusal says why)."""


class ChannelUnavailable(SourceUnavailable):
    """The channel gave no usable report now; `kind` classifies it, `reason` words it for logs."""

    def __init__(self, kind: UnavailableKind, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
