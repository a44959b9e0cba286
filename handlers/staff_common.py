"""Shared by the staff handlers: who is staff, store errors as replies, labels and parsing."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any, Final

from telegram import CallbackQuery, Update

from bot import fit
from bot.context import CityContext
from bot.messages import t, t_
from bot.messages.dates import format_due, format_moment
from bot.messages.words import PRIORITY, ROLE, STAFF_ACTION, STAFF_STATUS, listed, word
from handlers.common import answer_query, language_of
from handlers.replies import owed_reply
from handlers.store_errors import denial_text, mismatch_text, problem_text
from storage import Catalog, Store
from storage.errors import (
    IllegalTransition,
    InvalidImage,
    InvalidInput,
    MergeMismatch,
    PermissionDenied,
    StoreError,
    TicketNotFound,
    UrgentMerge,
)
from storage.outbox import OwedReply
from storage.staff import service as staff
from storage.tickets import Actor, Ticket, lookups

StaffHandler = Callable[[Update, CityContext, Actor, str], Awaitable[None]]
Handler = Callable[[Update, CityContext], Coroutine[Any, Any, None]]


async def staff_actor(update: Update, context: CityContext) -> Actor | None:
    """The staff Actor of the update's user, or None for everyone else."""
    user = update.effective_user
    if user is None:
        return None
    settings, store = context.services.settings, context.services.store
    language = language_of(update, context)
    name = user.full_name
    async with store.unit_of_work(read_only=True) as uow:
        actor = await staff.identify(
            uow, user_id=user.id, admin_ids=settings.admin_ids, staff_ids=settings.staff_ids
        )
        changed = actor.is_staff and await staff.is_profile_new(
            uow, user_id=user.id, language=language, name=name
        )
    if not actor.is_staff:
        return None
    if changed:  # the usual case, unchanged, writes nothing
        # What the store owes them later (deadline alerts) is written in the language they
        # use; tickets and the roster show their name rather than their id.
        async with store.unit_of_work() as uow:
            await staff.note_profile(uow, user_id=user.id, language=language, name=name)
    return actor


async def staff_press(
    update: Update, context: CityContext
) -> tuple[CallbackQuery, Actor, str] | None:
    """The pressed button, the staff Actor who pressed it and their language; None for a
    press without data, or by anyone else (their press gets the expired-button answer,
    which tells nothing about the ticket)."""
    query = update.callback_query
    if query is None or not query.data:
        return None
    lang = language_of(update, context)
    actor = await staff_actor(update, context)
    if actor is None:
        await answer_query(query, t("error.stale_button", lang))
        return None
    return query, actor, lang


async def send(update: Update, text: str, **kwargs: Any) -> None:
    """Reply with `text` in the chat of the update (several messages if it is long, any
    buttons under the last)."""
    message = update.effective_message
    if message is not None:
        await fit.reply_text(message, text, **kwargs)


