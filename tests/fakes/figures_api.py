"""A fake of the russianwarship.rip API v2 on 127.0.0.1, built from API records, with faults.

    async with FakeFiguresApi() as api:      # the real history; api.url = http://127.0.0.1:P/api/v2
        api.publish_until(date(2024, 1, 1))   # only reports up to that date are visible
        api.inject(HttpError(), Hang())       # the next two requests fail, one fault each
        api.fail_always(HttpError(500))       # every request fails so until fail_always()

Answers are pre-serialised so that a full paged backfill costs the server only milliseconds.
Record faults (MissingKey, ExtraKey, BadValue) edit the last record of the next answer; Trickle
sends the next answer a byte at a time (a slow loris). `twin` makes every page that holds a date
hold it twice, the second time with other figures.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import re
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from tests.support.dataset import history_records

PREFIX = "/api/v2"
SUCCESS = "The data were fetched successfully."
MAX_LIMIT = 50
WAR_STATUS = {"code": 1, "alias": "active"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLES = {
    "personnel_units": ("особовий склад", "personnel"),
    "tanks": ("танки", "tanks"),
    "armoured_fighting_vehicles": ("бойові броньовані машини", "armoured fighting vehicles"),
    "artillery_systems": ("артилерійські системи", "artillery systems"),
    "mlrs": ("РСЗВ", "MLRS"),
    "aa_warfare_systems": ("засоби ППО", "anti-aircraft warfare systems"),
    "planes": ("літаки", "planes"),
    "helicopters": ("гелікоптери", "helicopters"),
    "vehicles_fuel_tanks": ("автомобільна техніка та автоцистерни", "vehicles and fuel tanks"),
    "warships_cutters": ("кораблі / катери", "warships / boats"),
    "cruise_missiles": ("крилаті ракети", "cruise missiles"),
    "uav_systems": ("БПЛА оперативно-тактичного рівня", "UAV operational-tactical level"),
    "special_military_equip": ("спеціальна техніка", "special military equipment"),
    "atgm_srbm_systems": ("установки ОТРК/ТРК", "ATGM/SRBM systems"),
    "submarines": ("підводні човни", "submarines"),
    "ground_robotic_systems": ("наземні робототехнічні комплекси", "ground robotic systems"),
}


@dataclass(frozen=True)
class HttpError:
    """An error status with a plain-text body (500, 503, or 404/422 where a report should be)."""

    status: int = 500


@dataclass(frozen=True)
class TooManyRequests:
    retry_after: str = "1"


@dataclass(frozen=True)
class Hang:
    """Answer only after `seconds` (longer than any client timeout in the tests)."""

    seconds: float = 30.0


@dataclass(frozen=True)
class Trickle:
    """A slow loris: status and headers at once, then the body one byte every `interval` s."""

    interval: float = 5.0


@dataclass(frozen=True)
class HtmlPage:
    """A maintenance page with status 200."""


@dataclass(frozen=True)
class MalformedJson:
    """A JSON answer cut in the middle."""


@dataclass(frozen=True)
class WrongMessage:
    message: str = "Server Error"


@dataclass(frozen=True)
class MissingKey:
    key: str = "stats"


@dataclass(frozen=True)
class ExtraKey:
    """A category nobody knows yet, in `stats` and `increase`."""

    key: str = "laser_weapons"
    total: int = 3
    change: int = 1


@dataclass(frozen=True)
class BadValue:
    """A total that is not a valid count (negative, a string, a bool, a float...)."""

    key: str = "tanks"
    value: Any = -1


Fault = (
    HttpError
    | TooManyRequests
    | Hang
    | Trickle
    | HtmlPage
    | MalformedJson
    | WrongMessage
    | MissingKey
    | ExtraKey
    | BadValue
)
_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class FakeFiguresApi:
    """The fake upstream; `requests` logs each path served (with its query, without the prefix)."""

    def __init__(self, records: Iterable[Mapping[str, Any]] | None = None) -> None:
        self.url = ""
        self.requests: list[str] = []
        self._records: dict[date, dict[str, Any]] = {}
        self._encoded: dict[date, bytes] = {}
        self._until: date | None = None
        self._hidden: set[date] = set()
        self._shown: set[date] = set()
        self._twins: dict[date, bytes] = {}
        self._faults: deque[Fault] = deque()
        self._always: tuple[Fault, ...] = ()
        self._visible: list[date] | None = None
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        # Real upstream gives full URLs; a path (`/api/v2/statistics?...`) is legal too.
        self.relative_next_url = False
        self.add(*(history_records() if records is None else records))

    # Controls, for tests and benchmarks.

    def add(self, *records: Mapping[str, Any]) -> None:
        """Publish new reports (or replace reports of the same date)."""
        for record in records:
            copy = {**record, "stats": dict(record["stats"])}
            copy["increase"] = dict(record.get("increase") or {})
            day = date.fromisoformat(copy["date"])
            self._records[day] = copy
            self._encoded[day] = json.dumps(copy, ensure_ascii=False).encode()
        self._visible = None

    def publish_until(self, last: date | None) -> None:
        """Only reports up to `last` are visible (None: all of them)."""
        self._until, self._visible = last, None

    def hide(self, *days: date) -> None:
        self._hidden.update(days)
        self._shown.difference_update(days)
        self._visible = None

    def show(self, *days: date) -> None:
        """The reports of `days` are visible again, even after `publish_until`'s date."""
        self._hidden.difference_update(days)
        self._shown.update(days)
        self._visible = None

    def revise(
        self,
        day: date,
        *,
        stats: Mapping[str, int] | None = None,
        increase: Mapping[str, int] | None = None,
    ) -> None:
        """Edit a published report: the given figures replace those of the same keys."""
        record = self._records[day]
        self.add(
            {
                **record,
                "stats": {**record["stats"], **(stats or {})},
                "increase": {**record["increase"], **(increase or {})},
            }
        )

    def twin(self, day: date, *, stats: Mapping[str, int], increase: Mapping[str, int]) -> None:
        """Every page holding `day` holds it twice, the second time with these figures changed."""
        record = self._records[day]
        twin = {
            **record,
            "stats": {**record["stats"], **stats},
            "increase": {**record["increase"], **increase},
        }
        self._twins[day] = json.dumps(twin, ensure_ascii=False).encode()

    def untwin(self) -> None:
        self._twins.clear()

    def inject(self, *faults: Fault) -> None:
        """The next requests fail in these ways, one fault per request, in order."""
        self._faults.extend(faults)

    def fail_always(self, *faults: Fault) -> None:
        """Every request from now on fails, in these ways in turn (none: the API is back)."""
        self._always = faults

    def visible_dates(self) -> list[date]:
        """The dates of the reports served now, ascending."""
        if self._visible is None:
            self._visible = sorted(
                day
                for day in self._records
                if day not in self._hidden
                and (self._until is None or day <= self._until or day in self._shown)
            )
        return self._visible

    # The server.

    async def __aenter__(self) -> FakeFiguresApi:
        app = web.Application(middlewares=[self._faulty])
        app.router.add_get(f"{PREFIX}/statistics/latest", self._latest)
        app.router.add_get(f"{PREFIX}/statistics/{{day}}", self._on_date)
        app.router.add_get(f"{PREFIX}/statistics", self._history)
        app.router.add_get(f"{PREFIX}/terms/{{lang}}", self._terms)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}{PREFIX}"
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _faulty(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        self.requests.append(request.path_qs.removeprefix(PREFIX))
        fault = self._faults.popleft() if self._faults else None
        if fault is None and self._always:
            fault = self._always[len(self.requests) % len(self._always)]
        match fault:
            case HttpError(status):
                return web.Response(status=status, text="Server Error")
            case TooManyRequests(retry_after):
                return _json({"message": "Too Many Attempts."}, 429, {"Retry-After": retry_after})
            case Hang(seconds):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), seconds)
            case Trickle(interval):
                return await self._trickle(request, await handler(request), interval)
            case HtmlPage():
                return web.Response(
                    text="<!DOCTYPE html><html>Maintenance</html>", content_type="text/html"
                )
            case MalformedJson():
                return web.Response(
                    body=b'{"message": "The data were fet', content_type="application/json"
                )
            case WrongMessage(message):
                return _json({"message": message, "data": None})
        response = await handler(request)
        if isinstance(fault, MissingKey | ExtraKey | BadValue) and response.status == 200:
            assert isinstance(response, web.Response)
            return _json(_spoil(json.loads(response.text or "null"), fault))
        return response

    async def _trickle(
        self, request: web.Request, answer: web.StreamResponse, interval: float
    ) -> web.StreamResponse:
        assert isinstance(answer, web.Response)
        body = bytes(answer.body) if isinstance(answer.body, bytes | bytearray) else b""
        response = web.StreamResponse(status=answer.status)
        response.content_type = "application/json"
        response.content_length = len(body)
        await response.prepare(request)
        for position in range(len(body)):
            await response.write(body[position : position + 1])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), interval)
            if self._closing.is_set():
                break
        return response

    async def _latest(self, request: web.Request) -> web.Response:
        visible = self.visible_dates()
        return self._single(visible[-1]) if visible else _not_found()

    async def _on_date(self, request: web.Request) -> web.Response:
        day = _parse_date(request.match_info["day"])
        if day is None:
            return _invalid("day", "The day is not a valid date.")
        visible = self.visible_dates()
        index = bisect.bisect_left(visible, day)
        return self._single(day) if visible[index : index + 1] == [day] else _not_found()

    async def _history(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            offset, limit = int(query.get("offset", "0")), int(query.get("limit", "10"))
        except ValueError:
            return _invalid("offset", "The offset and limit must be integers.")
        if offset < 0 or not 1 <= limit <= MAX_LIMIT:
            return _invalid("limit", f"The limit must be between 1 and {MAX_LIMIT}.")
        bounds = {name: query[name] for name in ("date_from", "date_to") if query.get(name)}
        first, last = (_parse_date(bounds.get(name, "")) for name in ("date_from", "date_to"))
        if len(bounds) > (first is not None) + (last is not None):
            return _invalid("date_from", "The dates must be dates.")
        visible = self.visible_dates()
        start = bisect.bisect_left(visible, first) if first else 0
        stop = bisect.bisect_right(visible, last) if last else len(visible)
        total = max(stop - start, 0)
        chosen = visible[start + offset : min(start + offset + limit, stop)]

        def page_url(at: int) -> str:
            root = PREFIX if self.relative_next_url else self.url
            return f"{root}/statistics?{urlencode({'offset': at, 'limit': limit, **bounds})}"

        paging = {
            "next_url": page_url(offset + limit) if offset + limit < total else None,
            "prev_url": page_url(max(offset - limit, 0)) if offset > 0 else None,
            "first_url": page_url(0),
            "last_url": page_url(max(total - 1, 0) // limit * limit),
        }
        body = b",".join(
            b",".join([self._encoded[day], *([self._twins[day]] if day in self._twins else [])])
            for day in chosen
        )
        return web.Response(
            body=b'{"message":"%s","data":{"records":[%s],"paging":%s}}'
            % (SUCCESS.encode(), body, json.dumps(paging).encode()),
            content_type="application/json",
        )

    async def _terms(self, request: web.Request) -> web.Response:
        language = {"ua": 0, "en": 1}.get(request.match_info["lang"])
        if language is None:
            return _not_found()
        icons = "https://russianwarship.rip/images/icons/{}.svg"
        terms = {
            key: {"title": titles[language], "icon": icons.format(key)}
            for key, titles in _TITLES.items()
        }
        return _json({"message": SUCCESS, "data": terms})

    def _single(self, day: date) -> web.Response:
        return _json({"message": SUCCESS, "data": {**self._records[day], "war_status": WAR_STATUS}})


def _spoil(document: dict[str, Any], fault: MissingKey | ExtraKey | BadValue) -> dict[str, Any]:
    data = document["data"]
    record = data["records"][-1] if "records" in data else data
    if not isinstance(record, dict):
        return document
    match fault:
        case MissingKey(key):
            record.pop(key, None)
        case ExtraKey(key, total, change):
            record["stats"][key], record["increase"][key] = total, change
        case BadValue(key, value):
            record["stats"][key] = value
    return document


def _parse_date(raw: str) -> date | None:
    if not _ISO_DATE.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _json(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    return web.Response(body=body, status=status, headers=headers, content_type="application/json")


def _not_found() -> web.Response:
    return _json({"message": "Not Found"}, 404)


def _invalid(name: str, message: str) -> web.Response:
    return _json({"message": message, "errors": {name: [message]}}, 422)
