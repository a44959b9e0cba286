"""Lifecycle commands: /accept /reject /dispatch /claim /start_work /verify /rework /extend
/merge, and /note /reply /templates (/resolve is in staff_resolve).

Each confirmation ("✅ 工单 …：受理完成") is owed with the move and delivered by the outbox."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    CommandHandler,
)

from bot.context import CityContext
from bot.messages import t, t_
from bot.messages.words import REJECT_TEMPLATES, REPLY_TEMPLATES, numbered
from bot.wiring import Registration
from handlers import attendance_dispatch, faq_draft, staff_resolve
from handlers.staff_common import (
    confirmation,
    kick_outbox,
    send,
    staff_command,
    ticket_number,
    usage,
)
from storage.errors import InvalidInput
from storage.tickets import Action, Actor, lookups, remarks, service

MAX_EXTEND_DAYS = 60


def _simple(action: Action) -> Any:
    @staff_command
    async def handler(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
        args = list(context.args or [])
        if len(args) != 1:
            await send(update, usage(lang, _USAGES[action]))
            return
        async with context.services.store.unit_of_work() as uow:
            await _PLAIN_MOVES[action](
                uow,
                number=ticket_number(args[0], context),
                by=actor,
                reply=confirmation(update, lang),
            )
        kick_outbox(context)

    return handler


def _with_reason(action: Action) -> Any:
    @staff_command
    async def handler(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
        args = list(context.args or [])
        if len(args) < 2:
            await send(update, usage(lang, _USAGES[action]))
            return
        number = ticket_number(args[0], context)
        reason = " ".join(args[1:])
        async with context.services.store.unit_of_work() as uow:
            if action == Action.REJECT and reason.startswith("#"):
                ticket = await lookups.get_ticket(uow, number=number)
                reason = template(REJECT_TEMPLATES, reason[1:], ticket.reporter_language)
            await _REASONED_MOVES[action](
                uow, number=number, by=actor, reason=reason, reply=confirmation(update, lang)
            )
        kick_outbox(context)

    return handler


_PLAIN_MOVES = {
    Action.ACCEPT: service.accept,
    Action.START: service.start,
    Action.VERIFY: service.verify,
}
_REASONED_MOVES = {Action.REJECT: service.reject, Action.REWORK: service.rework}
_USAGES = {
    Action.ACCEPT: t_("staff.usage.accept"),
    Action.START: t_("staff.usage.start_work"),
    Action.VERIFY: t_("staff.usage.verify"),
    Action.REJECT: t_("staff.usage.reject"),
    Action.REWORK: t_("staff.usage.rework"),
}
_NAMES = {
    Action.ACCEPT: "accept",
    Action.START: "start_work",
    Action.VERIFY: "verify",
    Action.REJECT: "reject",
    Action.REWORK: "rework",
}


def template(templates: tuple[str, ...], number: str, text_lang: str) -> str:
    """Canned text `number` of `templates` in `text_lang`, or InvalidInput naming /templates."""
    key = numbered(templates, number)
    if key is None:
        raise InvalidInput("template", "template_unknown", index=number)
    return t(key, text_lang)


@staff_command
async def dispatch(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/dispatch NUMBER department|@worker_id: the department by its code, name or alias;
    /dispatch NUMBER alone suggests the nearest workers on duty."""
    args = list(context.args or [])
    if len(args) == 1:
        await attendance_dispatch.suggest_nearest(
            update, context, actor, lang, ticket_number(args[0], context)
        )
        return
    if len(args) < 2:
        await send(update, usage(lang, "staff.usage.dispatch"))
        return
    assignee: int | None = None
    named: list[str] = []
    for word in args[1:]:
        if word.startswith("@") and word[1:].isdigit():
            assignee = int(word[1:])
        else:
            named.append(word)
    # A department's name may be several words ("Municipal facilities office").
    department = " ".join(named) or None
    store = context.services.store
    number = ticket_number(args[0], context)
    async with store.unit_of_work() as uow:
        await service.dispatch(
            uow,
            number=number,
            by=actor,
            department=department,
            assignee_id=assignee,
            reply=confirmation(update, lang),
        )
    kick_outbox(context)


