"""Typed errors of the figures source: what went wrong, as data rather than prose."""

from __future__ import annotations


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
