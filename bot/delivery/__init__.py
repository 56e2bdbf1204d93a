"""Delivery: the outbox worker and the rate-limited sender that drain the store's deliveries."""

from bot.delivery.config import DeliverySettings
from bot.delivery.jobs import OutboxStats
from bot.delivery.limits import SendLimits
from bot.delivery.outbox import OutboxWorker
from bot.delivery.sender import MessageSender, TelegramSender

__all__ = [
    "DeliverySettings",
    "MessageSender",
    "OutboxStats",
    "OutboxWorker",
    "SendLimits",
    "TelegramSender",
]
