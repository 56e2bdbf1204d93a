"""The header's date against the post's own time in Kyiv: accepted, mended or refused."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.post_header import HeaderDate
from bot.domain.post_parser import PostPart, read_post
from bot.domain.post_refusals import HeaderDateMismatch
from tests.support.posts import post_at

LINES = "\n\nособового складу ‒ близько 770420 (+2200) осіб,\nтанків ‒ 9584 (+8) од."


def header_of(header: str, when: str) -> HeaderDate | HeaderDateMismatch:
    outcome = read_post(post_at(header + LINES, when))
    if isinstance(outcome, PostPart):
        assert outcome.header is not None
        return outcome.header
    assert isinstance(outcome, HeaderDateMismatch), outcome
    return outcome


@pytest.mark.parametrize(
    ("header", "when", "expected"),
    [
        ("з 24.02.22 по 20.12.24", "2024-12-20 07:32", date(2024, 12, 20)),
        ("з 24.02 по 21.08", "2022-08-21 09:05", date(2022, 8, 21)),
        ("з 24.02 по 31.12", "2022-12-31 08:00", date(2022, 12, 31)),
        ("з 24.02.2022 по 08.08.2026", "2026-08-08 07:40", date(2026, 8, 8)),
        ("від 24.02 до 27.09", "2022-09-27 08:00", date(2022, 9, 27)),
    ],
    ids=["two-digit-year", "no-year", "no-year-new-year-eve", "four-digit-year", "від-до"],
)
def test_a_header_dated_the_day_of_its_post_is_taken_as_written(
    header: str, when: str, expected: date
) -> None:
    found = header_of(f"Загальні бойові втрати противника {header} орієнтовно склали:", when)

    assert found == HeaderDate(expected, header.split()[-1])


def test_the_date_is_the_post_day_in_kyiv_not_in_utc() -> None:
    # 00:30 in Kyiv on 1 January is still 31 December in UTC.
    found = header_of(
        "Загальні бойові втрати противника з 24.02.22 по 01.01.25 орієнтовно склали:",
        "2025-01-01 00:30",
    )

    assert found == HeaderDate(date(2025, 1, 1), "01.01.25")


def test_a_report_posted_after_midnight_keeps_the_previous_days_date() -> None:
    found = header_of(
        "Загальні бойові втрати противника з 24.02.22 по 19.12.24 орієнтовно склали:",
        "2024-12-20 00:40",
    )

    assert found == HeaderDate(date(2024, 12, 19), "19.12.24")


@pytest.mark.parametrize(
    ("written", "when", "mended_to"),
    [
        ("01.08.25", "2025-09-01 07:35", date(2025, 9, 1)),
        ("01.01.25", "2026-01-01 07:35", date(2026, 1, 1)),
        ("01.08", "2022-09-01 07:35", date(2022, 9, 1)),
        ("19.12.24", "2024-12-20 07:35", date(2024, 12, 20)),
    ],
    ids=["month-not-turned", "year-not-turned", "2022-month-not-turned", "day-not-turned"],
)
def test_a_header_typo_in_one_field_is_mended_to_the_post_day(
    written: str, when: str, mended_to: date
) -> None:
    found = header_of(
        f"Загальні бойові втрати противника з 24.02.22 по {written} орієнтовно:", when
    )

    assert found == HeaderDate(mended_to, written, mended=True)


@pytest.mark.parametrize(
    ("written", "when"),
    [
        ("31.12.25", "2026-01-01 07:35"),
        ("15.03.24", "2024-12-20 07:35"),
        ("31.08", "2022-09-01 07:40"),
    ],
    ids=["whole-old-date-at-new-year", "unrelated-date", "2022-old-day-and-month"],
)
def test_a_header_date_no_single_typo_explains_is_refused(written: str, when: str) -> None:
    found = header_of(
        f"Загальні бойові втрати противника з 24.02.22 по {written} орієнтовно:", when
    )

    assert isinstance(found, HeaderDateMismatch)
    assert found.written == written
