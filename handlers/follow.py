"""Following a report: /my lists the resident's tickets; a ticket shows its timeline and
photos; a resolved ticket asks "fixed?" — a rating, or rework with the reason."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.commands import CommandInfo, add_commands
from bot.context import CityContext
from bot.messages import t
from bot.notify import BUTTONS, format_deadline
from handlers.basic import end_conversation_quietly
from handlers.common import (
    answer_query,
    button_filter,
    download_image,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
    store_error_text,
)
from storage import Action, Actor, Role, StoreError
from storage.outbox import OutboxItem

REWORK_REASON, COMMENT = "rework_reason", "comment"
PRIVATE = filters.ChatType.PRIVATE


def resolved_buttons(item: OutboxItem, lang: str) -> InlineKeyboardMarkup:
    """Under "your ticket was dealt with": fixed, or not fixed."""
    number = item.params["number"]
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("rate.fixed", lang), callback_data=f"fx:{number}"),
                InlineKeyboardButton(t("rate.not_fixed", lang), callback_data=f"nf:{number}"),
            ]
        ]
    )


async def my_tickets(update: Update, context: CityContext) -> None:
    """The resident's own and joined tickets, newest first, one button each."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    lang = language_of(update, context)
    store = context.services.store
    page = await store.reporter_tickets(user.id, limit=20)
    if not page.tickets:
        await reply(update, context, "my.none")
        return
    rows = [
        [
            InlineKeyboardButton(
                t(
                    "my.item",
                    lang,
                    number=ticket.number,
                    category=store.catalog.get(ticket.category).name(lang),
                    status=t(f"status.{ticket.status}", lang),
                ),
                callback_data=f"my:{ticket.number}",
            )
        ]
        for ticket in page.tickets
    ]
    await message.reply_text(t("my.list", lang), reply_markup=InlineKeyboardMarkup(rows))


async def show_ticket(update: Update, context: CityContext) -> None:
    """One of the resident's tickets: status, deadline, timeline (no staff identities), photos."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    number = (query.data or "").removeprefix("my:")
    store = context.services.store
    mine = {ticket.number for ticket in (await store.reporter_tickets(user.id, limit=200)).tickets}
    if number not in mine:
        await answer_query(query, t("my.not_yours", lang))
        return
    await answer_query(query)
    detail = await store.ticket(number)
    ticket = detail.ticket
    timeline = "\n".join(
        t(
            "my.event",
            lang,
            at=format_deadline(event.at.isoformat(), store.catalog),
            action=t(f"action.{event.action}", lang),
            note=f"：{event.note}"
            if event.note and event.action in ("reject", "reply", "resolve", "rework", "extend")
            else "",
        )
        for event in detail.events
        if event.action != "note"
    )
    text = t(
        "my.detail",
        lang,
        number=number,
        category=store.catalog.get(ticket.category).name(lang),
        status=t(f"status.{ticket.status}", lang),
        deadline=format_deadline(ticket.deadline.isoformat(), store.catalog),
        place=ticket.address or "",
        timeline=timeline,
    )
    chat_id = query.message.chat.id if query.message else user.id
    buttons = None
    if ticket.is_open and ticket.reporter_id == user.id:
        buttons = InlineKeyboardMarkup(
            [[InlineKeyboardButton(t("my.add_comment", lang), callback_data=f"mc:{number}")]]
        )
    await context.bot.send_message(chat_id, text, reply_markup=buttons)
    photos = [
        InputMediaPhoto(store.photos.path_of(p.path).read_bytes()) for p in detail.photos[:10]
    ]
    if len(photos) == 1:
        await context.bot.send_photo(chat_id, photos[0].media)
    elif photos:
        await context.bot.send_media_group(chat_id, photos)


async def fixed(update: Update, context: CityContext) -> None:
    """ "Fixed": ask for stars."""
    query = update.callback_query
    assert query is not None
    lang = language_of(update, context)
    number = (query.data or "").removeprefix("fx:")
    await answer_query(query)
    stars = InlineKeyboardMarkup(
        [[InlineKeyboardButton("⭐" * n, callback_data=f"rt:{number}:{n}") for n in range(1, 6)]]
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t("rate.ask_stars", lang), reply_markup=stars)


async def rated(update: Update, context: CityContext) -> None:
    """Record the rating through the store (reporter only)."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    _, number, stars = ((query.data or "") + "::").split(":")[:3]
    if not stars.isdigit():
        await answer_query(query, t("error.stale_button", lang))
        return
    try:
        await context.services.store.act(
            number, Action.RATE, Actor(user.id, Role.RESIDENT), rating=int(stars)
        )
    except StoreError as error:
        await answer_query(query, store_error_text(error, lang), alert=True)
        return
    await answer_query(query)
    kick_outbox(context)
    await edit_query_message(query, t("rate.thanks", lang, rating=int(stars)))


