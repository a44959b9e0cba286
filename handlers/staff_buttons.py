"""Inline buttons for the next moves on a ticket: on staff-group posts, alerts and /ticket.

Callback data is short and stateless (StaffMove, RejectReason in handlers/buttons.py:
`st:accept:CG-20261123-0001`); a press acts on the
ticket's current state, so a button left behind by an earlier move answers that the
ticket has moved on.
"""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from bot import fit
from bot.callback_data import any_of
from bot.context import CityApplication, CityContext
from bot.messages import t
from bot.messages.words import REJECT_TEMPLATES
from bot.wiring import KeyboardFactory, Registration
from handlers import staff_reject
from handlers.buttons import RejectReason, StaffMove
from handlers.common import answer_query
from handlers.replies import after_commit, owed_reply
from handlers.staff_card import is_card, refresh_card, send_ticket
from handlers.staff_common import (
    confirmation_words,
    due_time,
    error_text,
    kick_outbox,
    role_label,
    staff_press,
    status_label,
)
from handlers.staff_keyboards import keyboard_for
from storage.botstate import service as botstate
from storage.errors import IllegalTransition, StoreError
from storage.outbox import OutboxItem
from storage.staff import StaffMember
from storage.staff import service as staff
from storage.tickets import Actor, lookups, remarks, service

log = logging.getLogger(__name__)

MENTIONS_STATE = "staff.mentions"
_MOVES = {"accept": service.accept, "start": service.start, "verify": service.verify}
_LABELS = {"rj": "reject"}


def outbox_buttons(
    application: CityApplication, item: OutboxItem, lang: str
) -> InlineKeyboardMarkup | None:
    """The next moves under a staff post about a ticket (and, for an urgent new one, a
    mention of the dispatchers on duty)."""
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


async def mention_on_duty(application: CityApplication, number: str) -> None:
    """Mention the on-duty dispatchers in the staff group about an urgent ticket, once."""
    services = application.bot_data.services
    if services is None or services.settings.staff_chat_id is None:
        return
    store = services.store
    try:
        async with store.unit_of_work() as uow:
            if await botstate.load_entry(uow, namespace=MENTIONS_STATE, key=number):
                return
            await botstate.save_entries(uow, namespace=MENTIONS_STATE, entries=[(number, True)])
            people = await staff.list_dispatchers_on_duty(uow)
        if not people:
            return
        lang = services.settings.default_language  # the staff group's language
        chat_id = services.settings.staff_chat_id
        names = [await _name_of(application, chat_id, person, lang) for person in people]
        mentions = " ".join(
            f'<a href="tg://user?id={person.user_id}">'
            f"{html.escape(fit.shorten(name, fit.NAME))}</a>"
            for person, name in zip(people, names, strict=True)
        )
        text = t("staff.urgent_mention", lang, number=html.escape(number), mentions=mentions)
        await application.bot.send_message(services.settings.staff_chat_id, text, parse_mode="HTML")
    except Exception:
        log.exception("could not mention the on-duty dispatchers about %s", number)


async def _name_of(
    application: CityApplication, chat_id: int, person: StaffMember, lang: str
) -> str:
    """What the group calls `person`: the roster's name, else their name in the group (the
    roster learns it only once they write to the bot), else their role; never a bare id."""
    if person.display_name:
        return person.display_name
    try:
        member = await application.bot.get_chat_member(chat_id, person.user_id)
    except TelegramError:
        return role_label(person.role, lang)
    return member.user.full_name or role_label(person.role, lang)


def parse_data(data: object) -> tuple[str, str, str] | None:
    """(verb, ticket number, reason number) of a staff button's data, or None if no keyboard
    of ours carries it (staff presses are checked too: a bad one must not raise)."""
    move = StaffMove.decode(data)
    if move is not None:
        return move.verb, move.number, ""
    reason = RejectReason.decode(data)
    if reason is not None:
        return "rj", reason.number, str(reason.reason)
    return None