@staff_command
async def claim(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/claim NUMBER: take the ticket on yourself."""
    args = list(context.args or [])
    if len(args) != 1:
        await send(update, usage(lang, "staff.usage.claim"))
        return
    store = context.services.store
    async with store.unit_of_work() as uow:
        await remarks.assign(
            uow,
            number=ticket_number(args[0], context),
            by=actor,
            assignee_id=actor.user_id,
            reply=confirmation(update, lang, "staff.claimed"),
        )
    kick_outbox(context)


@staff_command
async def extend(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/extend NUMBER days reason"""
    args = list(context.args or [])
    if len(args) < 3:
        await send(update, usage(lang, "staff.usage.extend"))
        return
    if not args[1].isdigit() or not 1 <= int(args[1]) <= MAX_EXTEND_DAYS:
        await send(update, t("staff.err.days", lang))
        return
    async with context.services.store.unit_of_work() as uow:
        await service.extend(
            uow,
            number=ticket_number(args[0], context),
            by=actor,
            reason=" ".join(args[2:]),
            days=int(args[1]),
            reply=confirmation(update, lang),
        )
    kick_outbox(context)


MERGE_FILLERS = frozenset({"into", "到", "并入", "併入"})
FORCE_WORDS = frozenset({"force", "强制", "确认"})
"""Said after /merge A B: merge even tickets that do not look like one problem."""


@staff_command
async def merge(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/merge NUMBER into OTHER [force]"""
    words = [a for a in context.args or [] if a.lower() not in MERGE_FILLERS]
    args = [a for a in words if a.lower() not in FORCE_WORDS]
    if len(args) != 2:
        await send(update, usage(lang, "staff.usage.merge"))
        return
    store = context.services.store
    async with store.unit_of_work() as uow:
        await service.merge(
            uow,
            number=ticket_number(args[0], context),
            into=ticket_number(args[1], context),
            by=actor,
            force=len(args) < len(words),
            reply=confirmation(update, lang),
        )
    kick_outbox(context)


@staff_command
async def note(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/note NUMBER text: an internal note."""
    args = list(context.args or [])
    if len(args) < 2:
        await send(update, usage(lang, "staff.usage.note"))
        return
    async with context.services.store.unit_of_work() as uow:
        await remarks.add_note(
            uow,
            number=ticket_number(args[0], context),
            by=actor,
            text=" ".join(args[1:]),
            reply=confirmation(update, lang, "staff.noted"),
        )
    kick_outbox(context)


@staff_command
async def reply_to_reporter(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/reply NUMBER text|#n: a message to the reporter (and followers)."""
    args = list(context.args or [])
    if len(args) < 2:
        await send(update, usage(lang, "staff.usage.reply"))
        return
    store = context.services.store
    number = ticket_number(args[0], context)
    text = " ".join(args[1:])
    async with store.unit_of_work() as uow:
        if text.startswith("#") and len(args) == 2:
            ticket = await lookups.get_ticket(uow, number=number)
            text = template(REPLY_TEMPLATES, text[1:], ticket.reporter_language)
        await remarks.answer_reporter(
            uow,
            number=number,
            by=actor,
            text=text,
            reply=confirmation(update, lang, "staff.replied"),
        )
    kick_outbox(context)
    await faq_draft.offer_save(update, context, number=number, answer=text)  # a 咨询 only


@staff_command
async def templates(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/templates: the canned replies and reject reasons."""
    replies = [f"#{n} {t(key, lang)}" for n, key in enumerate(REPLY_TEMPLATES, start=1)]
    rejects = [f"/reject … #{n} {t(key, lang)}" for n, key in enumerate(REJECT_TEMPLATES, start=1)]
    await send(update, t("staff.templates", lang, items="\n".join(replies + rejects)))


def handlers() -> list[Registration]:
    """The lifecycle commands and the after-photo step."""
    found: list[Registration] = []
    for action in (Action.ACCEPT, Action.START, Action.VERIFY):
        found.append(Registration(CommandHandler(_NAMES[action], _simple(action))))
    for action in (Action.REJECT, Action.REWORK):
        found.append(Registration(CommandHandler(_NAMES[action], _with_reason(action))))
    for name, handler in (
        ("dispatch", dispatch),
        ("claim", claim),
        ("extend", extend),
        ("merge", merge),
        ("note", note),
        ("reply", reply_to_reporter),
        ("templates", templates),
    ):
        found.append(Registration(CommandHandler(name, handler)))
    return [*found, *staff_resolve.handlers()]
