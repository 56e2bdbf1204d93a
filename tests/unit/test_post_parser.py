"""The post parser on hand-written posts: every era's wording, numbers, dashes, unknown lines,
other posts, split and edited posts. Figures are the real reports' (`report_of`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.post_parser import read_post
from bot.domain.post_readings import PostReading, PostRefused, Reading, read_reports
from bot.domain.post_refusals import (
    MergedPartMissing,
    NoFigures,
    NotALossesPost,
    RepeatedCategory,
    UnreadableLine,
)
from tests.support.dataset import report_of
from tests.support.posts import post_at

POST_2024_12_20 = """⚡️
Загальні бойові втрати противника з 24.02.22 по 20.12.24 орієнтовно склали:

особового складу ‒ близько 770420 (+2200) осіб,
танків ‒ 9584 (+8) од,
бойових броньованих машин ‒ 19823 (+24) од,
артилерійських систем – 21220 (+42) од,
РСЗВ – 1256 (+0) од,
засобів ППО ‒ 1027 (+1) од,
літаків – 369 (+0) од,
гелікоптерів – 329 (+0) од,
БпЛА оперативно-тактичного рівня – 20600 (+79),
крилатих ракет ‒ 2943 (+0),
кораблів / катерів ‒ 28 (+0) од,
підводних човнів – 1 (+0) од,
автомобільної техніки та автоцистерн – 31793 (+115) од,
спеціальної техніки ‒ 3662 (+6).

Дані уточнюються.
#russiaisaterroriststate"""

POST_2022_04_30 = """❗️Загальні бойові #втрати противника з 24.02 по 30.04 орієнтовно склали:

• особового складу - ліквідовано близько 23200 (+200),
• танків ‒ 1008 (+22),
• бойових броньованих машин  ‒ 2445 (+27),
• артилерійських систем – 436 (+1),
• РСЗВ - 151,
• засоби ППО - 77 (+4),
• літаків – 190 (+1),
• гелікоптерів – 155,
• автомобільної техніки - 1701 (+6),
• кораблі /катери - 8,
• цистерн з ПММ - 76,
• БПЛА оперативно-тактичного рівня - 232 (+3),
• спеціальна техніка - 32 (+1),
• пускові установки ОТРК/ТРК - 4."""


def read_one(text: str, when: str = "2024-12-20 07:32") -> Reading:
    readings = read_reports([post_at(text, when)])
    assert len(readings) == 1
    return readings[0]


def reading_of(text: str, when: str = "2024-12-20 07:32") -> PostReading:
    reading = read_one(text, when)
    assert isinstance(reading, PostReading), reading
    return reading


def test_a_post_from_2024_reads_back_to_the_real_report() -> None:
    reading = reading_of(POST_2024_12_20)

    expected = report_of("2024-12-20")
    assert reading.report == replace(expected, source_url="https://t.me/GeneralStaffZSU/100")
    assert reading.unknown == ()


def test_a_2022_line_without_a_change_means_no_change_that_day() -> None:
    reading = reading_of(POST_2022_04_30, "2022-04-30 09:10")

    assert reading.report.changes["mlrs"] == 0
    assert reading.report.changes["helicopters"] == 0
    assert reading.report.changes["tanks"] == 22


def test_before_may_2022_vehicles_and_fuel_tanks_are_summed_as_the_api_does() -> None:
    reading = reading_of(POST_2022_04_30, "2022-04-30 09:10")

    assert dict(reading.report.totals) == dict(report_of("2022-04-30").totals)
    assert dict(reading.report.changes) == dict(report_of("2022-04-30").changes)
    assert reading.report.totals["vehicles_fuel_tanks"] == 1701 + 76
    assert reading.report.totals["atgm_srbm_systems"] == 4


def test_one_of_the_two_vehicle_lines_alone_refuses_the_post() -> None:
    text = POST_2022_04_30.replace("• цистерн з ПММ - 76,\n", "")

    reading = read_one(text, "2022-04-30 09:10")

    assert reading == PostRefused(
        MergedPartMissing("vehicles_fuel_tanks", "fuel_tank"), reading.posts
    )


def test_ground_robotic_systems_are_read_from_may_2026() -> None:
    text = POST_2024_12_20.replace("20.12.24", "03.05.26") + (
        "\nназемних робототехнічних комплексів ‒ 1306 (+1306) од."
    )

    reading = reading_of(text, "2026-05-03 08:01")

    assert reading.report.totals["ground_robotic_systems"] == 1306


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\u2009"], ids=repr)
def test_thousands_grouped_with_any_space_are_read(space: str) -> None:
    text = POST_2024_12_20.replace("770420 (+2200)", f"770{space}420 (+2{space}200)")

    reading = reading_of(text)

    assert (
        reading.report.totals["personnel_units"],
        reading.report.changes["personnel_units"],
    ) == (
        770_420,
        2_200,
    )


@pytest.mark.parametrize("dash", ["‒", "–", "—", "-", "−"])
def test_every_dash_separates_the_label_from_the_figures(dash: str) -> None:
    text = POST_2024_12_20.replace("танків ‒ 9584", f"танків {dash} 9584")

    assert reading_of(text).report.totals["tanks"] == 9584