async def _press(
    update: Update,
    context: CityContext,
    actor: Actor,
    verb: str,
    number: str,
    extra: str,
    lang: str,
) -> tuple[str, str | None]:
    """Make the move a button stands for; (answer text, new status or None).

    The answer is the press's immediate echo; the confirmation itself is owed with the
    move, to the staff member's own chat (a button's answer can expire or be lost)."""
    store = context.services.store
    assert actor.user_id is not None
    done = owed_reply(update, "staff.done", lang, chat_id=actor.user_id)
    async with store.unit_of_work() as uow:
        if verb in _MOVES:
            ticket = await _MOVES[verb](uow, number=number, by=actor, reply=done)
        elif verb == "dispatch":
            current = await lookups.get_ticket(uow, number=number)
            ticket = await service.dispatch(
                uow, number=number, by=actor, department=current.department, reply=done
            )
        elif verb == "claim":
            claimed = owed_reply(update, "staff.claimed", lang, chat_id=actor.user_id)
            ticket = await remarks.assign(
                uow, number=number, by=actor, assignee_id=actor.user_id, reply=claimed
            )
            return t("staff.claimed", lang, number=number), ticket.status
        elif verb == "rj":
            current = await lookups.get_ticket(uow, number=number)
            reason = t(REJECT_TEMPLATES[int(extra) - 1], current.reporter_language)
            ticket = await service.reject(uow, number=number, by=actor, reason=reason, reply=done)
        else:
            raise ValueError(verb)
    store = context.services.store
    codes = {
        "number": ticket.number,
        "action": _LABELS.get(verb, verb),
        "status": ticket.status,
        "department": store.catalog.department_name(ticket.department, lang),
        "deadline": due_time(ticket.deadline, store, lang),
        "into": "",
    }
    return t("staff.done", lang, **confirmation_words(codes, lang)), ticket.status


async def on_button(update: Update, context: CityContext) -> None:
    """A staff button was pressed."""
    pressed = await staff_press(update, context)
    if pressed is None:
        return
    query, actor, lang = pressed
    parsed = parse_data(query.data)
    if parsed is None:  # not data any keyboard of ours carries
        await answer_query(query, t("error.stale_button", lang))
        return
    verb, number, extra = parsed
    store = context.services.store
    try:
        if verb == "show":
            await answer_query(query)
            if query.message is not None:
                await send_ticket(context, query.message.chat.id, number, lang)
            return
        if verb in staff_reject.VERBS:
            await staff_reject.on_reason_button(update, context, query, verb, number, lang)
            return
        text, status = await _press(update, context, actor, verb, number, extra, lang)
    except IllegalTransition as error:
        moved = t("staff.moved_on", lang, status=status_label(error.status, lang))
        await answer_query(query, moved, alert=True)
        return
    except StoreError as error:
        text = error_text(error, lang, context.services.store.catalog)
        await answer_query(query, text, alert=True)
        return
    kick_outbox(context)
    # The move is made and its confirmation owed: nothing sent from here on may fail it.
    await after_commit(answer_query(query, text))
    if status is None:
        return
    # A card shows the status the move left (已派遣, not 已立案); a post just its buttons.
    message = query.message
    if (
        message is not None
        and is_card(context, message.message_id, number)
        and await refresh_card(context, message.chat.id, message.message_id, number, lang)
    ):
        return
    async with store.unit_of_work(read_only=True) as uow:
        current = await lookups.get_ticket(uow, number=number)
    markup = keyboard_for(number, status, current.department, store.catalog, lang)
    await after_commit(staff_reject.set_markup(query, markup))


def handlers() -> list[Registration]:
    """The staff buttons' handler."""
    return [Registration(CallbackQueryHandler(on_button, pattern=any_of(StaffMove, RejectReason)))]


KEYBOARDS: dict[str, KeyboardFactory] = dict.fromkeys(
    (
        "staff.ticket_new",
        "staff.ticket_rework",
        "staff.ticket_rework_by_staff",
        "staff.deadline_near",
        "staff.deadline_over",
    ),
    outbox_buttons,
)
"""The outbox messages to staff that carry the next moves' buttons."""
