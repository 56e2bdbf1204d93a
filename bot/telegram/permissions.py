"""Who may change a chat's subscription and settings: anyone in private, admins elsewhere.

In groups, supergroups and channels the person who sent the command or pressed the button must
be the chat's creator or an administrator, as getChatMember says. A message sent on behalf of the
chat itself counts as an admin's: an anonymous group admin writes as the group, and a channel's
posts come from its admins.

Approvals are remembered for a minute, so that an admin going through the settings keyboard
costs one getChatMember, not one per press. Refusals are not remembered: a member who has just
been promoted is let in at once. An admin who has just been demoted keeps the right for at most
that minute, which changes nothing they could not have changed a minute earlier.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from weakref import WeakKeyDictionary

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.telegram.context import BotContext

APPROVAL_SECONDS = 60.0
ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


class AdminCheck:
    """getChatMember with approvals remembered for `ttl` seconds."""

    def __init__(
        self, ttl: float = APPROVAL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._approved_until: dict[tuple[int, int], float] = {}

    async def is_admin(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        key = (chat_id, user_id)
        now = self._clock()
        if self._approved_until.get(key, 0.0) > now:
            return True
        member = await bot.get_chat_member(chat_id, user_id)
        if member.status not in ADMIN_STATUSES:
            self._approved_until.pop(key, None)
            return False
        if len(self._approved_until) > 10_000:  # keep the memory of a busy bot bounded
            self._approved_until = {k: t for k, t in self._approved_until.items() if t > now}
        self._approved_until[key] = now + self._ttl
        return True


# One AdminCheck per Application (tests run several, one after another, with the same chat ids).
_checks: WeakKeyDictionary[object, AdminCheck] = WeakKeyDictionary()


def _admin_check(context: BotContext) -> AdminCheck:
    check = _checks.get(context.application)
    if check is None:
        check = _checks[context.application] = AdminCheck()
    return check


def _sent_as_the_chat(update: Update) -> bool:
    """A message posted on behalf of its own chat: a channel post or an anonymous group admin."""
    message = update.message or update.channel_post
    if message is None or message.sender_chat is None:
        return False
    return message.sender_chat.id == message.chat.id


async def may_manage_chat(context: BotContext, chat_id: int, user_id: int) -> bool:
    """Whether `user_id` administers `chat_id` (a channel's settings changed elsewhere)."""
    return await _admin_check(context).is_admin(context.bot, chat_id, user_id)


async def may_manage(update: Update, context: BotContext) -> bool:
    """Whether the sender of `update` may change the chat's subscription and settings."""
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE or _sent_as_the_chat(update):
        return True
    user = update.effective_user
    if user is None:
        return False
    return await _admin_check(context).is_admin(context.bot, chat.id, user.id)
