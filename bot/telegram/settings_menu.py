"""/settings: what a chat receives, switched on and off in the same message.

The keyboard (`settings_keyboard`) shows the chat's settings in its language; in a channel it goes
privately to the admin who added the bot, and a channel's settings are changed from that private
chat, each press checked against the channel's admins. In a forum topic the keyboard shows and
changes that topic's own settings (in the General topic, the group's). Each press re-reads the
chat, applies its one change, stores it and edits the message. Updates are handled concurrently,
so changes to one subscription's settings are made one at a time under its lock: two admins
pressing at once both get their change, and the last edit shows both.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any
from weakref import WeakValueDictionary

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.delivery.outcomes import Unchanged, classify
from bot.domain.chats import Chat, ChatKind, ChatSettings, Language
from bot.render import text
from bot.services.chats import language_of
from bot.telegram.callback_data import (
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
    is_unreadable,
)
from bot.telegram.chat_language import known_chat
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES
from bot.telegram.permissions import may_manage, may_manage_chat
from bot.telegram.replies import reply
from bot.telegram.settings_keyboard import (
    Keyboard,
    View,
    channel_rows,
    is_on,
    settings_keyboard,
    settings_text,
)

Change = Callable[[ChatSettings], ChatSettings]

# A lock lives while someone holds it or waits for it; a subscription nobody is changing has none.
_locks: WeakValueDictionary[tuple[int, int | None], asyncio.Lock] = WeakValueDictionary()


def _chat_lock(chat_id: int, thread_id: int | None) -> asyncio.Lock:
    lock = _locks.get((chat_id, thread_id))
    if lock is None:
        lock = _locks[chat_id, thread_id] = asyncio.Lock()
    return lock


def with_language(language: Language) -> Change:
    return lambda settings: dataclasses.replace(settings, language=language)


def _switched(settings: ChatSettings, option: Option) -> ChatSettings:
    changes: dict[str, Any] = {option.value: not is_on(settings, option)}
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


async def _apply(
    context: BotContext, chat_id: int, thread_id: int | None, change: Change
) -> Chat | None:
    chat = await context.chats.get(chat_id, thread_id)
    if chat is None:
        return None
    changed = change(chat.settings)
    if changed == chat.settings:
        return chat
    return await context.chats.update_settings(chat_id, changed, thread_id)


async def change_settings(
    context: BotContext, chat_id: int, change: Change, thread_id: int | None = None
) -> Chat | None:
    """Re-reads the chat (or its topic `thread_id`) and stores `change` of its settings (None
    if it is unknown)."""
    async with _chat_lock(chat_id, thread_id):
        return await _apply(context, chat_id, thread_id, change)


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
    """/settings: the chat's settings; in a private chat with the channels its user manages
    below; in a channel, sent privately to the admin who added the bot."""
    chat = await known_chat(update, context)
    if not await may_manage(update, context):
        await reply(update, context, chat, text(chat.language, "chats-admins-only"))
        return
    if chat.kind is ChatKind.CHANNEL:
        view = View(chat.language, chat.chat_id)
        keyboard = settings_keyboard(chat, Page.MAIN, view)
        await reply(update, context, chat, settings_text(chat, Page.MAIN, view), keyboard)
        return
    user = update.effective_user
    extra = await channel_rows(context, user.id, chat.language) if user and chat.chat_id > 0 else []
    keyboard = settings_keyboard(chat, Page.MAIN, extra=extra)
    await reply(update, context, chat, settings_text(chat, Page.MAIN), keyboard)


async def on_settings_button(update: Update, context: BotContext) -> None:
    query = _query(update)
    button = decode(query.data)
    target = getattr(button, "chat_id", None)
    here = await known_chat(update, context)
    if target is None:
        allowed = await may_manage(update, context)
    else:
        allowed = await may_manage_chat(context, target, query.from_user.id)
    chat = here if target is None else await context.chats.get(target)
    if not allowed or chat is None:
        reason = "chats-admins-only" if chat is not None else "chats-button-expired"
        await query.answer(text(here.language, reason), show_alert=True)
        return
    view = View(here.language, target)
    page = _page_after(button)
    if isinstance(button, CloseSettings):
        await edit_if_changed(query, text(view.lang, "settings-saved"), None)
    else:
        # The edit too is made under the lock, so that the last edit shows every change.
        async with _chat_lock(chat.chat_id, chat.thread_id):
            changed = await _apply(context, chat.chat_id, chat.thread_id, _change_of(button))
            chat = changed or chat
            if target is None and view.lang != chat.language:
                view = View(chat.language)  # this chat's own language was just changed
            extra = await _extra_rows(context, query, chat, view, page)
            keyboard = settings_keyboard(chat, page, view, extra)
            await edit_if_changed(query, settings_text(chat, page, view), keyboard)
    await query.answer(_note(button, chat, view))


async def _extra_rows(
    context: BotContext, query: CallbackQuery, chat: Chat, view: View, page: Page
) -> Keyboard:
    """The channel rows of a private chat's own main page."""
    if view.target is not None or page != Page.MAIN or chat.kind is not ChatKind.PRIVATE:
        return []
    return await channel_rows(context, query.from_user.id, view.lang)


def _note(button: ButtonData | None, chat: Chat, view: View) -> str | None:
    """What switching the picture card on while the daily post is off will do."""
    settings = chat.settings
    picture = isinstance(button, ToggleOption) and button.option is Option.PICTURE_CARD
    if picture and settings.picture_card and not settings.daily_post:
        return text(view.lang, "settings-card-without-post")
    return None


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
