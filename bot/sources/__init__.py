"""Where the figures come from: the API client, the channel reader, their retries, typed errors."""

from bot.sources.channel import ChannelReader
from bot.sources.client import RussianWarshipClient
from bot.sources.errors import (
    ChannelUnavailable,
    InvalidPayload,
    SourceUnavailable,
    UnavailableKind,
)
from bot.sources.protocol import FiguresSource, Observation, ObservingSource
from bot.sources.retry import RetryPolicy

__all__ = [
    "ChannelReader",
    "ChannelUnavailable",
    "FiguresSource",
    "InvalidPayload",
    "Observation",
    "ObservingSource",
    "RetryPolicy",
    "RussianWarshipClient",
    "SourceUnavailable",
    "UnavailableKind",
]