def staff_command(handler: StaffHandler) -> Handler:
    """Run `handler` for staff only; others get the unknown-command reply (revealing
    nothing), and a store error becomes a clear reply."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: CityContext) -> None:
        lang = language_of(update, context)
        actor = await staff_actor(update, context)
        if actor is None:
            await send(update, t("unknown.command", lang))
            return
        try:
            await handler(update, context, actor, lang)
        except StoreError as error:
            await send(update, error_text(error, lang, context.services.store.catalog))

    return wrapper


def status_label(status: str, lang: str) -> str:
    """A status in words ('待受理')."""
    return word(STAFF_STATUS, status, lang)


def action_label(action: str, lang: str) -> str:
    """An action in words ('受理')."""
    return word(STAFF_ACTION, action, lang)


def priority_label(priority: str, lang: str) -> str:
    """A priority in words ('紧急')."""
    return word(PRIORITY, priority, lang)


def role_label(role: str, lang: str) -> str:
    """A role in words ('调度员')."""
    return word(ROLE, role, lang)


def error_text(error: StoreError, lang: str, catalog: Catalog) -> str:
    """The clear reply to a store error, in `lang` (never the store's English)."""
    if isinstance(error, TicketNotFound):
        return t("staff.err.not_found", lang, ref=error.ref)
    if isinstance(error, IllegalTransition):
        allowed = listed((action_label(a, lang) for a in error.allowed), lang) or t(
            "staff.err.nothing", lang
        )
        return t(
            "staff.err.illegal", lang, status=status_label(error.status, lang), allowed=allowed
        )
    if isinstance(error, PermissionDenied):
        role = role_label(error.role, lang)
        return t("staff.err.permission", lang, role=role, reason=denial_text(error, lang))
    if isinstance(error, MergeMismatch):
        return mismatch_text(error, lang, catalog)
    if isinstance(error, UrgentMerge):
        return t("staff.merge.urgent", lang, number=error.number, into=error.into)
    if isinstance(error, InvalidImage):
        return t("staff.err.image", lang, problem=problem_text(error, lang, catalog))
    if isinstance(error, InvalidInput):
        return t("staff.err.invalid", lang, problem=problem_text(error, lang, catalog))
    return t("error.generic", lang)


def usage(lang: str, key: str) -> str:
    """A usage line ('用法：/accept 工单号'): msgid `key` is the command and its words, in
    the staff member's language."""
    return t("staff.usage", lang, usage=t(key, lang))


def ticket_number(raw: str, context: CityContext) -> str:
    """A ticket number as typed, written out: '7' or '0007' is today's CG-…-0007, and
    cg-20261123-0001 is CG-20261123-0001."""
    store = context.services.store
    return lookups.full_number(raw, catalog=store.catalog, now=store.clock())


def local_time(moment: datetime, store: Store, lang: str) -> str:
    """A moment in the bureau's time zone, as `lang` writes it ('2026年11月23日 14:05')."""
    return format_moment(moment, store.catalog.timezone, lang)


def due_time(moment: datetime, store: Store, lang: str) -> str:
    """A deadline as people say it ('今天 18:30', '10:00 AM tomorrow'), else as local_time."""
    return format_due(moment, store.catalog.timezone, lang, store.clock())


def is_overdue(ticket: Ticket, now: datetime) -> bool:
    """True for an open ticket past its deadline, or one resolved late."""
    return (ticket.is_open and ticket.deadline < now) or bool(ticket.resolved_late)


def overdue_mark(ticket: Ticket, now: datetime, lang: str) -> str:
    """'⚠ ' for an overdue ticket, else ''."""
    return t("staff.overdue_mark", lang) + " " if is_overdue(ticket, now) else ""


def kick_outbox(context: CityContext) -> None:
    """Deliver owed messages now."""
    context.services.outbox.kick()


def confirmation(update: Update, lang: str, key: str = "staff.done") -> OwedReply:
    """The confirmation owed for a move made by command, in the chat of the command (the
    store writes it with the move; the outbox delivers it, whatever the flood)."""
    return owed_reply(update, key, lang)


CONFIRMED: Final = {
    "accept": t_("staff.confirmed.accept"),
    "reject": t_("staff.confirmed.reject"),
    "merge": t_("staff.confirmed.merge"),
    "dispatch": t_("staff.confirmed.dispatch"),
    "start": t_("staff.confirmed.start"),
    "extend": t_("staff.confirmed.extend"),
    "resolve": t_("staff.confirmed.resolve"),
    "verify": t_("staff.confirmed.verify"),
    "rework": t_("staff.confirmed.rework"),
}
"""What a staff member is told a move of theirs did, as a sentence ('已立案：CG-…，处理时限…')."""


def confirmation_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A staff confirmation as a sentence of the staff member's language: the move made,
    the ticket, and what comes next (its deadline, its department, the ticket merged into)."""
    action, status = str(params.get("action", "")), str(params.get("status", ""))
    words = {**params, "action": action_label(action, lang), "status": status_label(status, lang)}
    key = CONFIRMED.get(action, t_("staff.confirmed.other"))
    return {**words, "confirmed": t(key, lang, **words)}
