"""Channel posts as raw text to keep with an observation, and back, so that a parser fix can
read old posts again without fetching them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from bot.domain.post_parser import ChannelPost


def encode_posts(posts: Iterable[ChannelPost]) -> str:
    """The posts as JSON: id, time (ISO 8601), edited, url and text, in order."""
    return json.dumps(
        [
            {
                "id": post.id,
                "published": post.published.isoformat(),
                "edited": post.edited,
                "url": post.url,
                "text": post.text,
            }
            for post in posts
        ],
        ensure_ascii=False,
    )


def decode_posts(raw: str) -> tuple[ChannelPost, ...]:
    """The posts that `encode_posts` wrote."""
    return tuple(
        ChannelPost(
            id=int(item["id"]),
            published=datetime.fromisoformat(item["published"]),
            text=str(item["text"]),
            edited=bool(item["edited"]),
            url=item["url"],
        )
        for item in json.loads(raw)
    )
