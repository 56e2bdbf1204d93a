"""The channel's public page (`https://t.me/s/<channel>`) read into posts, with BeautifulSoup.

The page holds, oldest first, a `div.tgme_widget_message[data-post]` per post inside
`section.tgme_channel_history`: the text in `div.tgme_widget_message_text.js-message_text`
(`<br/>` line breaks, emoji as characters inside `<i class="emoji">`, hashtags as links; a reply's
quoted text has another class and is not the post's), the time in
`a.tgme_widget_message_date > time[datetime]` (UTC), "edited" in `span.tgme_widget_message_meta`.

What is not such a page raises `PageUnreadable` with its kind: the channel's card without a
preview (blocked), a history without posts (empty), or anything else (changed in shape).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bs4 import BeautifulSoup, Tag

from bot.domain.post_parser import ChannelPost
from bot.sources.errors import UnavailableKind


class PageUnreadable(Exception):
    def __init__(self, kind: UnavailableKind, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ChannelPage:
    """The posts of one page, ascending by id; `before` pages back (None: the channel's start)."""

    posts: tuple[ChannelPost, ...]
    before: int | None


def parse_page(html: str | bytes, channel: str) -> ChannelPage:
    """The posts of a page of `channel`'s preview; raises `PageUnreadable`."""
    soup = BeautifulSoup(html, "html.parser")
    history = soup.select_one("section.tgme_channel_history")
    if history is None:
        if soup.select_one(".tgme_page, .tgme_page_extra") is not None:
            raise PageUnreadable(UnavailableKind.BLOCKED, "no preview, only the channel's card")
        raise PageUnreadable(UnavailableKind.CHANGED_SHAPE, "no message history on the page")
    blocks = history.select("div.tgme_widget_message[data-post]")
    if not blocks:
        raise PageUnreadable(UnavailableKind.EMPTY, "no posts on the page")
    posts = [post for block in blocks if (post := _post(block, channel)) is not None]
    if not posts:
        raise PageUnreadable(UnavailableKind.CHANGED_SHAPE, "no post with an id and a time")
    posts.sort(key=lambda post: post.id)
    more = history.select_one("a.js-messages_more[data-before]") or soup.select_one(
        'link[rel="prev"]'
    )
    return ChannelPage(tuple(posts), posts[0].id if more is not None else None)


def _post(block: Tag, channel: str) -> ChannelPost | None:
    """One post, or None for a block that is not one (a service message, no id or time)."""
    if "service_message" in (block.get("class") or ()):
        return None
    owner, _, number = str(block.get("data-post", "")).rpartition("/")
    stamp = block.select_one("a.tgme_widget_message_date time[datetime]")
    if owner.casefold() != channel.casefold() or not number.isdigit() or stamp is None:
        return None
    try:
        published = datetime.fromisoformat(str(stamp["datetime"]))
    except ValueError:
        return None
    if published.tzinfo is None:
        return None
    meta = block.select_one("span.tgme_widget_message_meta")
    link = block.select_one("a.tgme_widget_message_date")
    href = link.get("href") if link is not None else None
    return ChannelPost(
        id=int(number),
        published=published,
        text=_text(block),
        edited=meta is not None and "edited" in meta.get_text(),
        url=str(href) if href else f"https://t.me/{channel}/{number}",
    )


def _text(block: Tag) -> str:
    """The post's own text (the outermost text div), `<br>` as line ends."""
    node = block.select_one("div.tgme_widget_message_text.js-message_text")
    if node is None:
        return ""
    for line_break in node.find_all("br"):
        line_break.replace_with("\n")
    return node.get_text()
