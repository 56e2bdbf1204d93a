"""Validation of the figures API's answers: what makes a report, and what rejects a whole answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.sources.errors import InvalidPayload
from bot.sources.payload import SUCCESS_MESSAGE, parse_page, parse_report
from tests.support.dataset import history_records, history_reports, report_of


def record_of(day: str) -> dict[str, Any]:
    record = next(record for record in history_records() if record["date"] == day)
    return {**record, "stats": dict(record["stats"]), "increase": dict(record["increase"])}


def answer(data: Any, message: str = SUCCESS_MESSAGE) -> bytes:
    return json.dumps({"message": message, "data": data}).encode()


def page(records: list[dict[str, Any]], next_url: str | None = None) -> bytes:
    return answer({"records": records, "paging": {"next_url": next_url, "prev_url": None}})


def test_a_real_record_becomes_its_report() -> None:
    record = record_of("2025-02-28") | {"war_status": {"code": 1, "alias": "active"}}

    assert parse_report(answer(record)) == report_of("2025-02-28")


def test_unknown_category_is_kept() -> None:
    record = record_of("2025-02-28")
    record["stats"]["laser_weapons"], record["increase"]["laser_weapons"] = 3, 1

    report = parse_report(answer(record))

    assert (report.totals["laser_weapons"], report.changes["laser_weapons"]) == (3, 1)


def test_category_absent_from_stats_is_not_reported_rather_than_zero() -> None:
    report = parse_report(answer(record_of("2023-09-13")))

    assert "submarines" not in report.totals


def test_record_without_increase_has_no_published_changes() -> None:
    record = record_of("2025-02-28")
    del record["increase"]

    report = parse_report(answer(record))

    assert (dict(report.changes), dict(report.totals)) == ({}, record["stats"])


def test_change_missing_for_one_category_is_unpublished_for_that_category_only() -> None:
    record = record_of("2025-02-28")
    del record["increase"]["tanks"]

    report = parse_report(answer(record))

    assert "tanks" not in report.changes
    assert "tanks" in report.totals


def test_negative_published_change_is_accepted_as_a_correction() -> None:
    report = parse_report(answer(record_of("2023-05-27")))

    assert report.changes["planes"] == -3


def test_record_without_resource_has_no_source_url() -> None:
    record = record_of("2025-02-28")
    del record["resource"]

    assert parse_report(answer(record)).source_url is None


@pytest.mark.parametrize("key", ["date", "stats"])
def test_record_missing_a_required_key_is_rejected(key: str) -> None:
    record = record_of("2025-02-28")
    del record[key]

    with pytest.raises(InvalidPayload):
        parse_report(answer(record))


@pytest.mark.parametrize("raw", ["28.02.2025", "2025-02-30", "2025-02-28T00:00:00", 20250228, None])
def test_date_that_is_not_an_iso_date_is_rejected(raw: Any) -> None:
    with pytest.raises(InvalidPayload):
        parse_report(answer(record_of("2025-02-28") | {"date": raw}))


@pytest.mark.parametrize("value", [-1, "12", True, 1.5, None])
def test_total_that_is_not_a_count_is_rejected(value: Any) -> None:
    record = record_of("2025-02-28")
    record["stats"]["tanks"] = value

    with pytest.raises(InvalidPayload):
        parse_report(answer(record))


@pytest.mark.parametrize("value", ["12", False, 2.0])
def test_published_change_that_is_not_an_integer_is_rejected(value: Any) -> None:
    record = record_of("2025-02-28")
    record["increase"]["tanks"] = value

    with pytest.raises(InvalidPayload):
        parse_report(answer(record))


def test_record_without_any_total_is_rejected() -> None:
    with pytest.raises(InvalidPayload):
        parse_report(answer(record_of("2025-02-28") | {"stats": {}}))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html>Maintenance</html>", "HTML instead of JSON"),
        (b'{"message": "The data were fet', "malformed JSON"),
        (b"[]", "not a JSON object"),
        (answer(None, message="Server Error"), "unexpected message 'Server Error'"),
    ],
)
def test_answer_that_is_not_a_success_envelope_is_rejected(body: bytes, reason: str) -> None:
    with pytest.raises(InvalidPayload) as rejected:
        parse_report(body)

    assert rejected.value.reason == reason


def test_page_keeps_its_reports_in_order_and_its_next_url() -> None:
    records = list(history_records()[:50])

    parsed = parse_page(page(records, next_url="https://example.org/statistics?offset=50"))

    assert parsed.reports == history_reports()[:50]
    assert parsed.next_url == "https://example.org/statistics?offset=50"


@pytest.mark.parametrize("next_url", [None, ""])
def test_page_without_next_url_is_the_last(next_url: str | None) -> None:
    assert parse_page(page([record_of("2025-02-28")], next_url)).next_url is None


def test_page_with_one_bad_record_is_rejected_whole() -> None:
    records = [record_of("2025-02-27"), record_of("2025-02-28")]
    records[1]["stats"]["tanks"] = -5

    with pytest.raises(InvalidPayload) as rejected:
        parse_page(page(records))

    assert "records.1.stats.tanks" in rejected.value.reason


def test_page_without_paging_is_rejected() -> None:
    with pytest.raises(InvalidPayload):
        parse_page(answer({"records": [record_of("2025-02-28")]}))
