"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

The real python-telegram-bot talks to it over HTTP (`base_url(api.base_url)`); it answers with
Telegram's exact reply and error shapes, records every call, serves long polling, and lets a test
act as Telegram's users and make chats refuse messages the way Telegram does:

    async with FakeBotApi() as api:
        chat = api.private_chat()
        api.send_command(chat, None, "/today")
        reply = await api.wait_for(lambda call: call.chat_id == chat.id)

Per-request work is kept small (no access log, replies and errors pre-encoded where possible) so
that it can take well over a thousand messages a second.
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from tests.fakes.bot_api_calls import CallLog, SentCall
from tests.fakes.bot_api_config import config_handlers
from tests.fakes.bot_api_controls import BotApiControls
from tests.fakes.bot_api_errors import (
    ApiError,
    bad_request,
    conflict_with_webhook,
    not_found,
    unauthorized,
)
from tests.fakes.bot_api_messaging import messaging_handlers
from tests.fakes.bot_api_requests import Handler, Parameters, Uploads, ok_body, read_parameters
from tests.fakes.bot_api_state import BotApiState
from tests.fakes.bot_api_updates import UpdateQueue

_WELL_FORMED_TOKEN = re.compile(r"\d+:[\w-]+")
_JSON = "application/json"


class FakeBotApi(BotApiControls):
    """A running fake Bot API (use `async with`); its test controls are `BotApiControls`."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "LossesTestBot",
        auto_create_chats: bool = False,
    ) -> None:
        log = CallLog()
        state = BotApiState(token, bot_username, auto_create_chats)
        super().__init__(state, UpdateQueue(on_change=log.notify), log)
        handlers = {**messaging_handlers(state), **config_handlers(state, self.updates)}
        self._handlers: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in handlers.items()
        }
        self._runner: web.AppRunner | None = None
        self.root_url = ""

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def base_url(self) -> str:
        """For PTB's `base_url`: requests go to `{base_url}{token}/{method}`."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.root_url}/file/bot"

    async def __aenter__(self) -> FakeBotApi:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{kind}/{file_id}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.root_url = f"http://{host}:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        self.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if token != self.state.token:
            return _error(unauthorized() if _WELL_FORMED_TOKEN.fullmatch(token) else not_found())
        method = request.match_info["method"].lower()
        if method == "getupdates":
            return await self._get_updates(request)
        entry = self._handlers.get(method)
        if entry is None:
            return _error(not_found())
        name, handler = entry
        params, uploads = await _parameters(request)
        result: Any = None
        error: ApiError | None = None
        try:
            if params is None:
                raise bad_request("can't parse the request's parameters")
            if self.state.next_refusals:
                self.state.raise_next_refusal(None)
            result = handler(params, uploads)
        except ApiError as refusal:
            error = refusal
        self.log.record(SentCall(name, params or {}, uploads, result, error))
        if error is not None:
            return _error(error)
        return web.Response(body=ok_body(result), content_type=_JSON)

    async def _get_updates(self, request: web.Request) -> web.Response:
        params, _ = await _parameters(request)
        try:
            if params is None:
                raise bad_request("can't parse the request's parameters")
            if self.state.webhook is not None:
                raise conflict_with_webhook()
            if self.state.updates_refusals:
                raise self.state.updates_refusals.popleft()
            if self.state.updates_down is not None:
                raise self.state.updates_down
            body = await self.updates.poll(
                params.get("offset", 0),
                params.get("limit", 100),
                params.get("timeout", 0),
                params.get("allowed_updates"),
            )
        except ApiError as refusal:
            return _error(refusal)
        return web.Response(body=body, content_type=_JSON)

    async def _download(self, request: web.Request) -> web.Response:
        content = self.state.files.get(request.match_info["file_id"])
        if request.match_info["token"] != self.state.token or content is None:
            return _error(not_found())
        return web.Response(body=content, content_type="application/octet-stream")


async def _parameters(request: web.Request) -> tuple[Parameters | None, Uploads]:
    """The request's parameters, or None when they cannot be decoded."""
    try:
        return await read_parameters(request)
    except ValueError:  # malformed JSON or a number that is not one
        return None, {}


def _error(error: ApiError) -> web.Response:
    return web.Response(status=error.status, body=error.body, content_type=_JSON)
