"""Reading a Bot API request's parameters and encoding the replies.

Telegram accepts parameters in the query string, as JSON, url-encoded or multipart form.
python-telegram-bot sends a url-encoded form (multipart when it uploads a file) whose non-string
values are JSON-encoded, so form values are decoded by field: JSON objects, integers, booleans,
and chat ids that are either numbers or `@username`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

Parameters = dict[str, Any]
Uploads = dict[str, bytes]
Handler = Callable[[Parameters, Uploads], Any]
"""A method's handler: decoded parameters and uploads in, the reply's `result` out."""

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "results",
        "entities",
        "caption_entities",
        "reply_parameters",
        "button",
        "media",
    }
)
_INT_FIELDS = frozenset(
    {"message_id", "offset", "limit", "timeout", "user_id", "cache_time", "message_thread_id"}
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "is_personal",
        "allow_sending_without_reply",
        "has_spoiler",
        "show_caption_above_media",
        "for_channels",
    }
)
_CHAT_FIELDS = frozenset({"chat_id", "from_chat_id"})
_SEPARATORS = (",", ":")

OK_TRUE = b'{"ok":true,"result":true}'


async def read_parameters(request: web.Request) -> tuple[Parameters, Uploads]:
    """The request's parameters, decoded to JSON types, and its uploaded files by field name."""
    parameters: Parameters = {}
    uploads: Uploads = {}
    for name, value in request.query.items():
        parameters[name] = _decode(name, value)
    if not request.body_exists:
        return parameters, uploads
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            for name, value in body.items():
                parameters[name] = _decode(name, value) if isinstance(value, str) else value
        return parameters, uploads
    if request.content_type == "application/x-www-form-urlencoded":
        body = (await request.read()).decode()
        for name, value in parse_qsl(body, keep_blank_values=True):
            parameters[name] = _decode(name, value)
        return parameters, uploads
    form = await request.post()
    for name, field in form.items():
        if isinstance(field, str):
            parameters[name] = _decode(name, field)
        elif isinstance(field, bytes | bytearray):
            uploads[name] = bytes(field)
        else:
            uploads[name] = field.file.read()
    return parameters, uploads


def _decode(name: str, value: str) -> Any:
    if name in _CHAT_FIELDS:
        return int(value) if value.lstrip("-").isdigit() else value
    if name in _JSON_FIELDS:
        return json.loads(value)
    if name in _INT_FIELDS:
        return int(value)
    if name in _BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


def ok_body(result: Any) -> bytes:
    """Telegram's success reply around `result`."""
    if result is True:
        return OK_TRUE
    return b'{"ok":true,"result":' + json.dumps(result, separators=_SEPARATORS).encode() + b"}"
