"""The /settings keyboard: what a chat receives, switched on and off in the same message.

The keyboard shows the chat's settings in its language, each marked ✅ or ▫️: the daily post and
its picture card, personnel record alerts, milestones, the weekly and monthly digests, silent
delivery, a page of per-category record alerts, the language, and "done". Each press re-reads
the chat, applies its one change, stores it and edits the message. Updates are handled
concurrently, so changes to one chat's settings are made one at a time under that chat's lock:
two admins pressing at once both get their change, and the last edit shows both.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any
from weakref import WeakValueDictionary

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.delivery.outcomes import Unchanged, classify
from bot.domain.chats import Chat, ChatSettings, Language
from bot.render import languages, text
from bot.render.formatting import category_label
from bot.services.chats import language_of
from bot.telegram.callback_data import (
    RECORD_ALERT_CATEGORIES,
    ButtonData,
    CloseSettings,
    Option,
    Page,
    SettingsButton,
    SettingsLanguage,
    ShowPage,
    ToggleCategory,
    ToggleOption,
    button_pattern,
    decode,
    encode,
    is_unreadable,
)
from bot.telegram.chat_language import known_chat
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES
from bot.telegram.permissions import may_manage

Change = Callable[[ChatSettings], ChatSettings]
Keyboard = list[list[InlineKeyboardButton]]

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

# A lock lives while someone holds it or waits for it; a chat nobody is changing has none.
_locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()


def _chat_lock(chat_id: int) -> asyncio.Lock:
    lock = _locks.get(chat_id)
    if lock is None:
        lock = _locks[chat_id] = asyncio.Lock()
    return lock


def with_language(language: Language) -> Change:
    return lambda settings: dataclasses.replace(settings, language=language)


def _is_on(settings: ChatSettings, option: Option) -> bool:
    """Option values are the names of ChatSettings' switches."""
    return bool(getattr(settings, option))


def _switched(settings: ChatSettings, option: Option) -> ChatSettings:
    changes: dict[str, Any] = {option.value: not _is_on(settings, option)}
    return dataclasses.replace(settings, **changes)


def _change_of(button: ButtonData | None) -> Change:
    match button:
        case ToggleOption(option=option):
            return lambda s: _switched(s, option)
        case ToggleCategory(key=key):
            return lambda s: dataclasses.replace(s, category_records=s.category_records ^ {key})
        case SettingsLanguage(language=language):
            return with_language(language)
    return lambda settings: settings


async def _apply(context: BotContext, chat_id: int, change: Change) -> Chat | None:
    chat = await context.chats.get(chat_id)
    if chat is None:
        return None
    changed = change(chat.settings)
    if changed == chat.settings:
        return chat
    return await context.chats.update_settings(chat_id, changed)


async def change_settings(context: BotContext, chat_id: int, change: Change) -> Chat | None:
    """Re-reads the chat and stores `change` of its settings (None if the chat is unknown)."""
    async with _chat_lock(chat_id):
        return await _apply(context, chat_id, change)


def _toggle(lang: str, label: str, on: bool, data: ButtonData) -> InlineKeyboardButton:
    shown = text(lang, "settings-on" if on else "settings-off", label=label)
    return InlineKeyboardButton(shown, callback_data=encode(data))


def _button(lang: str, key: str, data: ButtonData, **args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text(lang, key, **args), callback_data=encode(data))


def _main_page(settings: ChatSettings) -> Keyboard:
    lang = settings.language
    rows = [
        [
            _toggle(lang, text(lang, f"settings-{o}"), _is_on(settings, o), ToggleOption(o))
            for o in row
        ]
        for row in OPTION_ROWS
    ]
    chosen = len(settings.category_records.intersection(RECORD_ALERT_CATEGORIES))
    rows.append([_button(lang, "settings-categories", ShowPage(Page.CATEGORIES), count=chosen)])
    rows.append(
        [
            _toggle(lang, text(to, "language-label"), to == lang, SettingsLanguage(to))
            for to in languages()
        ]
    )
    rows.append([_button(lang, "settings-done", CloseSettings())])
    return rows


