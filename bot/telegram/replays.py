"""An update seen before is not handled twice.

Telegram sends a webhook update again when it got no 200 in time (a slow answer, a proxy's
timeout), and anyone who can reach the webhook could replay one. The last `REMEMBERED` update ids
are kept; an update whose id is among them stops before every handler (and is not counted). One
process remembers its own: with several webhook replicas, a replay that reaches another replica
is not caught here.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.telegram.context import BotApplication, BotContext

log = logging.getLogger(__name__)

REPLAY_GROUP = -3
"""Before everything else, the counting of updates (-2) included."""
REMEMBERED = 10_000
"""Update ids kept: far more than Telegram retries within its delivery window."""


class SeenUpdates:
    """The ids of the last `size` updates, oldest dropped first."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    def first_time(self, update_id: int) -> bool:
        """Whether `update_id` is new (it is remembered from now on)."""
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def register(application: BotApplication, seen: SeenUpdates | None = None) -> None:
    remembered = seen or SeenUpdates()

    async def drop_replays(update: Update, _: BotContext) -> None:
        if not remembered.first_time(update.update_id):
            log.warning("update %s seen before: not handled again", update.update_id)
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, drop_replays), group=REPLAY_GROUP)