async def not_fixed(update: Update, context: CityContext) -> str:
    """ "Not fixed": ask what is still wrong."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    context.user_data["rework"] = (query.data or "").removeprefix("nf:")
    await answer_query(query)
    await reply(update, context, "rate.ask_reason")
    return REWORK_REASON


async def rework_reason(update: Update, context: CityContext) -> int:
    """Send the ticket back with the resident's reason."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None and context.user_data is not None
    lang = language_of(update, context)
    number = context.user_data.pop("rework", "")
    try:
        await context.services.store.act(
            number, Action.REWORK, Actor(user.id, Role.RESIDENT), note=(message.text or "")[:2000]
        )
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang))
        return ConversationHandler.END
    kick_outbox(context)
    await message.reply_text(t("rate.reworked", lang, number=number))
    return ConversationHandler.END


async def start_comment(update: Update, context: CityContext) -> str:
    """Ask for the comment or photo to add to an open ticket."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    context.user_data["comment_for"] = (query.data or "").removeprefix("mc:")
    await answer_query(query)
    await reply(update, context, "my.comment_prompt")
    return COMMENT


async def comment_given(update: Update, context: CityContext) -> int:
    """Add the resident's text or photo to their ticket (the staff hear of it)."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None and context.user_data is not None
    lang = language_of(update, context)
    number = context.user_data.pop("comment_for", "")
    store = context.services.store
    try:
        photo = None
        if message.photo:
            photo = await asyncio.to_thread(
                store.save_photo, await download_image(message, context)
            )
        await store.annotate(
            number,
            Action.COMMENT,
            Actor(user.id, Role.RESIDENT),
            note=(message.text or message.caption or "")[:2000],
            photo=photo,
        )
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang))
        return ConversationHandler.END
    kick_outbox(context)
    await message.reply_text(t("my.comment_saved", lang, number=number))
    return ConversationHandler.END


def register(application: Application) -> None:  # type: ignore[type-arg]
    """/my, ticket views, rating, rework and comments."""
    add_commands(CommandInfo("my", "cmd.my"))
    BUTTONS["ticket.resolve"] = resolved_buttons
    text = PRIVATE & filters.TEXT & ~filters.COMMAND
    entry: list[Any] = [
        CallbackQueryHandler(not_fixed, pattern=r"^nf:"),
        CallbackQueryHandler(start_comment, pattern=r"^mc:"),
    ]
    states: dict[object, list[Any]] = {
        REWORK_REASON: [MessageHandler(text, rework_reason)],
        COMMENT: [MessageHandler(text | (PRIVATE & filters.PHOTO), comment_given)],
    }
    application.add_handler(
        ConversationHandler(
            entry_points=entry,
            states=states,
            fallbacks=[CommandHandler("cancel", end_conversation_quietly)],
            name="follow",
            persistent=True,
            per_chat=True,
            per_user=True,
        )
    )
    application.add_handlers(
        [
            CommandHandler("my", my_tickets, filters=PRIVATE),
            MessageHandler(PRIVATE & button_filter("menu.my"), my_tickets),
            CallbackQueryHandler(show_ticket, pattern=r"^my:"),
            CallbackQueryHandler(fixed, pattern=r"^fx:"),
            CallbackQueryHandler(rated, pattern=r"^rt:"),
        ]
    )