def test_a_hyphen_inside_a_label_is_not_a_dash() -> None:
    reading = reading_of(POST_2024_12_20)

    assert reading.report.totals["uav_systems"] == 20600


def test_a_grouped_number_that_lost_a_digit_is_unreadable_never_another_number() -> None:
    text = POST_2024_12_20.replace("770420", "770 42")

    assert read_one(text) == PostRefused(
        UnreadableLine("особового складу ‒ близько 770 42 (+2200) осіб,"), (post_at(text),)
    )


@pytest.mark.parametrize("minus", ["-", "‒", "−"])
def test_a_negative_published_change_is_read(minus: str) -> None:
    text = POST_2024_12_20.replace("літаків – 369 (+0)", f"літаків – 369 ({minus}3)")

    assert reading_of(text).report.changes["planes"] == -3


def test_an_unknown_line_is_kept_by_its_words() -> None:
    text = POST_2024_12_20.replace(
        "спеціальної техніки ‒ 3662 (+6).",
        "спеціальної техніки ‒ 3662 (+6),\nлазерних  комплексів ‒ 3 (+1) од.",
    )

    reading = reading_of(text)

    assert reading.unknown == ("лазерних комплексів",)
    assert (
        reading.report.totals["лазерних комплексів"],
        reading.report.changes["лазерних комплексів"],
    ) == (3, 1)


def test_a_line_after_the_figures_with_a_dash_and_a_number_is_not_a_category() -> None:
    text = POST_2024_12_20 + "\n\nГаряча лінія — 0 800 500 000"

    assert reading_of(text).unknown == ()


def test_a_known_category_without_readable_figures_refuses_the_post() -> None:
    text = POST_2024_12_20.replace("танків ‒ 9584 (+8) од", "танків ‒ (+8) од")

    assert isinstance(read_one(text), PostRefused)
    assert read_one(text).refusal == UnreadableLine("танків ‒ (+8) од,")  # type: ignore[union-attr]


def test_two_lines_for_one_category_refuse_the_post() -> None:
    text = POST_2024_12_20.replace(
        "літаків – 369 (+0) од,", "літаків – 369 (+0) од,\nлітаки – 370 (+1) од,"
    )

    assert read_one(text).refusal == RepeatedCategory("planes")  # type: ignore[union-attr]


def test_a_post_with_the_header_but_no_figures_is_refused() -> None:
    text = (
        "Загальні бойові втрати противника з 24.02.22 по 20.12.24 орієнтовно склали:\n\n"
        "Дані уточнюються."
    )

    assert read_post(post_at(text)) == NoFigures()


@pytest.mark.parametrize(
    "text",
    [
        "⚡️ Оперативна інформація станом на 06.00 20.12.2024 щодо російського вторгнення\n\n"
        "Противник зазнає значних втрат в особовому складі та техніці.",
        "📊 Втрати противника за тиждень:\n\nособового складу ‒ 8700 осіб,\nтанків ‒ 45 од.",
        "🇺🇦 1000 днів героїчного спротиву.\n\nДякуємо кожному.\n"
        "Загальні бойові втрати противника з 24.02.22 по 20.12.24 перевищили 770 тисяч осіб.",
        "The total combat losses of the enemy from 24.02.22 to 20.12.24 were approximately:\n"
        "personnel ‒ about 770420 (+2200) persons",
        "",
        "Частина (1/2): деталі згодом.",
    ],
    ids=[
        "operational-update",
        "weekly-summary",
        "anniversary",
        "english",
        "photo-only",
        "other-1/2",
    ],
)
def test_the_channels_other_posts_are_not_losses_posts(text: str) -> None:
    assert read_post(post_at(text)) == NotALossesPost()
    assert read_reports([post_at(text)]) == []


def test_a_report_links_its_post_and_an_edit_makes_it_a_revision() -> None:
    reading = read_reports([post_at(POST_2024_12_20, post_id=7312, edited=True)])[0]

    assert isinstance(reading, PostReading)
    assert reading.report.source_url == "https://t.me/GeneralStaffZSU/7312"
    assert reading.revision


def test_a_report_split_over_two_posts_is_joined() -> None:
    first, second = POST_2024_12_20.split("РСЗВ")
    posts = [
        post_at(first.replace("склали:", "склали (1/2):"), "2024-12-20 07:32", post_id=10),
        post_at("(2/2)\n\nРСЗВ" + second, "2024-12-20 07:33", post_id=11),
    ]

    (reading,) = read_reports(posts)

    assert isinstance(reading, PostReading)
    assert dict(reading.report.totals) == dict(report_of("2024-12-20").totals)
    assert [post.id for post in reading.posts] == [10, 11]


def test_parts_published_hours_apart_are_not_one_report() -> None:
    first, second = POST_2024_12_20.split("РСЗВ")
    posts = [
        post_at(first + " (1/2)", "2024-12-20 07:32", post_id=10),
        post_at("(2/2)\nРСЗВ" + second, "2024-12-20 11:00", post_id=11),
    ]

    assert [type(reading) for reading in read_reports(posts)] == [PostRefused, PostRefused]
