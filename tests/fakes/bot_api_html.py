"""Telegram's HTML parse mode: markup in, plain text and message entities out.

Only the tags Telegram supports are accepted; an unsupported tag, a stray `<` or unbalanced tags
answer Telegram's "can't parse entities" error, so a test catches broken markup the way the real
API would. Offsets and lengths count UTF-16 code units, as Telegram's do. Results are cached:
a broadcast sends the same text to many chats.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from tests.fakes.bot_api_errors import ApiError, bad_request
from tests.fakes.bot_api_objects import JsonDict

_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>|<|&(#[0-9]+|#x[0-9a-fA-F]+|[a-z]+);")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_ENTITY_OF_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED_CHARACTERS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cannot_parse(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _byte_offset(text: str, position: int) -> int:
    return len(text[:position].encode())


@lru_cache(maxsize=4096)
def parse_html(markup: str) -> tuple[str, tuple[JsonDict, ...]]:
    """The text Telegram shows for `markup` and its entities; raises Telegram's 400 if invalid."""
    if "<" not in markup and "&" not in markup:
        return markup, ()
    chunks: list[str] = []
    length = 0
    open_tags: list[tuple[str, int, JsonDict]] = []
    entities: list[JsonDict] = []
    position = 0
    for token in _TOKEN.finditer(markup):
        text = markup[position : token.start()]
        chunks.append(text)
        length += _utf16_length(text)
        position = token.end()
        closing, tag, attributes, character = token.groups()
        if character is not None:
            decoded = _decode_character(character, token.group())
            chunks.append(decoded)
            length += _utf16_length(decoded)
        elif tag is None:
            offset = _byte_offset(markup, token.start())
            raise _cannot_parse(f"Unsupported start tag at byte offset {offset}")
        elif closing:
            entity = _close(markup, token.start(), tag.lower(), open_tags, length)
            if entity is not None:
                entities.append(entity)
        else:
            open_tags.append((tag.lower(), length, _open(markup, token.start(), tag, attributes)))
    if open_tags:
        raise _cannot_parse(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    chunks.append(markup[position:])
    entities.sort(key=lambda entity: entity["offset"])
    return "".join(chunks), tuple(entities)


def _decode_character(name: str, raw: str) -> str:
    if name.startswith("#"):
        return html.unescape(raw)
    return _NAMED_CHARACTERS.get(name, raw)


def _open(markup: str, position: int, tag: str, attributes: str) -> JsonDict:
    name = tag.lower()
    values = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(attributes)}
    if name not in _ENTITY_OF_TAG or (name == "span" and values.get("class") != "tg-spoiler"):
        offset = _byte_offset(markup, position)
        raise _cannot_parse(f'Unsupported start tag "{name}" at byte offset {offset}')
    entity: JsonDict = {"type": _ENTITY_OF_TAG[name]}
    if name == "a":
        entity["url"] = values.get("href", "")
    elif name == "tg-emoji":
        entity["custom_emoji_id"] = values.get("emoji-id", "")
    elif name == "blockquote" and "expandable" in attributes:
        entity["type"] = "expandable_blockquote"
    elif name == "code" and values.get("class", "").startswith("language-"):
        entity["language"] = values["class"].removeprefix("language-")
    return entity


def _close(
    markup: str, position: int, tag: str, open_tags: list[tuple[str, int, JsonDict]], length: int
) -> JsonDict | None:
    if not open_tags:
        raise _cannot_parse(f"Unexpected end tag at byte offset {_byte_offset(markup, position)}")
    name, start, entity = open_tags.pop()
    if name != tag:
        offset = _byte_offset(markup, position)
        raise _cannot_parse(
            f'Unmatched end tag at byte offset {offset}, expected "</{name}>", found "</{tag}>"'
        )
    language = entity.pop("language", None)
    if language is not None and open_tags and open_tags[-1][0] == "pre":
        open_tags[-1][2]["language"] = language  # <pre><code class="language-x"> is one entity
        return None
    if length == start or (entity["type"] == "text_link" and not entity["url"]):
        return None
    return {**entity, "offset": start, "length": length - start}
