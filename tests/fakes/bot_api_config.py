"""The Bot API methods about the bot and its chats: identity, webhook, command menus,
descriptions, chats and their members.

Command menus and descriptions are kept per scope and language, as Telegram keeps them.
"""

from __future__ import annotations

import json
import re

from tests.fakes.bot_api_errors import bad_request
from tests.fakes.bot_api_objects import JsonDict, bot_user_info, chat_member, full_chat_info
from tests.fakes.bot_api_requests import Handler, Parameters, Uploads
from tests.fakes.bot_api_state import BotApiState
from tests.fakes.bot_api_updates import UpdateQueue

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
DESCRIPTION_LIMITS = {"description": 512, "short_description": 120}
DEFAULT_SCOPE: JsonDict = {"type": "default"}


def scope_key(scope: JsonDict | None) -> str:
    """How a BotCommandScope is keyed: its JSON with sorted keys."""
    return json.dumps(scope or DEFAULT_SCOPE, sort_keys=True)


def config_handlers(state: BotApiState, updates: UpdateQueue) -> dict[str, Handler]:
    """The handlers by their Telegram method name."""
    bot_info = bot_user_info(state.bot)

    def commands_key(params: Parameters) -> tuple[str, str]:
        return scope_key(params.get("scope")), params.get("language_code") or ""

    def set_my_commands(params: Parameters, _: Uploads) -> bool:
        commands: list[JsonDict] = params.get("commands") or []
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND.fullmatch(command.get("command", "")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not command.get("description"):
                raise bad_request("command description must be non-empty")
        state.commands[commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def delete_my_commands(params: Parameters, _: Uploads) -> bool:
        state.commands.pop(commands_key(params), None)
        return True

    def describe(kind: str) -> tuple[Handler, Handler]:
        def set_description(params: Parameters, _: Uploads) -> bool:
            # Telegram's limits: 512 characters, 120 for the short one; a language code is
            # two letters (ISO 639-1) or empty. The wording of the refusals is a guess.
            value = params.get(kind) or ""
            if len(value) > DESCRIPTION_LIMITS[kind]:
                raise bad_request(f"{kind.upper()}_TOO_LONG")
            code = params.get("language_code") or ""
            if code and not _LANGUAGE_CODE.fullmatch(code):
                raise bad_request("LANGUAGE_CODE_INVALID")
            state.descriptions[kind, code] = value
            return True

        def get_description(params: Parameters, _: Uploads) -> JsonDict:
            return {kind: state.descriptions.get((kind, params.get("language_code") or ""), "")}

        return set_description, get_description

    def set_webhook(params: Parameters, _: Uploads) -> bool:
        state.webhook = dict(params) if params.get("url") else None
        if params.get("drop_pending_updates"):
            updates.clear()
        return True

    def delete_webhook(params: Parameters, _: Uploads) -> bool:
        state.webhook = None
        if params.get("drop_pending_updates"):
            updates.clear()
        return True

    def get_webhook_info(params: Parameters, _: Uploads) -> JsonDict:
        url = state.webhook["url"] if state.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(updates)}

    def get_chat(params: Parameters, _: Uploads) -> JsonDict:
        return full_chat_info(state.chat(params.get("chat_id")))

    def get_chat_member(params: Parameters, _: Uploads) -> JsonDict:
        chat = state.chat(params.get("chat_id"))
        state.admit(chat, is_new_message=False)
        user = state.users.get(params.get("user_id", 0))
        if user is None:
            raise bad_request("user not found")
        return chat_member(state.member_status(chat, user.id), user, chat.type)

    def get_chat_administrators(params: Parameters, _: Uploads) -> list[JsonDict]:
        chat = state.chat(params.get("chat_id"))
        state.admit(chat, is_new_message=False)
        return [
            chat_member(status, state.users[user_id], chat.type)
            for (chat_id, user_id), status in state.roles.items()
            if chat_id == chat.id and status in ("creator", "administrator")
        ]

    set_description, get_description = describe("description")
    set_short_description, get_short_description = describe("short_description")
    handlers: dict[str, Handler] = {
        "getMe": lambda params, _: bot_info,
        "setWebhook": set_webhook,
        "deleteWebhook": delete_webhook,
        "getWebhookInfo": get_webhook_info,
        "setMyCommands": set_my_commands,
        "getMyCommands": lambda params, _: state.commands.get(commands_key(params), []),
        "deleteMyCommands": delete_my_commands,
        "setMyDescription": set_description,
        "getMyDescription": get_description,
        "setMyShortDescription": set_short_description,
        "getMyShortDescription": get_short_description,
        "getChat": get_chat,
        "getChatMember": get_chat_member,
        "getChatAdministrators": get_chat_administrators,
    }
    return handlers
