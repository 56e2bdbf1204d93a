"""python-telegram-bot's HTTP layer on aiohttp, for the broadcast sender's own `Bot`.

PTB's default layer, httpx, spends its time in the connection pool's bookkeeping once many
requests share it (encode/httpcore#1035: `_assign_requests_to_connections` is quadratic): against
the loopback fake Bot API, PTB on httpx does about 1,100 messages/s with 2 connections and falls
to 300-400/s with 32-128, while on aiohttp it does 2,000-3,000/s at any pool size (see
`bench/broadcast.py`). A broadcast needs many connections in flight to hide Telegram's latency,
so the sender uses this layer. It sends what PTB gives it and maps aiohttp's failures to PTB's
`TimedOut` and `NetworkError`, as PTB's own layer does, so errors are classified the same.
"""

from __future__ import annotations

import json

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


def _seconds(given: object, default: float | None) -> float | None:
    """A per-call timeout: a number or None as given, PTB's "not given" marker as the default."""
    if given is None or isinstance(given, int | float):
        return given
    return default


class AiohttpRequest(BaseRequest):
    """A pool of at most `pool_size` HTTP/1.1 connections to the Bot API server."""

    def __init__(self, pool_size: int = 32, timeout: float = 10.0) -> None:
        self._pool_size = pool_size
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeout

    async def initialize(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest.initialize() was not awaited")
        timeout = aiohttp.ClientTimeout(
            sock_connect=_seconds(connect_timeout, self._timeout),
            sock_read=_seconds(read_timeout, self._timeout),
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # asyncio's, and aiohttp's own
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _body(request_data: RequestData | None) -> aiohttp.FormData | aiohttp.BytesPayload | None:
    """The parameters as a JSON body (the Bot API takes JSON but for uploads: encoding a post's
    text as JSON costs a fraction of url-encoding it), or a multipart form with the files."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        body = json.dumps(request_data.parameters).encode()
        return aiohttp.BytesPayload(body, content_type="application/json")
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, content_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=content_type)
    return form
