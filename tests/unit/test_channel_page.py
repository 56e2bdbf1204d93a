"""The channel's page read into posts: text, time, edits and paging, and pages that are not one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sources.channel_page import PageUnreadable, parse_page
from bot.sources.errors import UnavailableKind
from tests.fakes.channel_html import (
    PagePost,
    blocked_page,
    changed_page,
    channel_page,
    post_html,
)

CHANNEL = "GeneralStaffZSU"
AT = datetime(2024, 12, 20, 5, 32, 10, tzinfo=UTC)
HEADER = "🔥 Загальні бойові #втрати противника з 24.02 по 21.08 орієнтовно склали:"


def page(*posts: PagePost, older: bool = True) -> str:
    return channel_page(CHANNEL, list(posts), older=older, newer=False)


def test_a_posts_text_keeps_its_lines_emoji_and_hashtags() -> None:
    text = f"{HEADER}\n\n• танків ‒ 1912 (+5)\n\nРазом переможемо! 🇺🇦"

    (post,) = parse_page(page(PagePost(7001, AT, text, photo=True)), CHANNEL).posts

    assert post.text == text


def test_a_post_has_its_id_time_link_and_edit_mark() -> None:
    html = page(PagePost(7001, AT, "a"), PagePost(7002, AT, "b", edited=True))

    first, second = parse_page(html, CHANNEL).posts

    assert (first.id, first.published, first.url, first.edited) == (
        7001,
        AT,
        "https://t.me/GeneralStaffZSU/7001",
        False,
    )
    assert second.edited


def test_the_page_pages_back_before_its_oldest_post() -> None:
    html = page(PagePost(7001, AT, "a"), PagePost(7002, AT, "b"))

    assert parse_page(html, CHANNEL).before == 7001
    assert parse_page(page(PagePost(5, AT, "a"), older=False), CHANNEL).before is None


def test_a_photo_without_a_caption_has_no_text() -> None:
    (post,) = parse_page(page(PagePost(7001, AT, None, photo=True)), CHANNEL).posts

    assert post.text == ""


def test_the_outer_text_of_a_doubled_text_block_is_read_once() -> None:
    # Album captions come as a text div inside a text div.
    inner = (
        '<div class="tgme_widget_message_text js-message_text" dir="auto">рядок<br/>другий</div>'
    )
    html = page(PagePost(7001, AT, "PLACEHOLDER")).replace("<b>PLACEHOLDER</b>", inner)

    (post,) = parse_page(html, CHANNEL).posts

    assert post.text == "рядок\nдругий"


def test_a_quoted_reply_is_not_the_posts_text() -> None:
    reply = (
        '<a class="tgme_widget_message_reply" href="https://t.me/GeneralStaffZSU/6990">'
        '<div class="tgme_widget_message_text js-message_reply_text" dir="auto">'
        "старий пост</div></a>"
    )
    html = page(PagePost(7001, AT, "новий")).replace(
        '<div class="tgme_widget_message_text', reply + '<div class="tgme_widget_message_text', 1
    )

    (post,) = parse_page(html, CHANNEL).posts

    assert post.text == "новий"


def test_service_messages_and_posts_without_a_time_or_of_another_channel_are_passed_over() -> None:
    service, kept, timeless, foreign = (
        post_html(CHANNEL, PagePost(number, AT, "x")) for number in (1, 2, 3, 4)
    )
    blocks = [
        service.replace('wrap js-widget_message"', 'wrap service_message js-widget_message"'),
        kept,
        timeless.replace(f'<time datetime="{AT.isoformat()}" class="time">07:32</time>', ""),
        foreign.replace('data-post="GeneralStaffZSU/4"', 'data-post="OtherChannel/4"'),
    ]
    html = page(PagePost(9, AT, "PLACEHOLDER")).replace(
        post_html(CHANNEL, PagePost(9, AT, "PLACEHOLDER")), "".join(blocks)
    )

    assert [post.id for post in parse_page(html, CHANNEL).posts] == [2]


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        (blocked_page(CHANNEL), UnavailableKind.BLOCKED),
        (channel_page(CHANNEL, [], older=False, newer=False), UnavailableKind.EMPTY),
        (changed_page(CHANNEL, [PagePost(7001, AT, "a")]), UnavailableKind.CHANGED_SHAPE),
        ("", UnavailableKind.CHANGED_SHAPE),
        ("<html><body>Too Many Requests</body></html>", UnavailableKind.CHANGED_SHAPE),
    ],
    ids=["preview-unavailable", "empty", "changed-shape", "blank", "other-page"],
)
def test_a_page_that_is_not_a_channel_history_says_what_it_is(
    html: str, kind: UnavailableKind
) -> None:
    with pytest.raises(PageUnreadable) as raised:
        parse_page(html, CHANNEL)

    assert raised.value.kind is kind
