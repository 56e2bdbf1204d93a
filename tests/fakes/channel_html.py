"""The HTML of `https://t.me/s/<channel>` as the fake serves it, modelled on real pages.

The markup follows pages saved from t.me/s/ (2023-2026; see the fidelity notes in
`tests/fakes/channel_page.py`): a `section.tgme_channel_history` holding, oldest first, one
`div.tgme_widget_message_wrap` per post, each a `div.tgme_widget_message[data-post]` with the
bubble, an optional photo wrap, the text (`<br/>` line breaks, emoji as `<i class="emoji">`
around the character, hashtags as links), and the footer with views, "edited" and the time
(`time[datetime]`, UTC). A "load more" link and `<link rel="prev">` carry `?before=<id>`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

TITLE = "Генеральний штаб ЗСУ / General Staff of the Armed Forces of Ukraine"
KYIV = ZoneInfo("Europe/Kyiv")
_EMOJI = ("🔥", "❗️", "⚡️", "🇺🇦", "📊", "🫡")
_HASHTAG = re.compile(r"#[^\s#<,.:;!?]+")
_TAIL = (
    '<i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" '
    'height="20px" viewBox="0 0 9 20"><g fill="none"><path class="background" fill="#ffffff" '
    'd="M8,1 L9,1 L9,20 L8,20 L8,18 C7.8,15.1 7.1,12.2 5.9,9.2 C5,6.8 3.5,4.7 1.3,2.7 Z">'
    "</path></g></svg></i>"
)


@dataclass(frozen=True)
class PagePost:
    """One post as the page shows it."""

    id: int
    published: datetime
    text: str | None
    """None: a photo without a caption."""
    photo: bool = False
    edited: bool = False


def text_html(text: str) -> str:
    """A post's text as t.me renders it: escaped, `<br/>`, emoji in `<i>`, hashtags as links."""
    lines = []
    for index, line in enumerate(html.escape(text, quote=False).split("\n")):
        line = _HASHTAG.sub(
            lambda tag: f'<a href="?q={tag[0].replace("#", "%23")}">{tag[0]}</a>', line
        )
        for emoji in _EMOJI:
            line = line.replace(emoji, _emoji_html(emoji))
        lines.append(f"<b>{line}</b>" if index == 0 and line else line)
    return "<br/>".join(lines)


def _emoji_html(emoji: str) -> str:
    code = emoji.replace("\ufe0f", "").encode().hex().upper()
    return (
        f'<i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/{code}.png'
        f"')\"><b>{emoji}</b></i>"
    )


def post_html(channel: str, post: PagePost) -> str:
    link = f"https://t.me/{channel}/{post.id}"
    digest = hashlib.sha1(f"{channel}{post.id}".encode()).hexdigest()
    photo = (
        f'<a class="tgme_widget_message_photo_wrap {post.id * 7919 % 10**7} '
        f'{post.id * 104729 % 10**7}" href="{link}" style="width:800px;background-image:'
        f"url('https://cdn4.telesco.pe/file/{digest}.jpg')\">"
        '<div class="tgme_widget_message_photo" style="padding-top:125%"></div></a>'
        if post.photo
        else ""
    )
    text = (
        ""
        if post.text is None
        else f'<div class="tgme_widget_message_text js-message_text" dir="auto">'
        f"{text_html(post.text)}</div>"
    )
    local = post.published.astimezone(KYIV)
    edited = "edited &nbsp;" if post.edited else ""
    return (
        '<div class="tgme_widget_message_wrap js-widget_message_wrap">'
        f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
        f'data-post="{channel}/{post.id}" data-view="{digest[:24]}">'
        f'<div class="tgme_widget_message_user"><a href="https://t.me/{channel}">'
        '<i class="tgme_widget_message_user_photo bgcolor1" data-content="Г">'
        '<img src="https://cdn4.telesco.pe/file/avatar.jpg"></i></a></div>'
        f'<div class="tgme_widget_message_bubble">{_TAIL}'
        '<div class="tgme_widget_message_author accent_color">'
        f'<a class="tgme_widget_message_owner_name" href="https://t.me/{channel}">'
        f'<span dir="auto">{html.escape(TITLE)}</span></a></div>'
        f"{photo}{text}"
        '<div class="tgme_widget_message_footer compact js-message_footer">'
        '<div class="tgme_widget_message_info short js-message_info">'
        f'<span class="tgme_widget_message_views">{(post.id * 37) % 900 + 100}K</span>'
        '<span class="copyonly"> views</span>'
        f'<span class="tgme_widget_message_meta">{edited}'
        f'<a class="tgme_widget_message_date" href="{link}">'
        f'<time datetime="{post.published.isoformat()}" class="time">'
        f"{local:%H:%M}</time></a></span></div></div></div></div></div>"
    )


def channel_page(channel: str, posts: Sequence[PagePost], *, older: bool, newer: bool) -> str:
    """The page holding `posts` (ascending); `older`/`newer`: whether posts exist beyond it."""
    first, last = (posts[0].id, posts[-1].id) if posts else (0, 0)
    links = (f'<link rel="prev" href="/s/{channel}?before={first}">' if older else "") + (
        f'<link rel="next" href="/s/{channel}?after={last}">' if newer else ""
    )
    more = (
        '<div class="tgme_widget_message_centered js-messages_more_wrap">'
        f'<a href="/s/{channel}?before={first}" class="tme_messages_more js-messages_more" '
        f'data-before="{first}"></a></div>'
        if older
        else ""
    )
    body = "".join(post_html(channel, post) for post in posts) or (
        '<div class="tme_no_messages_found">No posts found</div>'
    )
    history = f'<section class="tgme_channel_history js-message_history">{more}{body}</section>'
    return _document(
        channel,
        links,
        '<main class="tgme_main" data-url="/s/'
        f'{channel}"><div class="tgme_container">{history}</div></main>',
    )


def blocked_page(channel: str) -> str:
    """What t.me shows instead of the preview when it is not available: the channel's card."""
    card = (
        '<div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page">'
        f'<div class="tgme_page_title"><span dir="auto">{html.escape(TITLE)}</span></div>'
        '<div class="tgme_page_extra">1 312 400 subscribers</div>'
        '<div class="tgme_page_action"><a class="tgme_action_button_new shine" '
        f'href="tg://resolve?domain={channel}">View in Telegram</a></div>'
        "</div></div></div>"
    )
    return _document(channel, "", card)


def changed_page(channel: str, posts: Sequence[PagePost]) -> str:
    """The same posts in a markup the reader does not know (t.me redesigned its preview)."""
    articles = "".join(
        f'<article class="tg-post" id="post-{post.id}"><p>{html.escape(post.text or "")}</p>'
        f'<span class="tg-post__date">{post.published.isoformat()}</span></article>'
        for post in posts
    )
    return _document(channel, "", f'<main class="tg-feed">{articles}</main>')


def _document(channel: str, links: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(TITLE)} – Telegram</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f'<meta property="og:title" content="{html.escape(TITLE)}">\n'
        f'<link rel="canonical" href="https://t.me/s/{channel}">{links}\n'
        '</head>\n<body class="widget_frame_base tgme_webpreview_body">\n'
        '<header class="tgme_header search_collapsed"><div class="tgme_header_search">'
        '<form class="tgme_header_search_form"><input class="tgme_header_search_form_input" '
        'placeholder="Search" name="q"></form></div></header>\n'
        f"{body}\n"
        '<script src="//telegram.org/js/widget-frame.js?66"></script>\n</body>\n</html>\n'
    )
