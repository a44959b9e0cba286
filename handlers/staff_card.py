"""A ticket's card for staff: its photos, details and timeline, with the next moves' buttons.

A card answers /ticket and the 📄 button. Each card sent is remembered in its chat, so that a
move made with its buttons shows on it: the card is written anew with the status it leaves.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message
from telegram.error import TelegramError

from bot import fit
from bot.context import CityContext
from bot.messages import t
from bot.messages.words import canned_in
from handlers.report_asset import asset_class_name
from handlers.staff_common import (
    action_label,
    due_time,
    local_time,
    overdue_mark,
    priority_label,
    role_label,
    status_label,
)
from handlers.staff_keyboards import keyboard_for
from storage.staff import service as staff
from storage.tickets import TicketDetail, TicketEvent, lookups

log = logging.getLogger(__name__)

TIMELINE = 15
CARDS = "staff.cards"
"""chat_data key: the message id of each card sent in the chat → its ticket number."""
KEEP_CARDS = 50
"""How many of a chat's latest cards are kept up to date."""


def ticket_card(
    context: CityContext, lang: str, detail: TicketDetail, names: dict[int, str] | None = None
) -> list[str]:
    """The details and timeline of a ticket: the card, then one block per event; `names`
    are staff's names by id (the handler is shown by name where it is known)."""
    store = context.services.store
    ticket = detail.ticket
    category = store.catalog.categories.get(ticket.category)
    place = fit.shorten(ticket.address or "", fit.PLACE)
    if ticket.latitude is not None and ticket.longitude is not None:
        pin = f"https://uri.amap.com/marker?position={ticket.longitude:.6f},{ticket.latitude:.6f}"
        place = f"{place} {pin}".strip()
    card = t(
        "staff.ticket.card",
        lang,
        mark=overdue_mark(ticket, store.clock(), lang),
        number=ticket.number,
        category=fit.shorten(category.name(lang) if category else ticket.category, fit.NAME),
        priority=priority_label(ticket.priority, lang),
        status=status_label(ticket.status, lang),
        department=fit.shorten(store.catalog.department_name(ticket.department, lang), fit.NAME),
        assignee=_person(ticket.assignee_id, names or {}),
        deadline=due_time(ticket.deadline, store, lang),
        place=place or "-",
        description=ticket.description or "-",
        also_reported=ticket.also_reported_count,
        photos=len(detail.photos),
    )
    if ticket.asset_code is not None and ticket.asset_class is not None:  # the 部件 confirmed
        name = asset_class_name(ticket.asset_class, lang)
        card += "\n" + t("staff.ticket.asset", lang, asset=name, code=ticket.asset_code)
    events = [
        t(
            "staff.ticket.event",
            lang,
            at=local_time(event.at, store, lang),
            action=action_label(event.action, lang),
            role=role_label(event.actor_role, lang),
            note=_event_note(event, lang),
        ).rstrip()
        for event in detail.events[-TIMELINE:]
    ]
    return [card, "", t("staff.ticket.timeline", lang), *events]


def _event_note(event: TicketEvent, lang: str) -> str:
    # A rating's stars are its note: every rating stays in the timeline, reworks and all.
    stars = (event.data or {}).get("rating") if event.action == "rate" else None
    if isinstance(stars, int):
        return t("staff.ticket.stars", lang, rating=stars)
    # A merge names the other ticket: the one merged in, or the one it went into.
    other = (event.data or {}).get({"merged_in": "from", "merge": "into"}.get(event.action, ""))
    if isinstance(other, str):
        return other
    return fit.shorten(canned_in(event.note or "", lang), fit.NOTE)


def _person(user_id: int | None, names: dict[int, str]) -> str:
    if user_id is None:
        return "-"
    return fit.shorten(names.get(user_id) or str(user_id), fit.NAME)


async def card_view(
    context: CityContext, number: str, lang: str
) -> tuple[TicketDetail, list[str], InlineKeyboardMarkup]:
    """A ticket as it stands: its detail, its card's blocks and the next moves' buttons."""
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        detail = await lookups.get_detail(uow, number=number)
        assignee = detail.ticket.assignee_id
        names = await staff.names_of(uow, user_ids=[assignee] if assignee is not None else [])
    ticket = detail.ticket
    markup = keyboard_for(ticket.number, ticket.status, ticket.department, store.catalog, lang)
    return detail, ticket_card(context, lang, detail, names), markup


async def send_ticket(context: CityContext, chat_id: int, number: str, lang: str) -> None:
    """Send a ticket's photos, then its card and timeline with buttons for the next moves."""
    store = context.services.store
    detail, blocks, markup = await card_view(context, number, lang)
    files = [store.photos.path_of(photo.path) for photo in detail.photos][:10]
    files = [path for path in files if path.exists()]
    if len(files) == 1:
        await context.bot.send_photo(chat_id, files[0].read_bytes())
    elif files:
        media = [InputMediaPhoto(path.read_bytes()) for path in files]
        await context.bot.send_media_group(chat_id, media)
    # A long description or timeline goes out as several messages, the buttons under the last.
    sent = await fit.send_text(context.bot, chat_id, blocks, reply_markup=markup)
    if sent:
        _remember(context, sent[-1], detail.ticket.number)


def _remember(context: CityContext, message: Message, number: str) -> None:
    cards: dict[Any, Any] | None = context.chat_data
    if cards is None:
        return
    kept = dict(cards.get(CARDS) or {})
    kept[str(message.message_id)] = number
    cards[CARDS] = dict(list(kept.items())[-KEEP_CARDS:])


async def refresh_card(
    context: CityContext, chat_id: int, message_id: int, number: str, lang: str
) -> bool:
    """Write card `message_id` anew with the ticket as it now stands, after a committed
    move; False if it could not be (too long for one message now, or Telegram refused: the
    caller brings its buttons alone up to date)."""
    _detail, blocks, markup = await card_view(context, number, lang)
    text = "\n".join(blocks)
    if fit.length(text) > fit.TEXT:
        return False
    try:
        await context.bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramError as error:
        log.warning("could not write the card of %s anew: %s", number, error)
        return False
    return True


def is_card(context: CityContext, message_id: int | None, number: str) -> bool:
    """True if message `message_id` of this chat is a card of ticket `number`."""
    cards = (context.chat_data or {}).get(CARDS) or {}
    return message_id is not None and cards.get(str(message_id)) == number
