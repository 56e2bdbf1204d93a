"""The Bot API methods that put something in a chat: send, edit, delete, answer queries, files.

Each handler takes the decoded parameters and uploads, returns the method's `result` and raises
`ApiError` with Telegram's wording where Telegram would refuse. A message sent with
`message_thread_id` goes into that forum topic (`bot_api_forums`).
"""

from __future__ import annotations

import time
from typing import Any

from tests.fakes.bot_api_errors import MESSAGE_NOT_MODIFIED, QUERY_TOO_OLD, bad_request
from tests.fakes.bot_api_html import parse_html
from tests.fakes.bot_api_objects import JsonDict, photo_sizes
from tests.fakes.bot_api_requests import Handler, Parameters, Uploads
from tests.fakes.bot_api_state import BotApiState

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64


def messaging_handlers(state: BotApiState) -> dict[str, Handler]:
    """The handlers by their Telegram method name."""

    def send_message(params: Parameters, _: Uploads) -> JsonDict:
        chat = state.chat(params.get("chat_id"))
        thread_id = params.get("message_thread_id")
        state.admit(chat, is_new_message=True, thread_id=thread_id)
        content = _text(params)
        if not content.get("text"):
            raise bad_request("message text is empty")
        content.update(state.forums.parts(chat, thread_id))
        content.update(_reply_parts(state, chat.id, params))
        return state.new_message(chat, state.bot, content)

    def send_photo(params: Parameters, uploads: Uploads) -> JsonDict:
        chat = state.chat(params.get("chat_id"))
        thread_id = params.get("message_thread_id")
        state.admit(chat, is_new_message=True, thread_id=thread_id)
        photo = uploads.get("photo")
        reference = params.get("photo")
        if photo is None and not reference:
            raise bad_request("there is no photo in the request")
        file_id = reference if reference in state.files else f"photo-{state.serial()}"
        content = photo if photo is not None else state.files.get(file_id, b"")
        state.files[file_id] = content
        parts: JsonDict = {"photo": photo_sizes(file_id, content)}
        if params.get("caption"):
            parts.update(_caption(params))
        parts.update(state.forums.parts(chat, thread_id))
        parts.update(_reply_parts(state, chat.id, params))
        return state.new_message(chat, state.bot, parts)

    def edit(params: Parameters, field: str | None) -> JsonDict | bool:
        if "inline_message_id" in params:
            return True
        chat = state.chat(params.get("chat_id"))
        state.admit(chat, is_new_message=False)
        current = state.messages.get((chat.id, params.get("message_id", 0)))
        if current is None:
            raise bad_request("message to edit not found")
        edited = dict(current)
        if field == "text":
            if "text" not in current:
                raise bad_request("there is no text in the message to edit")
            edited.pop("entities", None)
            edited.update(_text(params))
        elif field == "caption":
            edited.pop("caption_entities", None)
            edited.pop("caption", None)
            edited.update(_caption(params))
        edited.pop("reply_markup", None)
        edited.update(_markup_part(params))
        if edited == current:
            raise bad_request(MESSAGE_NOT_MODIFIED)
        edited["edit_date"] = int(time.time())
        state.messages[chat.id, edited["message_id"]] = edited
        return edited

    def delete_message(params: Parameters, _: Uploads) -> bool:
        chat = state.chat(params.get("chat_id"))
        if state.messages.pop((chat.id, params.get("message_id", 0)), None) is None:
            raise bad_request("message to delete not found")
        return True

    def send_chat_action(params: Parameters, _: Uploads) -> bool:
        chat = state.chat(params.get("chat_id"))
        state.admit(chat, is_new_message=False, thread_id=params.get("message_thread_id"))
        return True

    def answer_query(params: Parameters, _: Uploads) -> bool:
        query_id = params.get("callback_query_id", params.get("inline_query_id"))
        if query_id not in state.open_queries:
            raise bad_request(QUERY_TOO_OLD)
        state.open_queries.discard(query_id)
        return True

    def get_file(params: Parameters, _: Uploads) -> JsonDict:
        file_id = params.get("file_id", "")
        if file_id not in state.files:
            raise bad_request("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(state.files[file_id]),
            "file_path": f"photos/{file_id}",
        }

    return {
        "sendMessage": send_message,
        "sendPhoto": send_photo,
        "editMessageText": lambda params, _: edit(params, "text"),
        "editMessageCaption": lambda params, _: edit(params, "caption"),
        "editMessageReplyMarkup": lambda params, _: edit(params, None),
        "deleteMessage": delete_message,
        "sendChatAction": send_chat_action,
        "answerCallbackQuery": answer_query,
        "answerInlineQuery": answer_query,
        "getFile": get_file,
    }


def _text(params: Parameters) -> JsonDict:
    return _formatted(params, "text", "entities", MAX_TEXT, "message is too long")


def _caption(params: Parameters) -> JsonDict:
    return _formatted(
        params, "caption", "caption_entities", MAX_CAPTION, "message caption is too long"
    )


def _formatted(
    params: Parameters, field: str, entities_field: str, limit: int, too_long: str
) -> JsonDict:
    """The text (or caption) as the chat shows it, with its entities."""
    raw: str = params.get(field) or ""
    parse_mode = params.get("parse_mode")
    entities: Any = params.get(entities_field)
    if parse_mode is not None and parse_mode.lower() == "html":
        raw, parsed = parse_html(raw)
        entities = list(parsed)
    elif parse_mode not in (None, "", "Markdown", "MarkdownV2"):
        raise bad_request(f"unsupported parse_mode {parse_mode}")
    if len(raw.encode("utf-16-le")) > 2 * limit:
        raise bad_request(too_long)
    content: JsonDict = {field: raw}
    if entities:
        content[entities_field] = entities
    return content


def _markup_part(params: Parameters) -> JsonDict:
    """The reply markup a Message carries: only inline keyboards are shown back."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return {}
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return {"reply_markup": markup}


def _reply_parts(state: BotApiState, chat_id: int, params: Parameters) -> JsonDict:
    parts = _markup_part(params)
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        replied = state.messages.get((chat_id, reply.get("message_id", 0)))
        if replied is not None:
            parts["reply_to_message"] = {
                key: value for key, value in replied.items() if key != "reply_to_message"
            }
        elif not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
    return parts
