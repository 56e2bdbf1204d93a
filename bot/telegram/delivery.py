"""Placeholder: the poll job, the outbox worker and the staleness warning (being written)."""

from bot.settings import Settings
from bot.telegram.context import BotApplication


def register(application: BotApplication, settings: Settings) -> None:
    """Nothing yet."""


async def start(application: BotApplication) -> None:
    """Nothing yet."""


async def stop(application: BotApplication) -> None:
    """Nothing yet."""
