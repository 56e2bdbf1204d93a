"""Placeholder: /chart, /week and /month (being written)."""

from bot.telegram.context import BotApplication


def register(application: BotApplication) -> None:
    """Nothing yet."""
