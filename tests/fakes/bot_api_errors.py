"""Telegram's error replies, word for word, with their HTTP status and `parameters`.

A method handler raises `ApiError`; the server turns it into Telegram's error body
`{"ok": false, "error_code": N, "description": "...", "parameters": {...}}`. The body is encoded
once per error, so a chat in a failure mode costs nothing per request.
"""

from __future__ import annotations

import json
from typing import Any

from tests.fakes.bot_api_objects import ChatType


class ApiError(Exception):
    """An error reply of the Bot API."""

    def __init__(self, status: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters
        payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            payload["parameters"] = parameters
        self.body = json.dumps(payload, separators=(",", ":")).encode()


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def chat_not_found() -> ApiError:
    return bad_request("chat not found")


def blocked_by_user() -> ApiError:
    return ApiError(403, "Forbidden: bot was blocked by the user")


def kicked_from(chat_type: ChatType) -> ApiError:
    """The 403 for a chat the bot was removed from (a private chat means the user blocked it)."""
    if chat_type == "private":
        return blocked_by_user()
    if chat_type == "channel":
        return ApiError(403, "Forbidden: bot is not a member of the channel chat")
    return ApiError(403, f"Forbidden: bot was kicked from the {chat_type} chat")


def message_thread_not_found() -> ApiError:
    """A message to a forum topic that was deleted or never was (or to a chat without topics)."""
    return bad_request("message thread not found")


def topic_closed() -> ApiError:
    """A message to a closed forum topic, from a bot that may not manage topics."""
    return bad_request("TOPIC_CLOSED")


def group_migrated(to_chat_id: int) -> ApiError:
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=to_chat_id,
    )


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def internal_server_error() -> ApiError:
    return ApiError(500, "Internal Server Error")


def conflict_with_other_poll() -> ApiError:
    return ApiError(
        409,
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
    )


def conflict_with_webhook() -> ApiError:
    return ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first",
    )


MESSAGE_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
