"""Rejecting a ticket by its buttons: the canned reasons, the way back, and a reason of
one's own, typed as a reply to the bot's question.

The question is a ForceReply, so that the answer reaches the bot even in a staff group
with privacy mode on; the reason waits in user_data[PENDING] (/cancel drops it) for the
next text of the same staff member in the same chat.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, ForceReply, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.common import answer_query, language_of
from handlers.staff_card import is_card, refresh_card
from handlers.staff_common import (
    confirmation,
    error_text,
    kick_outbox,
    send,
    staff_actor,
    status_label,
)
from handlers.staff_keyboards import keyboard_for, reasons_keyboard
from handlers.staff_resolve import PENDING
from storage.errors import StoreError
from storage.tickets import lookups, service

log = logging.getLogger(__name__)

REJECT_FLOW = "staff.reject"
REASON_GROUP = -6
"""Handler group of the typed reason: before the resident features (and the after photo)."""
VERBS = frozenset({"reject", "back", "other"})
"""The buttons of this module: ❌ (show the reasons), ◀ back, ✏️ another reason."""


async def on_reason_button(
    update: Update, context: CityContext, query: CallbackQuery, verb: str, number: str, lang: str
) -> None:
    """❌ shows the reasons, ◀ the moves again, ✏️ asks for a reason to type."""
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        current = await lookups.get_ticket(uow, number=number)
    if verb == "back":
        await answer_query(query)
        markup = keyboard_for(number, current.status, current.department, store.catalog, lang)
        await set_markup(query, markup)
        return
    if current.status != "submitted":
        moved = t("staff.moved_on", lang, status=status_label(current.status, lang))
        await answer_query(query, moved, alert=True)
        return
    if verb == "reject":
        await answer_query(query, t("staff.reason_prompt", lang, number=number))
        await set_markup(query, reasons_keyboard(number, lang))
        return
    message, user = query.message, update.effective_user
    if message is None or user is None or context.user_data is None:
        await answer_query(query, t("error.stale_button", lang))
        return
    await answer_query(query)
    context.user_data[PENDING] = {
        "flow": REJECT_FLOW,
        "number": number,
        "chat": message.chat.id,
        "message": message.message_id,
    }
    await context.bot.send_message(
        message.chat.id,
        t("staff.reason_type", lang, number=number),
        reply_markup=ForceReply(selective=True),
    )


async def set_markup(query: CallbackQuery, markup: Any) -> None:
    """Change the buttons under the pressed message (a vanished message changes nothing)."""
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except TelegramError as error:
        log.info("could not update the buttons: %s", error)


def _pending_reason(update: Update, context: CityContext) -> dict[str, Any] | None:
    pending = context.user_data.get(PENDING) if context.user_data is not None else None
    chat = update.effective_chat
    if isinstance(pending, dict) and pending.get("flow") == REJECT_FLOW and chat is not None:
        return pending if pending.get("chat") == chat.id else None
    return None


async def reason_typed(update: Update, context: CityContext) -> None:
    """The reason a staff member typed for rejecting a ticket: reject it with that reason."""
    pending = _pending_reason(update, context)
    message = update.effective_message
    if pending is None or message is None or not message.text:
        return
    actor = await staff_actor(update, context)
    if actor is None:  # no longer staff: the words are not a reason
        return
    lang = language_of(update, context)
    store = context.services.store
    number = str(pending["number"])
    if context.user_data is not None:
        context.user_data.pop(PENDING, None)
    try:
        async with store.unit_of_work() as uow:
            ticket = await service.reject(
                uow,
                number=number,
                by=actor,
                reason=message.text,
                reply=confirmation(update, lang),
            )
    except StoreError as error:
        await send(update, error_text(error, lang, store.catalog))
        raise ApplicationHandlerStop from None
    kick_outbox(context)
    # The reasons' message shows what is left to do now (the card, its status too).
    chat_id, message_id = int(pending["chat"]), int(pending["message"])
    if is_card(context, message_id, number) and await refresh_card(
        context, chat_id, message_id, number, lang
    ):
        raise ApplicationHandlerStop
    markup = keyboard_for(number, ticket.status, ticket.department, store.catalog, lang)
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=markup)
    except TelegramError as error:
        log.info("could not update the buttons: %s", error)
    raise ApplicationHandlerStop


def handlers() -> list[Registration]:
    """The typed reason (seen before every feature, in REASON_GROUP)."""
    typed = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    return [Registration(MessageHandler(typed, reason_typed), group=REASON_GROUP)]
