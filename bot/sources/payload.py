"""Validation of the figures API's answers into domain reports: strict, and all or nothing.

A record needs `date` (YYYY-MM-DD) and `stats` (non-negative int totals); `increase` (published
changes, which may be negative) and `resource` (the source post) are optional. Each report keeps
its record's JSON as `raw` (stored with the reading). Unknown categories are kept; a category
absent from `stats` is "not reported". One bad record rejects the whole answer,
so nothing of it gets stored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Annotated, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, ValidationError

from bot.domain.reports import Report
from bot.sources.errors import InvalidPayload

SUCCESS_MESSAGE = "The data were fetched successfully."
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return dt.date.fromisoformat(value)


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    date: Annotated[dt.date, BeforeValidator(_iso_date)]
    stats: Annotated[dict[str, Annotated[StrictInt, Field(ge=0)]], Field(min_length=1)]
    increase: dict[str, StrictInt] | None = None
    resource: str | None = None

    def report(self, raw: object) -> Report:
        return Report(
            date=self.date,
            totals=self.stats,
            changes=self.increase or {},
            source_url=self.resource or None,
            raw=json.dumps(raw, ensure_ascii=False),
        )


class _Paging(BaseModel):
    next_url: str | None = None


class _Page(BaseModel):
    records: list[_Record]
    paging: _Paging


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the history: its reports (ascending) and where the next page is, if any."""

    reports: tuple[Report, ...]
    next_url: str | None


def parse_report(body: bytes) -> Report:
    """The report in an answer of `/statistics/latest` or `/statistics/{date}`."""
    data = _data(body)
    return _validate(_Record, data).report(data)


def parse_page(body: bytes) -> Page:
    """The page in an answer of `/statistics?offset=&limit=`; no `next_url` ends the paging."""
    data = _data(body)
    page = _validate(_Page, data)
    assert isinstance(data, dict)  # validated as a page
    raw_records = data["records"]
    reports = tuple(
        record.report(raw) for record, raw in zip(page.records, raw_records, strict=True)
    )
    return Page(reports, page.paging.next_url or None)


def _data(body: bytes) -> object:
    """The `data` of a successful envelope `{"message": SUCCESS_MESSAGE, "data": ...}`."""
    if body.lstrip()[:1] == b"<":
        raise InvalidPayload("HTML instead of JSON")
    try:
        document = json.loads(body)
    except ValueError as error:
        raise InvalidPayload("malformed JSON") from error
    if not isinstance(document, dict):
        raise InvalidPayload("not a JSON object")
    message = document.get("message")
    if message != SUCCESS_MESSAGE:
        raise InvalidPayload(f"unexpected message {str(message)[:80]!r}")
    return document.get("data")


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: type[_Model], data: object) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "data"
        raise InvalidPayload(
            f"invalid data at {where}: {first['msg']} ({error.error_count()} error(s))"
        ) from error
