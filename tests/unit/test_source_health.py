"""A source failing all morning is told once that day; what the admins read of the two sources
(a held reading, a disagreement, a failing source, a post refused), in English and Ukrainian."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.post_checks import Recount
from bot.domain.post_refusals import HeaderDateMismatch, PartMissing, RecountTooLarge, TotalFell
from bot.domain.precedence import Difference, Disagreement, Figures
from bot.domain.readings import Reading, Source
from bot.render.refusals import refusal_notice
from bot.render.sources import disagreement_notice, failing_notice, held_notice
from bot.services.source_health import FailingAllMorning, Morning, SourceState
from tests.support.dataset import report_of

KYIV = ZoneInfo("Europe/Kyiv")
DAY = date(2025, 3, 10)
MORNING = Morning(KYIV, time(6, 0), time(12, 0))


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), KYIV)


def failed_from(*moments: datetime) -> SourceState:
    state = SourceState(last_success=at(7, day=DAY - timedelta(days=1)))
    for moment in moments:
        state = state.polled(moment, "down: HTTP 502")
    return state


def test_a_source_that_failed_every_read_of_the_morning_is_told_once_at_the_hour() -> None:
    state = failed_from(at(6, 1), at(9), at(11, 59))

    before, too_early = MORNING.failing(Source.CHANNEL, state, at(11, 59))
    state, notice = MORNING.failing(Source.CHANNEL, state, at(12))
    _, again = MORNING.failing(Source.CHANNEL, state.polled(at(13), "slow: timeout"), at(13))

    assert too_early is None
    assert notice == FailingAllMorning(Source.CHANNEL, "down: HTTP 502", before.last_success)
    assert again is None


def test_a_source_that_succeeded_once_this_morning_is_not_failing_all_morning() -> None:
    state = failed_from(at(6, 1)).polled(at(8), None).polled(at(9), "down: HTTP 502")

    assert MORNING.failing(Source.API, state, at(12))[1] is None


def test_a_source_not_read_this_morning_is_not_failing() -> None:
    state = failed_from(at(21, day=DAY - timedelta(days=1)))

    assert MORNING.failing(Source.API, state, at(12))[1] is None


def test_a_source_still_failing_the_next_day_is_told_again() -> None:
    state, _ = MORNING.failing(Source.API, failed_from(at(6, 1)), at(12))
    tomorrow = DAY + timedelta(days=1)

    state = state.polled(at(6, 5, day=tomorrow), "blocked: redirected")

    assert MORNING.failing(Source.API, state, at(12, day=tomorrow))[1] is not None


def test_what_is_remembered_of_a_source_survives_a_restart() -> None:
    state, _ = MORNING.failing(Source.API, failed_from(at(6, 1)), at(12))

    assert SourceState.from_json(state.as_json()) == state


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "• Personnel: official post 20,900 (+100), figures API 20,900 (+130)"),
        (
            "uk",
            "• Особовий склад: офіційний допис 20\u00a0900 (+100), API даних 20\u00a0900 (+130)",
        ),
    ],
)
def test_a_disagreement_names_the_date_the_category_both_figures_and_both_sources(
    lang: str, expected: str
) -> None:
    found = Disagreement(
        date(2022, 4, 20),
        Source.CHANNEL,
        Source.API,
        (Difference("personnel_units", Figures(20_900, 100), Figures(20_900, 130)),),
        ("a", "b"),
    )

    notice = disagreement_notice(found, lang)

    assert expected in notice.splitlines()
    assert ("20 April 2022" if lang == "en" else "20 квітня 2022") in notice


def test_a_held_reading_names_its_recounts_and_waits_for_the_other_source() -> None:
    held = Reading(
        Source.CHANNEL,
        report_of("2022-04-20"),
        recounts=(Recount("personnel_units", 90),),
    )

    notice = held_notice(held, "en")

    assert notice.startswith("⏸ <b>Held the report of 20 April 2022 from the official post</b>")
    assert "(Personnel +90)" in notice
    assert "only once the other source confirms these figures" in notice


def test_a_source_failing_all_morning_says_why_and_when_it_last_succeeded() -> None:
    last = datetime(2025, 3, 9, 5, 31, 2, tzinfo=UTC)

    notice = failing_notice(Source.CHANNEL, "blocked: redirected to <x>", last, "en", KYIV)

    assert notice.startswith("📡 <b>The official post has failed all morning</b>")
    assert "blocked: redirected to &lt;x&gt;" in notice
    assert "9 March 2025, 07:31:02" in notice


def test_a_post_that_is_no_report_is_told_without_a_date_with_its_reason() -> None:
    refused = Reading(Source.CHANNEL, None, (PartMissing((2,), 2),), raw="[]")

    notice = refusal_notice(refused, "en")

    assert "Refused a post that is not a whole report</b> (official post)" in notice
    assert "• part 2 of 2 of a split post is missing" in notice


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (TotalFell("personnel_units", 2_900, 20_800), "Personnel fell from 20,800 to 2,900"),
        (RecountTooLarge("tanks", 85, 815), "Tanks: 85 is not the previous total plus"),
        (HeaderDateMismatch("31.13", date(2022, 4, 20)), "its header says 31.13, but it was"),
    ],
)
def test_a_refused_post_says_what_does_not_hold_together(reason: object, expected: str) -> None:
    refused = Reading(Source.CHANNEL, report_of("2022-04-20"), (reason,))  # type: ignore[arg-type]

    assert expected in refusal_notice(refused, "en")
    assert refusal_notice(refused, "uk")
