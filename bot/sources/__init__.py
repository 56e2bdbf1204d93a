"""Where the figures come from: the upstream client, its validation, retries and typed errors."""

from bot.sources.client import RussianWarshipClient
from bot.sources.errors import InvalidPayload, SourceUnavailable
from bot.sources.protocol import FiguresSource
from bot.sources.retry import RetryPolicy

__all__ = [
    "FiguresSource",
    "InvalidPayload",
    "RetryPolicy",
    "RussianWarshipClient",
    "SourceUnavailable",
]
