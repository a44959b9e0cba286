"""Inline buttons for the next moves on a ticket: on staff-group posts, alerts and /ticket.

Callback data is short and stateless (`st:accept:CG-20261123-0001`); a press acts on the
ticket's current state, so a button left behind by an earlier move answers that the
ticket has moved on.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from bot.context import CityApplication, CityContext
from bot.messages import t
from bot.notify import BUTTONS
from handlers.common import answer_query
from handlers.staff_common import error_text, kick_outbox, staff_press, status_label
from handlers.staff_keyboards import keyboard_for, reasons_keyboard
from handlers.staff_view import send_ticket
from storage.errors import IllegalTransition, StoreError
from storage.lifecycle import Action, Actor
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

MENTIONS_STATE = "staff.mentions"
_MOVES = {"accept": Action.ACCEPT, "start": Action.START, "verify": Action.VERIFY}
_LABELS = {"rj": "reject"}


def _outbox_buttons(application: CityApplication) -> Any:
    def factory(item: OutboxItem, lang: str) -> InlineKeyboardMarkup | None:
        services = application.bot_data.services
        if services is None:
            return None
        params = item.params
        number = str(params.get("number", ""))
        if not number:
            return None
        if item.message_key == "staff.ticket_new" and params.get("priority") == "urgent":
            application.create_task(mention_on_duty(application, number))
        return keyboard_for(
            number,
            str(params.get("status", "")),
            str(params.get("department", "")),
            services.store.catalog,
            lang,
        )

    return factory


async def mention_on_duty(application: CityApplication, number: str) -> None:
    """Mention the on-duty dispatchers in the staff group about an urgent ticket, once."""
    services = application.bot_data.services
    if services is None or services.settings.staff_chat_id is None:
        return
    store = services.store
    try:
        if await store.load_state_entry(MENTIONS_STATE, number):
            return
        await store.save_state(MENTIONS_STATE, [(number, True)])
        people = await store.on_duty_dispatchers()
        if not people:
            return
        mentions = " ".join(
            f'<a href="tg://user?id={p.user_id}">{html.escape(p.display_name or str(p.user_id))}'
            "</a>"
            for p in people
        )
        text = t("staff.urgent_mention", "zh", number=html.escape(number), mentions=mentions)
        await application.bot.send_message(services.settings.staff_chat_id, text, parse_mode="HTML")
    except Exception:
        log.exception("could not mention the on-duty dispatchers about %s", number)


async def _press(
    context: CityContext, actor: Actor, verb: str, number: str, extra: str, lang: str
) -> tuple[str, str | None]:
    """Make the move a button stands for; (answer text, new status or None)."""
    store = context.services.store
    if verb in _MOVES:
        ticket = await store.act(number, _MOVES[verb], actor)
    elif verb == "dispatch":
        current = (await store.ticket(number)).ticket
        ticket = await store.act(number, Action.DISPATCH, actor, department=current.department)
    elif verb == "claim":
        ticket, _ = await store.annotate(number, Action.ASSIGN, actor, assignee_id=actor.user_id)
        return t("staff.claimed", lang, number=number), ticket.status
    elif verb == "rj":
        current = (await store.ticket(number)).ticket
        reason = t(f"staff.tpl.reject.{int(extra)}", current.reporter_language)
        ticket = await store.act(number, Action.REJECT, actor, note=reason)
    else:
        raise ValueError(verb)
    label = t(f"staff.action.{_LABELS.get(verb, verb)}", lang)
    text = t(
        "staff.done",
        lang,
        number=ticket.number,
        action=label,
        status=status_label(ticket.status, lang),
    )
    return text, ticket.status


async def on_button(update: Update, context: CityContext) -> None:
    """A staff button was pressed."""
    pressed = await staff_press(update, context)
    if pressed is None:
        return
    query, actor, lang = pressed
    parts = (query.data or "").split(":")
    verb, number = parts[1], parts[2] if len(parts) > 2 else ""
    extra = parts[3] if len(parts) > 3 else "1"
    store = context.services.store
    try:
        if verb == "show":
            await answer_query(query)
            if query.message is not None:
                await send_ticket(context, query.message.chat.id, number, actor, lang)
            return
        if verb == "reject":
            current = (await store.ticket(number)).ticket
            if current.status != "submitted":
                moved = t("staff.moved_on", lang, status=status_label(current.status, lang))
                await answer_query(query, moved, alert=True)
                return
            await answer_query(query, t("staff.reason_prompt", lang, number=number))
            await _set_markup(query, reasons_keyboard(number, lang))
            return
        text, status = await _press(context, actor, verb, number, extra, lang)
    except IllegalTransition as error:
        moved = t("staff.moved_on", lang, status=status_label(error.status, lang))
        await answer_query(query, moved, alert=True)
        return
    except StoreError as error:
        await answer_query(query, error_text(error, lang), alert=True)
        return
    kick_outbox(context)
    await answer_query(query, text)
    if status is not None:
        current = (await store.ticket(number)).ticket
        await _set_markup(
            query, keyboard_for(number, status, current.department, store.catalog, lang)
        )


async def _set_markup(query: Any, markup: InlineKeyboardMarkup) -> None:
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as error:
        log.info("could not update the buttons: %s", error)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add the button handler and the outbox keyboards."""
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^st:"))
    factory = _outbox_buttons(application)
    for key in ("staff.ticket_new", "staff.ticket_rework", "staff.deadline_near"):
        BUTTONS[key] = factory
    BUTTONS["staff.deadline_over"] = factory
