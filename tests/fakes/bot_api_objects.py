"""Telegram objects as the Bot API serialises them: users, chats, chat members, photos.

Each builder returns the exact JSON shape Telegram sends, with the fields python-telegram-bot
requires; users and chats precompute their JSON once because every reply embeds them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, Literal

JsonDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup", "channel"]
MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]


@dataclass(frozen=True, slots=True)
class FakeUser:
    """A Telegram user (or the bot itself when `is_bot`); `json` is its Bot API object."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    json: JsonDict = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username is not None:
            data["username"] = self.username
        if self.language_code is not None:
            data["language_code"] = self.language_code
        object.__setattr__(self, "json", data)


@dataclass(frozen=True, slots=True)
class FakeChat:
    """A chat (a private one has the id of its `user`); `json` is its Bot API object. A forum
    (`is_forum`) is a supergroup with topics (`bot_api_forums`)."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    user: FakeUser | None = None
    is_forum: bool = False
    json: JsonDict = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        data: JsonDict = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.username is not None:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or f"Chat {self.id}"
            if self.username is not None:
                data["username"] = self.username
        if self.is_forum:
            data["is_forum"] = True
        object.__setattr__(self, "json", data)

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")


def bot_user_info(bot: FakeUser) -> JsonDict:
    """What getMe answers: the bot's user with its capabilities."""
    return {
        **bot.json,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def full_chat_info(chat: FakeChat) -> JsonDict:
    """What getChat answers (a ChatFullInfo)."""
    return {
        **chat.json,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
    "can_edit_tag",
)


def chat_member(status: MemberStatus, user: FakeUser, chat_type: ChatType) -> JsonDict:
    """A ChatMember of the given status, shaped as Telegram sends it for that kind of chat."""
    data: JsonDict = {"status": status, "user": user.json}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        data.update(dict.fromkeys(_ADMIN_RIGHTS, True))
        if chat_type == "channel":
            data.update(can_post_messages=True, can_edit_messages=True)
        else:
            data["can_pin_messages"] = True
        if chat_type == "supergroup":
            data["can_manage_topics"] = False
    elif status == "restricted":
        data.update(is_member=True, until_date=0)
        data.update(dict.fromkeys(_RESTRICTED_RIGHTS, False))
    elif status == "kicked":
        data["until_date"] = 0
    return data


def photo_sizes(file_id: str, content: bytes) -> list[JsonDict]:
    """The PhotoSize list of an uploaded photo (one size: the original)."""
    width, height = _image_size(content)
    return [
        {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "width": width,
            "height": height,
        }
    ]


def _image_size(content: bytes) -> tuple[int, int]:
    """Width and height of a PNG; 1x1 for anything else (the fake does not decode images)."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    return 1, 1
