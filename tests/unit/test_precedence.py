"""Two sources of one report: the official post outranks the figures API, agreement changes
nothing, a held reading is shown only once the other source confirms it, and only categories
both sources give can disagree."""

from __future__ import annotations

import dataclasses

from bot.domain.post_checks import Recount
from bot.domain.precedence import (
    Difference,
    Figures,
    Standing,
    differences,
    disagreement,
    shown,
    to_store,
)
from bot.domain.readings import Source
from bot.domain.reports import Report
from tests.support.dataset import report_of

API, CHANNEL = Source.API, Source.CHANNEL
DAY = report_of("2024-12-20")
"""Personnel about 770,420 (+2,200), tanks 9,584 (+8)."""
POST_URL = "https://t.me/GeneralStaffZSU/8003"


def from_channel(report: Report = DAY, **changes: int) -> Report:
    """`report` as the post gives it (its link), with some published changes changed."""
    return dataclasses.replace(report, changes={**report.changes, **changes}, source_url=POST_URL)


def with_totals(report: Report, **totals: int) -> Report:
    return dataclasses.replace(report, totals={**report.totals, **totals})


def test_the_same_figures_from_both_sources_do_not_disagree_whatever_their_links() -> None:
    assert differences(from_channel(), DAY) == ()


def test_a_category_only_one_source_gives_is_no_disagreement() -> None:
    api = with_totals(DAY, atgm_srbm_systems=4)  # the API keeps it after 2022-05-01
    post = with_totals(from_channel(), **{"лазерних комплексів": 3})  # an unknown line

    assert differences(post, api) == ()


def test_a_different_total_or_published_change_is_a_disagreement_naming_both_figures() -> None:
    post = with_totals(from_channel(personnel_units=2_300), tanks=9_585)

    found = disagreement(Standing(API, DAY), Standing(CHANNEL, post))

    assert found is not None
    assert (found.date, found.first, found.second) == (DAY.date, CHANNEL, API)
    assert found.differences == (
        Difference("personnel_units", Figures(770_420, 2_300), Figures(770_420, 2_200)),
        Difference("tanks", Figures(9_585, 8), Figures(9_584, 8)),
    )


def test_the_official_post_outranks_the_figures_api() -> None:
    post = from_channel(personnel_units=2_300)

    assert shown([Standing(API, DAY), Standing(CHANNEL, post)]) == Standing(CHANNEL, post)


def test_a_held_reading_is_not_shown_until_the_other_source_confirms_its_recounts() -> None:
    lost_digit = from_channel(personnel_units=220)  # (+2200) read as (+220)
    held = Standing(CHANNEL, lost_digit, (Recount("personnel_units", 1_980),))
    confirming = Standing(API, dataclasses.replace(DAY, changes=lost_digit.changes))

    assert shown([held]) is None
    assert shown([held, Standing(API, DAY)]) == Standing(API, DAY)
    assert shown([held, confirming]) == held


def test_agreement_with_the_stored_figures_of_another_source_changes_nothing() -> None:
    post = Standing(CHANNEL, from_channel())

    assert to_store(DAY, API, [post, Standing(API, DAY)]) is None
    assert to_store(from_channel(), CHANNEL, [post, Standing(API, DAY)]) is None


def test_the_first_valid_reading_of_a_new_date_is_stored() -> None:
    assert to_store(None, None, [Standing(API, DAY)]) == Standing(API, DAY)


def test_the_official_post_replaces_disagreeing_figures_of_the_api_but_not_the_reverse() -> None:
    post = Standing(CHANNEL, from_channel(personnel_units=2_300))

    assert to_store(DAY, API, [post, Standing(API, DAY)]) == post
    assert to_store(post.report, CHANNEL, [post, Standing(API, DAY)]) is None


def test_a_source_revising_its_own_stored_figures_replaces_them() -> None:
    revised = dataclasses.replace(DAY, changes={**DAY.changes, "tanks": 9})

    assert to_store(DAY, API, [Standing(API, revised)]) == Standing(API, revised)
