"""Chats and their subscription: /start, /subscribe, /unsubscribe, /lang and membership changes.

A private chat subscribes itself; in groups and channels only admins may (`permissions`). In a
forum supergroup each topic is a subscription of its own: these commands, sent in a topic, act on
that topic (its subscription, its language), and in the General topic on the group's own.
Membership (my_chat_member): a channel that lets the bot post is subscribed, and unsubscribed when
the bot may no longer post; a user who blocks the bot is unsubscribed (unblocking changes nothing
until /start, which resumes the subscription that blocking ended, and only that one); a group that
removes the bot is unsubscribed with all its topics; a group that adds the bot is remembered and
greeted with the welcome, whose button an admin can press:
adding a bot is not asking for a daily post, so nobody is subscribed unasked.
"""

from __future__ import annotations

import html

from telegram import (
    CallbackQuery,
    ChatMember,
    ChatMemberAdministrator,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import CallbackQueryHandler, ChatMemberHandler, CommandHandler, MessageHandler
from telegram.ext import filters as ptb_filters

from bot.domain.chats import Chat, ChatKind, Language
from bot.render import languages, text
from bot.render.i18n import language_named
from bot.telegram.callback_data import (
    ChooseLanguage,
    Page,
    Subscription,
    button_pattern,
    decode_as,
    encode,
)
from bot.telegram.chat_language import known_chat
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.menu import COMMAND_UPDATES
from bot.telegram.permissions import may_manage
from bot.telegram.replies import reply, tell_channel_admin, worded
from bot.telegram.settings_keyboard import View, settings_keyboard, settings_text
from bot.telegram.settings_menu import (
    change_settings,
    edit_if_changed,
    settings_command,
    with_language,
)

MAX_SHOWN_ARGUMENT = 32
_OUTSIDE = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.BANNED})


def parse_language(raw: str) -> Language | None:
    """The language a /lang argument names (`uk`, `EN`, `English` …), or None."""
    return language_named(raw)


def welcome(chat: Chat) -> str:
    if chat.subscribed:
        footer = "chats-welcome-subscribed"
    else:
        footer = "chats-welcome-private" if chat.kind == ChatKind.PRIVATE else "chats-welcome-group"
    return f"{text(chat.language, 'chats-welcome')}\n\n{worded(chat, footer)}"


def welcome_keyboard(chat: Chat) -> InlineKeyboardMarkup:
    label = "chats-button-unsubscribe" if chat.subscribed else "chats-button-subscribe"
    data = encode(Subscription(subscribe=not chat.subscribed))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(chat.language, label), callback_data=data)]]
    )


def language_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text(lang, "language-label"), callback_data=encode(ChooseLanguage(lang))
        )
        for lang in languages()
    ]
    return InlineKeyboardMarkup([buttons])


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


def _query(update: Update) -> CallbackQuery:
    if update.callback_query is None:
        raise ValueError(f"update {update.update_id} carries no callback query")
    return update.callback_query


async def start_command(update: Update, context: BotContext) -> None:
    chat = await known_chat(update, context)
    if chat.kind == ChatKind.PRIVATE and not chat.subscribed:  # back after blocking the bot?
        chat = await context.chats.resume(chat.chat_id) or chat
    await reply(update, context, chat, welcome(chat), welcome_keyboard(chat))


async def subscribe_command(update: Update, context: BotContext) -> None:
    await _answer_subscription(update, context, subscribe=True)


async def unsubscribe_command(update: Update, context: BotContext) -> None:
    await _answer_subscription(update, context, subscribe=False)


async def _answer_subscription(update: Update, context: BotContext, *, subscribe: bool) -> None:
    chat = await known_chat(update, context)
    if not await may_manage(update, context):
        answer = text(chat.language, "chats-admins-only")
    elif chat.subscribed == subscribe:
        answer = worded(chat, "chats-already-subscribed" if subscribe else "chats-not-subscribed")
    else:
        await context.chats.set_subscribed(chat.chat_id, subscribe, thread_id=chat.thread_id)
        answer = worded(chat, "chats-subscribed" if subscribe else "chats-unsubscribed")
    await reply(update, context, chat, answer)