def _categories_page(settings: ChatSettings) -> Keyboard:
    lang, chosen = settings.language, settings.category_records
    rows = [
        [_toggle(lang, category_label(key, lang), key in chosen, ToggleCategory(key))]
        for key in RECORD_ALERT_CATEGORIES
    ]
    rows.append([_button(lang, "settings-back", ShowPage(Page.MAIN))])
    return rows


def settings_keyboard(chat: Chat, page: Page) -> InlineKeyboardMarkup:
    pages = {Page.MAIN: _main_page, Page.CATEGORIES: _categories_page}
    return InlineKeyboardMarkup(pages[page](chat.settings))


def settings_text(chat: Chat, page: Page) -> str:
    if page == Page.CATEGORIES:
        return text(chat.language, "settings-categories-title")
    status = "settings-subscribed" if chat.subscribed else "settings-not-subscribed"
    return f"{text(chat.language, 'settings-title')}\n\n{text(chat.language, status)}"


def _page_after(button: ButtonData | None) -> Page:
    match button:
        case ShowPage(page=page):
            return page
        case ToggleCategory():
            return Page.CATEGORIES
    return Page.MAIN


async def edit_if_changed(
    query: CallbackQuery, new_text: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """Edits the pressed message, unless it already shows `keyboard` (Telegram refuses an edit
    that changes nothing, e.g. a second press on the language already chosen). Two quick presses
    both see the message as it was; the second edit, refused as changing nothing, is done too."""
    shown = query.message
    if keyboard is not None and isinstance(shown, Message) and shown.reply_markup == keyboard:
        return
    try:
        await query.edit_message_text(new_text, reply_markup=keyboard)
    except BadRequest as error:
        if not isinstance(classify(error), Unchanged):
            raise


def _query(update: Update) -> CallbackQuery:
    if update.callback_query is None:
        raise ValueError(f"update {update.update_id} carries no callback query")
    return update.callback_query


async def settings_command(update: Update, context: BotContext) -> None:
    chat = await known_chat(update, context)
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    if not await may_manage(update, context):
        await message.reply_text(text(chat.language, "chats-admins-only"))
        return
    await message.reply_text(
        settings_text(chat, Page.MAIN), reply_markup=settings_keyboard(chat, Page.MAIN)
    )


async def on_settings_button(update: Update, context: BotContext) -> None:
    query = _query(update)
    chat = await known_chat(update, context)
    if not await may_manage(update, context):
        await query.answer(text(chat.language, "chats-admins-only"), show_alert=True)
        return
    button = decode(query.data)
    page = _page_after(button)
    if isinstance(button, CloseSettings):
        await edit_if_changed(query, text(chat.language, "settings-saved"), None)
    else:
        # The edit too is made under the lock, so that the last edit shows every change.
        async with _chat_lock(chat.chat_id):
            chat = await _apply(context, chat.chat_id, _change_of(button)) or chat
            await edit_if_changed(query, settings_text(chat, page), settings_keyboard(chat, page))
    await query.answer()


async def on_unreadable_button(update: Update, context: BotContext) -> None:
    """Any button whose data this bot cannot read: expired (an older bot) or garbled."""
    query = _query(update)
    if update.effective_chat is None:  # a button under an inline message has no chat
        lang = language_of(query.from_user.language_code)
    else:
        lang = (await known_chat(update, context)).language
    await query.answer(text(lang, "chats-button-expired"), show_alert=True)


def register(application: BotApplication) -> None:
    """/settings, its buttons, and the answer to every button no handler can read."""
    application.add_handler(CommandHandler("settings", settings_command, filters=COMMAND_UPDATES))
    application.add_handler(
        CallbackQueryHandler(on_settings_button, pattern=button_pattern(SettingsButton))
    )
    application.add_handler(CallbackQueryHandler(on_unreadable_button, pattern=is_unreadable))
