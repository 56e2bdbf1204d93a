"""The /settings keyboard and the words above it: what a chat (or a forum topic of it) receives,
marked ✅ or ▫️.

The main page: the daily post and its picture card, personnel record alerts, milestones, the
weekly and monthly digests, silent delivery, a page of per-category record alerts, the language,
and "done"; in a private chat, a row per channel its user let the bot post in. A keyboard that
shows another chat's settings (a channel's, in its admin's private chat) names that chat in every
button (`View.target`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.chats import Chat, ChatKind, ChatSettings, Language
from bot.render import languages, text
from bot.render.formatting import category_label
from bot.telegram.callback_data import (
    RECORD_ALERT_CATEGORIES,
    ButtonData,
    CloseSettings,
    Option,
    Page,
    SettingsLanguage,
    ShowPage,
    ToggleCategory,
    ToggleOption,
    encode,
)
from bot.telegram.context import BotContext
from bot.telegram.replies import key_for

Keyboard = Sequence[Sequence[InlineKeyboardButton]]

OPTION_ROWS: tuple[tuple[Option, ...], ...] = (
    (Option.DAILY_POST,),
    (Option.PICTURE_CARD,),
    (Option.RECORD_ALERTS,),
    (Option.MILESTONE_ALERTS,),
    (Option.WEEKLY_DIGEST, Option.MONTHLY_DIGEST),
    (Option.SILENT,),
)
"""The switches of the main page by row: the picture card under the daily post it shapes, the two
digests side by side (short labels)."""


_SUBSCRIBED = {True: "settings-subscribed", False: "settings-not-subscribed"}


def is_on(settings: ChatSettings, option: Option) -> bool:
    """Option values are the names of ChatSettings' switches."""
    return bool(getattr(settings, option))


def _toggle(lang: str, label: str, on: bool, data: ButtonData) -> InlineKeyboardButton:
    shown = text(lang, "settings-on" if on else "settings-off", label=label)
    return InlineKeyboardButton(shown, callback_data=encode(data))


def _button(lang: str, key: str, data: ButtonData, **args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text(lang, key, **args), callback_data=encode(data))


@dataclass(frozen=True, slots=True)
class View:
    """Who looks at whose settings: the words in `lang`; `target` is the chat whose settings
    they are when the keyboard sits elsewhere (a channel's, in its admin's private chat)."""

    lang: Language
    target: int | None = None


def _main_page(settings: ChatSettings, view: View) -> Keyboard:
    lang, target = view.lang, view.target
    rows = [
        [
            _toggle(lang, text(lang, f"settings-{o}"), is_on(settings, o), ToggleOption(o, target))
            for o in row
        ]
        for row in OPTION_ROWS
    ]
    chosen = len(settings.category_records.intersection(RECORD_ALERT_CATEGORIES))
    categories = ShowPage(Page.CATEGORIES, target)
    rows.append([_button(lang, "settings-categories", categories, count=chosen)])
    rows.append(
        [
            _toggle(
                lang,
                text(to, "language-label"),
                to == settings.language,
                SettingsLanguage(to, target),
            )
            for to in languages()
        ]
    )
    rows.append([_button(lang, "settings-done", CloseSettings(target))])
    return rows


def _categories_page(settings: ChatSettings, view: View) -> Keyboard:
    lang, chosen = view.lang, settings.category_records
    rows = [
        [_toggle(lang, category_label(key, lang), key in chosen, ToggleCategory(key, view.target))]
        for key in RECORD_ALERT_CATEGORIES
    ]
    rows.append([_button(lang, "settings-back", ShowPage(Page.MAIN, view.target))])
    return rows


def settings_keyboard(
    chat: Chat, page: Page, view: View | None = None, extra: Keyboard = ()
) -> InlineKeyboardMarkup:
    """The keyboard of `chat`'s settings on `page` (`extra` rows above "done" on the main page:
    the channels a private chat's user manages)."""
    view = view or View(chat.language)
    if page == Page.CATEGORIES:
        return InlineKeyboardMarkup(_categories_page(chat.settings, view))
    rows = _main_page(chat.settings, view)
    return InlineKeyboardMarkup([*rows[:-1], *extra, rows[-1]])


def settings_text(chat: Chat, page: Page, view: View | None = None) -> str:
    """The words above the keyboard: whose settings, subscribed or not, and what the picture
    card does while the daily post is off."""
    view = view or View(chat.language)
    lang = view.lang
    if page == Page.CATEGORIES:
        return text(lang, "settings-categories-title")
    if view.target is None:
        title = text(lang, key_for(chat, "settings-title"))
    else:
        title = text(lang, "settings-title-of", title=html.escape(chat.title or str(chat.chat_id)))
    lines = [
        title,
        text(lang, key_for(chat, _SUBSCRIBED[chat.subscribed])),
    ]
    if chat.settings.picture_card and not chat.settings.daily_post:
        lines.append(text(lang, "settings-card-without-post"))
    return "\n\n".join(lines)


async def channel_rows(context: BotContext, user_id: int, lang: Language) -> Keyboard:
    """A button per channel the user let the bot post in: its settings, from the private chat."""
    channels = await context.chats.added_by(user_id)
    return [
        [
            _button(
                lang,
                "settings-channel",
                ShowPage(Page.MAIN, channel.chat_id),
                title=channel.title or str(channel.chat_id),
            )
        ]
        for channel in channels
        if channel.kind is ChatKind.CHANNEL
    ]