async def on_subscription_button(update: Update, context: BotContext) -> None:
    query = _query(update)
    chat = await known_chat(update, context)  # the subscription as it is now, not as shown
    if not await may_manage(update, context):
        await query.answer(text(chat.language, "chats-admins-only"), show_alert=True)
        return
    wanted = decode_as(query.data, Subscription).subscribe
    if wanted != chat.subscribed:
        subscribed = await context.chats.set_subscribed(
            chat.chat_id, wanted, thread_id=chat.thread_id
        )
        chat = subscribed or chat
    done = "chats-subscribed-short" if chat.subscribed else "chats-unsubscribed-short"
    await query.answer(text(chat.language, done))
    await edit_if_changed(query, welcome(chat), welcome_keyboard(chat))


async def lang_command(update: Update, context: BotContext) -> None:
    chat = await known_chat(update, context)
    raw = " ".join(context.args or ())
    language = parse_language(raw)
    if not await may_manage(update, context):
        await reply(update, context, chat, text(chat.language, "chats-admins-only"))
    elif not raw and chat.kind is ChatKind.CHANNEL:
        # The /lang keyboard acts on the chat it sits in: a channel's is in /settings.
        await settings_command(update, context)
    elif not raw:
        keyboard = language_keyboard()
        await reply(update, context, chat, worded(chat, "chats-lang-choose"), keyboard)
    elif language is None:
        shown = raw if len(raw) <= MAX_SHOWN_ARGUMENT else raw[: MAX_SHOWN_ARGUMENT - 1] + "…"
        examples = ", ".join(f"<code>/lang {lang}</code>" for lang in languages())
        answer = text(
            chat.language, "chats-lang-unknown", raw=html.escape(shown), examples=examples
        )
        await reply(update, context, chat, answer)
    else:
        await change_settings(context, chat.chat_id, with_language(language), chat.thread_id)
        await reply(update, context, chat, text(language, "language-set"))


async def on_language_button(update: Update, context: BotContext) -> None:
    query = _query(update)
    chat = await known_chat(update, context)
    if not await may_manage(update, context):
        await query.answer(text(chat.language, "chats-admins-only"), show_alert=True)
        return
    language = decode_as(query.data, ChooseLanguage).language
    await change_settings(context, chat.chat_id, with_language(language), chat.thread_id)
    await query.answer()
    await edit_if_changed(query, text(language, "language-set"), None)


def _can_post(member: ChatMember) -> bool:
    return isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """The bot was added to, removed from, promoted or demoted in a chat, or blocked."""
    change = update.my_chat_member
    if change is None:
        return
    chat, old, new = change.chat, change.old_chat_member, change.new_chat_member
    if chat.type == ChatType.CHANNEL:
        if _can_post(new) != _can_post(old):
            await _channel_rights(update, context, _can_post(new))
    elif new.status in _OUTSIDE:  # removed from a group (all its topics too), or blocked
        await context.chats.left(chat.id)
    elif chat.type != ChatType.PRIVATE and old.status in _OUTSIDE:  # added to a group
        known = await known_chat(update, context)
        await context.bot.send_message(
            chat.id, welcome(known), reply_markup=welcome_keyboard(known)
        )


async def _channel_rights(update: Update, context: BotContext, can_post: bool) -> None:
    """A channel lets the bot post (subscribed; the admin who did it is told privately, with
    the channel's settings) or stops letting it (unsubscribed; that admin is told)."""
    change = update.my_chat_member
    assert change is not None
    if can_post:
        await known_chat(update, context)  # kind, title, the adder's language
        await context.chats.set_added_by(change.chat.id, change.from_user.id)
    chat = await context.chats.set_subscribed(change.chat.id, can_post)
    if chat is None:
        return
    title = html.escape(chat.title or str(chat.chat_id))
    if not can_post:
        await tell_channel_admin(
            context, chat, text(chat.language, "channels-removed", title=title)
        )
        return
    view = View(chat.language, chat.chat_id)
    keyboard = settings_keyboard(chat, Page.MAIN, view)
    words = text(chat.language, "channels-added", title=title)
    await tell_channel_admin(
        context, chat, f"{words}\n\n{settings_text(chat, Page.MAIN, view)}", keyboard
    )


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: its subscription and settings move to the new id."""
    message = update.message
    if message is not None and message.migrate_to_chat_id is not None:
        await context.chats.migrate(message.chat.id, message.migrate_to_chat_id)


def register(application: BotApplication) -> None:
    for command, callback in (
        ("start", start_command),
        ("subscribe", subscribe_command),
        ("unsubscribe", unsubscribe_command),
        ("lang", lang_command),
    ):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
    for callback, kind in (
        (on_subscription_button, Subscription),
        (on_language_button, ChooseLanguage),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=button_pattern(kind)))
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(ptb_filters.StatusUpdate.MIGRATE, on_migration))
