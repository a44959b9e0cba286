"""Following a report: /my lists the resident's tickets; a ticket shows its timeline and
photos. A resolved ticket asks "fixed?" (handlers/follow_rating.py: a rating, or rework with
the reason); an open one takes the reporter's comments (handlers/follow_comment.py)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import fit
from bot.context import CityApplication, CityContext
from bot.messages import t
from bot.messages.dates import format_due, format_moment
from bot.messages.words import ACTION, canned_in, status_text, word
from bot.wiring import Registration
from handlers.basic import end_conversation_quietly
from handlers.buttons import (
    AddComment,
    Fixed,
    NotFixed,
    Rate,
    ShowTicket,
    button,
    expired,
    pressed,
    standing_of,
)
from handlers.common import answer_query, button_filter, language_of, reply
from handlers.follow_comment import COMMENT, comment_given, start_comment
from handlers.follow_rating import REWORK_REASON, fixed, not_fixed, rated, rework_reason
from handlers.presses import StepButton
from storage.outbox import OutboxItem
from storage.tickets import Ticket, lookups

PRIVATE = filters.ChatType.PRIVATE
IMAGE = filters.PHOTO | filters.Document.IMAGE
"""A picture, as a photo or as a file (as the report flow takes them)."""


def resolved_buttons(
    application: CityApplication, item: OutboxItem, lang: str
) -> InlineKeyboardMarkup:
    """Under "your ticket was dealt with": fixed, or not fixed."""
    number = item.params["number"]
    return InlineKeyboardMarkup(
        [
            [
                button(t("rate.fixed", lang), Fixed(number)),
                button(t("rate.not_fixed", lang), NotFixed(number)),
            ]
        ]
    )


def _status(ticket: Ticket, context: CityContext, lang: str) -> str:
    """Where the ticket stands as its reporter reads it; a question staff closed by
    answering it reads "answered"."""
    question = ticket.category == context.services.store.catalog.question_category
    if question and ticket.status == "closed":
        return t("status.answered", lang)
    return status_text(ticket.status, lang)


def _item(ticket: Ticket, context: CityContext, lang: str) -> str:
    """A ticket's button in /my: its number, category and status on one line; a long
    category name is what gets shortened, so the status always shows."""
    status = _status(ticket, context, lang)
    name = context.services.store.catalog.get(ticket.category).name(lang)

    def render(fields: dict[str, str]) -> str:
        return t("my.item", lang, number=ticket.number, category=fields["name"], status=status)

    return fit.fit_fields(render, {"name": fit.shorten(name, fit.NAME)}, fit.LABEL)


async def my_tickets(update: Update, context: CityContext) -> None:
    """The resident's own and joined tickets, newest first, one button each."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    lang = language_of(update, context)
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        page = await lookups.list_reporter_tickets(uow, reporter_id=user.id, limit=20)
    if not page.tickets:
        await reply(update, context, "my.none")
        return
    rows = [
        [button(_item(ticket, context, lang), ShowTicket(ticket.number))] for ticket in page.tickets
    ]
    await message.reply_text(t("my.list", lang), reply_markup=InlineKeyboardMarkup(rows))


async def show_ticket(update: Update, context: CityContext) -> None:
    """One of the resident's tickets: status, deadline, timeline (no staff identities), photos."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    press = pressed(update, ShowTicket)
    number = press.number if press is not None else ""
    store = context.services.store
    standing = await standing_of(update, context, number)
    if standing is None:  # neither filed nor followed by this resident, or no such ticket
        await expired(update, context)
        return
    await answer_query(query)
    async with store.unit_of_work(read_only=True) as uow:
        detail = await lookups.get_detail(uow, number=number)
    ticket = detail.ticket
    timeline = [
        t(
            "my.event",
            lang,
            at=format_moment(event.at, store.catalog.timezone, lang),
            action=word(ACTION, event.action, lang),
            note=t("my.event_note", lang, note=canned_in(event.note, lang))
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
        status=_status(ticket, context, lang),
        department=fit.shorten(store.catalog.department_name(ticket.department, lang), fit.NAME),
        deadline=format_due(ticket.deadline, store.catalog.timezone, lang, store.clock()),
        place=fit.shorten(ticket_place(ticket), fit.PLACE) or "-",
        description=ticket.description or "-",
        timeline="",
    ).rstrip()
    chat_id = query.message.chat.id if query.message else user.id
    buttons = None
    if ticket.is_open and standing.reporter:
        buttons = InlineKeyboardMarkup([[button(t("my.add_comment", lang), AddComment(number))]])
    # Staff replies are shown whole: a long timeline goes out as several messages.
    await fit.send_text(context.bot, chat_id, [head, *timeline], reply_markup=buttons)
    photos = [
        InputMediaPhoto(store.photos.path_of(p.path).read_bytes()) for p in detail.photos[:10]
    ]
    if len(photos) == 1:
        await context.bot.send_photo(chat_id, photos[0].media)
    elif photos:
        await context.bot.send_media_group(chat_id, photos)


def ticket_place(ticket: Ticket) -> str:
    """Where a ticket is: its typed address, or the location shared (as the staff post)."""
    if ticket.address:
        return ticket.address
    if ticket.latitude is not None and ticket.longitude is not None:
        return f"{ticket.latitude:.5f}, {ticket.longitude:.5f}"
    return ""


def handlers() -> list[Registration]:
    """/my, ticket views, rating, rework and comments."""
    # The main menu's buttons keep their meaning while a comment or reason is awaited.
    menu = button_filter("menu.report", "menu.ask", "menu.my")
    text = PRIVATE & filters.TEXT & ~filters.COMMAND & ~menu
    # These buttons name their ticket; the store's standing of the presser is their check.
    entry: list[Any] = [
        StepButton(NotFixed.matches, not_fixed),
        StepButton(AddComment.matches, start_comment),
    ]
    states: dict[object, list[Any]] = {
        REWORK_REASON: [MessageHandler(text, rework_reason)],
        COMMENT: [MessageHandler(text | (PRIVATE & IMAGE), comment_given)],
    }
    conversation = ConversationHandler(
        entry_points=entry,
        states=states,
        fallbacks=[CommandHandler("cancel", end_conversation_quietly)],
        name="follow",
        persistent=True,
        per_chat=True,
        per_user=True,
    )
    return [
        Registration(conversation),
        Registration(CommandHandler("my", my_tickets, filters=PRIVATE)),
        Registration(MessageHandler(PRIVATE & button_filter("menu.my"), my_tickets)),
        Registration(CallbackQueryHandler(show_ticket, pattern=ShowTicket.matches)),
        Registration(CallbackQueryHandler(fixed, pattern=Fixed.matches)),
        Registration(CallbackQueryHandler(rated, pattern=Rate.matches)),
    ]
