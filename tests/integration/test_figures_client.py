"""The figures client against the fake upstream: history, single reports, faults and retries."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.domain.reports import Report
from bot.sources import RetryPolicy, RussianWarshipClient, SourceUnavailable
from tests.fakes.figures_api import (
    BadValue,
    ExtraKey,
    FakeFiguresApi,
    Fault,
    Hang,
    HtmlPage,
    HttpError,
    MalformedJson,
    MissingKey,
    TooManyRequests,
    Trickle,
    WrongMessage,
)
from tests.support.dataset import history_reports, report_of
from tests.support.fixtures_figures import FAST_RETRY


async def collect(client: RussianWarshipClient, **dates: date) -> list[list[Report]]:
    return [page async for page in client.history(**dates)]


async def test_whole_paged_history_equals_the_real_history(
    figures_client: RussianWarshipClient,
) -> None:
    pages = await collect(figures_client)

    assert [report for page in pages for report in page] == list(history_reports())
    assert all(len(page) <= 50 for page in pages)


async def test_history_between_two_dates_includes_both(
    figures_client: RussianWarshipClient,
) -> None:
    pages = await collect(figures_client, date_from=date(2023, 1, 1), date_to=date(2023, 3, 31))

    reports = [report for page in pages for report in page]
    assert (reports[0].date, reports[-1].date, len(reports)) == (
        date(2023, 1, 1),
        date(2023, 3, 31),
        90,
    )


async def test_history_follows_a_relative_next_url(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.relative_next_url = True

    pages = await collect(figures_client, date_from=date(2026, 1, 1))

    assert [r for page in pages for r in page][-1] == history_reports()[-1]
    assert len(pages) > 1


async def test_history_skips_a_gap_without_inventing_a_report(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.hide(date(2024, 5, 2))

    pages = await collect(figures_client, date_from=date(2024, 5, 1), date_to=date(2024, 5, 3))

    assert [report.date for report in pages[0]] == [date(2024, 5, 1), date(2024, 5, 3)]


async def test_latest_is_the_newest_published_report(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.publish_until(date(2024, 1, 1))

    assert await figures_client.latest() == report_of("2024-01-01")


async def test_on_date_returns_the_report_of_that_date(
    figures_client: RussianWarshipClient,
) -> None:
    assert await figures_client.on_date(date(2023, 11, 12)) == report_of("2023-11-12")


async def test_on_date_without_a_report_is_none_and_not_retried(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.hide(date(2023, 11, 12))

    assert await figures_client.on_date(date(2023, 11, 12)) is None
    assert figures_api.requests == ["/statistics/2023-11-12"]


async def test_on_date_answered_422_is_none(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.inject(HttpError(422))

    assert await figures_client.on_date(date(2023, 11, 12)) is None


async def test_revised_report_is_read_with_its_new_figures(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.revise(date(2023, 11, 12), stats={"tanks": 1}, increase={"tanks": 0})

    report = await figures_client.on_date(date(2023, 11, 12))

    assert report is not None
    assert (report.totals["tanks"], report.changes["tanks"]) == (1, 0)


@pytest.mark.parametrize(
    "fault",
    [
        HttpError(500),
        HttpError(503),
        TooManyRequests("0"),
        HtmlPage(),
        MalformedJson(),
        WrongMessage(),
        MissingKey("stats"),
        MissingKey("date"),
        BadValue("tanks", -1),
    ],
)
async def test_answer_not_available_now_is_retried_until_it_succeeds(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient, fault: Fault
) -> None:
    figures_api.inject(fault, fault)

    assert await figures_client.latest() == history_reports()[-1]
    assert len(figures_api.requests) == 3


async def test_hanging_upstream_times_out_and_is_retried(figures_api: FakeFiguresApi) -> None:
    client = RussianWarshipClient(figures_api.url, timeout=0.1, retry=FAST_RETRY)
    figures_api.inject(Hang())

    assert await client.latest() == history_reports()[-1]
    await client.aclose()


@pytest.mark.parametrize(("retry_after", "expected_delay"), [("0.03", 0.03), ("120", 0.05)])
async def test_retry_after_is_honoured_up_to_the_longest_delay(
    figures_api: FakeFiguresApi,
    caplog: pytest.LogCaptureFixture,
    retry_after: str,
    expected_delay: float,
) -> None:
    client = RussianWarshipClient(
        figures_api.url, retry=RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.05)
    )
    figures_api.inject(TooManyRequests(retry_after))

    with caplog.at_level(logging.WARNING, logger="bot.sources.client"):
        await client.latest()

    assert [record.__dict__["delay"] for record in caplog.records] == [expected_delay]
    await client.aclose()


async def test_each_retry_is_logged_with_path_attempt_and_reason(
    figures_api: FakeFiguresApi,
    figures_client: RussianWarshipClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    figures_api.inject(HttpError(502), HtmlPage())

    with caplog.at_level(logging.WARNING, logger="bot.sources.client"):
        await figures_client.latest()

    assert [(r.levelname, r.__dict__["attempt"], r.__dict__["reason"]) for r in caplog.records] == [
        ("WARNING", 1, "HTTP 502"),
        ("WARNING", 2, "HTML instead of JSON"),
    ]
    assert all("/api/v2/statistics/latest" in record.getMessage() for record in caplog.records)


async def test_unknown_category_is_kept_without_retrying(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.inject(ExtraKey("laser_weapons", total=3, change=1))

    report = await figures_client.latest()

    assert (report.totals["laser_weapons"], report.changes["laser_weapons"]) == (3, 1)
    assert len(figures_api.requests) == 1


async def test_exhausted_retries_raise_source_unavailable_with_the_last_reason(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.inject(HttpError(500), HttpError(500), MalformedJson())

    with pytest.raises(SourceUnavailable) as unavailable:
        await figures_client.latest()

    assert unavailable.value.reason == "malformed JSON"
    assert len(figures_api.requests) == FAST_RETRY.attempts


async def test_client_error_is_not_retried(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    figures_api.inject(HttpError(403))

    with pytest.raises(SourceUnavailable, match="HTTP 403"):
        await figures_client.latest()
    assert len(figures_api.requests) == 1


async def test_unreachable_upstream_raises_source_unavailable() -> None:
    async with FakeFiguresApi(records=[]) as stopped:
        url = stopped.url
    client = RussianWarshipClient(url, retry=FAST_RETRY)

    with pytest.raises(SourceUnavailable, match="connection error"):
        await client.latest()
    await client.aclose()


async def test_page_with_one_bad_record_yields_nothing_of_that_page(
    figures_api: FakeFiguresApi, figures_client: RussianWarshipClient
) -> None:
    pages = figures_client.history()
    first = await anext(pages)
    figures_api.inject(*[BadValue("tanks", "many")] * FAST_RETRY.attempts)

    with pytest.raises(SourceUnavailable, match=r"records\.49\.stats\.tanks"):
        await anext(pages)
    assert first == list(history_reports()[:50])


async def test_an_answer_trickling_a_byte_at_a_time_fails_at_the_requests_deadline(
    figures_api: FakeFiguresApi, caplog: pytest.LogCaptureFixture
) -> None:
    client = RussianWarshipClient(figures_api.url, timeout=1.0, deadline=0.3, retry=FAST_RETRY)
    figures_api.inject(Trickle(interval=0.2))  # each read is quick; the whole takes minutes

    with caplog.at_level(logging.WARNING, logger="bot.sources.client"):
        report = await client.latest()

    assert report == history_reports()[-1]
    assert [record.__dict__["reason"] for record in caplog.records] == [
        "no complete answer within 0.3 s"
    ]
    await client.aclose()
