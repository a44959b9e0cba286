"""Following a report: /my lists the resident's tickets; a ticket shows its timeline and
photos; a resolved ticket asks "fixed?" — a rating, or rework with the reason."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import fit
from bot.commands import CommandInfo, add_commands
from bot.context import CityContext
from bot.messages import t
from bot.messages.dates import format_moment
from bot.messages.words import ACTION, status_text, word
from bot.runtime.notify import BUTTONS
from handlers.basic import end_conversation_quietly
from handlers.buttons import data_of, expired, reporter_press, standing_of
from handlers.common import (
    PhotoTooLarge,
    PhotoUnavailable,
    answer_query,
    button_filter,
    download_image,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
    store_error_text,
)
from handlers.replies import after_commit, owed_reply
from handlers.store_errors import problem_text
from storage import OPEN_STATUSES, Action, Actor, Role, Status, StoreError
from storage.errors import InvalidImage
from storage.outbox.queue import OutboxItem

REWORK_REASON, COMMENT = "rework_reason", "comment"
PRIVATE = filters.ChatType.PRIVATE
IMAGE = filters.PHOTO | filters.Document.IMAGE
"""A picture, as a photo or as a file (as the report flow takes them)."""
RATEABLE = frozenset({Status.RESOLVED, Status.CLOSED})
"""Statuses in which the reporter is asked "fixed?" (a rating, or rework)."""


def resolved_buttons(item: OutboxItem, lang: str) -> InlineKeyboardMarkup:
    """Under "your ticket was dealt with": fixed, or not fixed."""
    number = item.params["number"]
    return InlineKeyboardMarkup(
        [
            [
                fit.button(t("rate.fixed", lang), f"fx:{number}"),
                fit.button(t("rate.not_fixed", lang), f"nf:{number}"),
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
            fit.button(
                t(
                    "my.item",
                    lang,
                    number=ticket.number,
                    category=fit.shorten(store.catalog.get(ticket.category).name(lang), fit.NAME),
                    status=status_text(ticket.status, lang),
                ),
                f"my:{ticket.number}",
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
    number = data_of(query, "my:")
    store = context.services.store
    standing = await standing_of(update, context, number)
    if standing is None:  # neither filed nor followed by this resident, or no such ticket
        await expired(update, context)
        return
    await answer_query(query)
    detail = await store.ticket(number)
    ticket = detail.ticket
    timeline = [
        t(
            "my.event",
            lang,
            at=format_moment(event.at, store.catalog.timezone, lang),
            action=word(ACTION, event.action, lang),
            note=f"：{event.note}"
            if event.note and event.action in ("reject", "reply", "resolve", "rework", "extend")
            else "",
        )
        for event in detail.events
        if event.action != "note"
    ]
    head = t(
        "my.detail",
        lang,
        number=number,
        category=fit.shorten(store.catalog.get(ticket.category).name(lang), fit.NAME),
        status=status_text(ticket.status, lang),
        deadline=format_moment(ticket.deadline, store.catalog.timezone, lang),
        place=fit.shorten(ticket.address or "", fit.PLACE),
        timeline="",
    ).rstrip()
    chat_id = query.message.chat.id if query.message else user.id
    buttons = None
    if ticket.is_open and standing.reporter:
        buttons = InlineKeyboardMarkup([[fit.button(t("my.add_comment", lang), f"mc:{number}")]])
    # Staff replies are shown whole: a long timeline goes out as several messages.
    await fit.send_text(context.bot, chat_id, [head, *timeline], reply_markup=buttons)
    photos = [
        InputMediaPhoto(store.photos.path_of(p.path).read_bytes()) for p in detail.photos[:10]
    ]
    if len(photos) == 1:
        await context.bot.send_photo(chat_id, photos[0].media)
    elif photos:
        await context.bot.send_media_group(chat_id, photos)


async def fixed(update: Update, context: CityContext) -> None:
    """ "Fixed": ask for stars (the reporter of a resolved or closed, unrated ticket)."""
    query = update.callback_query
    assert query is not None
    lang = language_of(update, context)
    number = data_of(query, "fx:")
    standing = await reporter_press(update, context, number, RATEABLE)
    if standing is None:
        return
    if standing.rated:
        await expired(update, context)
        return
    await answer_query(query)
    number = standing.number
    stars = InlineKeyboardMarkup([[fit.button("⭐" * n, f"rt:{number}:{n}") for n in range(1, 6)]])
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t("rate.ask_stars", lang), reply_markup=stars)


async def rated(update: Update, context: CityContext) -> None:
    """Record the rating through the store (reporter only)."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    number, _, stars = data_of(query, "rt:").rpartition(":")
    if stars not in {str(n) for n in range(1, 6)}:
        await expired(update, context)
        return
    standing = await reporter_press(update, context, number, RATEABLE)
    if standing is None:
        return
    if standing.rated:
        await expired(update, context)
        return
    thanks = owed_reply(update, "rate.thanks", lang, rating=int(stars))
    try:
        await context.services.store.act(
            number, Action.RATE, Actor(user.id, Role.RESIDENT), rating=int(stars), reply=thanks
        )
    except StoreError as error:
        text = store_error_text(error, lang, context.services.store.catalog)
        await answer_query(query, text, alert=True)
        return
    kick_outbox(context)  # the thanks is owed; the stars here only show what was chosen
    await after_commit(answer_query(query))
    await after_commit(edit_query_message(query, "⭐" * int(stars)))


async def not_fixed(update: Update, context: CityContext) -> str | int:
    """ "Not fixed": ask what is still wrong (the reporter of a resolved or closed ticket)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    standing = await reporter_press(update, context, data_of(query, "nf:"), RATEABLE)
    if standing is None:
        return ConversationHandler.END
    context.user_data["rework"] = standing.number
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
            number,
            Action.REWORK,
            Actor(user.id, Role.RESIDENT),
            note=(message.text or "")[:2000],
            reply=owed_reply(update, "rate.reworked", lang),
        )
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang, context.services.store.catalog))
        return ConversationHandler.END
    kick_outbox(context)
    return ConversationHandler.END


async def start_comment(update: Update, context: CityContext) -> str | int:
    """Ask for the comment or photo to add to an open ticket (its reporter's)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    standing = await reporter_press(update, context, data_of(query, "mc:"), OPEN_STATUSES)
    if standing is None:
        return ConversationHandler.END
    context.user_data["comment_for"] = standing.number
    await answer_query(query)
    await reply(update, context, "my.comment_prompt")
    return COMMENT


async def comment_given(update: Update, context: CityContext) -> str | int:
    """Add the resident's text or photo to their ticket (the staff hear of it)."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None and context.user_data is not None
    lang = language_of(update, context)
    number = context.user_data.pop("comment_for", "")
    store = context.services.store
    try:
        photo = None
        if message.photo or message.document is not None:
            photo = await asyncio.to_thread(
                store.save_photo, await download_image(message, context)
            )
        await store.annotate(
            number,
            Action.COMMENT,
            Actor(user.id, Role.RESIDENT),
            note=(message.text or message.caption or "")[:2000],
            photo=photo,
            reply=owed_reply(update, "my.comment_saved", lang),
        )
    except (PhotoTooLarge, PhotoUnavailable, InvalidImage) as error:
        # Nothing was added: the resident may send another picture (or words) for it, told
        # what was wrong as the report flow tells it.
        context.user_data["comment_for"] = number
        if isinstance(error, PhotoTooLarge):
            size, limit = round(error.size / 2**20, 1), round(error.limit / 2**20, 1)
            await message.reply_text(t("report.too_big", lang, size=size, limit=limit))
        elif isinstance(error, InvalidImage):
            problem = problem_text(error, lang, store.catalog)
            await message.reply_text(t("report.not_image", lang, problem=problem))
        else:
            await message.reply_text(t("photo.unavailable", lang))
        return COMMENT
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang, context.services.store.catalog))
        return ConversationHandler.END
    kick_outbox(context)
    return ConversationHandler.END


def register(application: Application) -> None:  # type: ignore[type-arg]
    """/my, ticket views, rating, rework and comments."""
    add_commands(CommandInfo("my", "cmd.my"))
    BUTTONS["ticket.resolve"] = resolved_buttons
    # The main menu's buttons keep their meaning while a comment or reason is awaited.
    menu = button_filter("menu.report", "menu.ask", "menu.my")
    text = PRIVATE & filters.TEXT & ~filters.COMMAND & ~menu
    entry: list[Any] = [
        CallbackQueryHandler(not_fixed, pattern=r"^nf:"),
        CallbackQueryHandler(start_comment, pattern=r"^mc:"),
    ]
    states: dict[object, list[Any]] = {
        REWORK_REASON: [MessageHandler(text, rework_reason)],
        COMMENT: [MessageHandler(text | (PRIVATE & IMAGE), comment_given)],
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
