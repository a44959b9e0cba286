"""Staff features: the roster (/staff, /duty) and the wiring of every staff module."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import CityContext
from bot.messages import t
from bot.messages.words import DUTY, word
from bot.wiring import CommandInfo, Registration
from handlers import staff_buttons, staff_moves, staff_reports, staff_view
from handlers.replies import owed_reply
from handlers.staff_common import (
    kick_outbox,
    role_label,
    send,
    staff_command,
)
from storage.errors import InvalidInput
from storage.staff import service as staff
from storage.tickets.lifecycle import Actor, Role

STAFF_COMMANDS = [
    CommandInfo("queue", "staff.cmd.queue", staff=True),
    CommandInfo("ticket", "staff.cmd.ticket", staff=True),
    CommandInfo("accept", "staff.cmd.accept", staff=True),
    CommandInfo("reject", "staff.cmd.reject", staff=True),
    CommandInfo("dispatch", "staff.cmd.dispatch", staff=True),
    CommandInfo("claim", "staff.cmd.claim", staff=True),
    CommandInfo("start_work", "staff.cmd.start_work", staff=True),
    CommandInfo("resolve", "staff.cmd.resolve", staff=True),
    CommandInfo("verify", "staff.cmd.verify", staff=True),
    CommandInfo("rework", "staff.cmd.rework", staff=True),
    CommandInfo("extend", "staff.cmd.extend", staff=True),
    CommandInfo("merge", "staff.cmd.merge", staff=True),
    CommandInfo("note", "staff.cmd.note", staff=True),
    CommandInfo("reply", "staff.cmd.reply", staff=True),
    CommandInfo("templates", "staff.cmd.templates", staff=True),
    CommandInfo("faq", "staff.cmd.faq", staff=True),
    CommandInfo("stats", "staff.cmd.stats", staff=True),
    CommandInfo("export", "staff.cmd.export", staff=True),
    CommandInfo("staff", "staff.cmd.staff", staff=True),
    CommandInfo("duty", "staff.cmd.duty", staff=True),
]
"""The staff commands and their descriptions, in the order staff menus show them."""


@staff_command
async def staff_roster(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/staff add USER_ID ROLE [DEPARTMENT] | remove USER_ID | list (admins)."""
    args = list(context.args or [])
    store = context.services.store
    verb = args[0].lower() if args else ""
    if verb == "list" and len(args) == 1:
        async with store.unit_of_work(read_only=True) as uow:
            roster = await staff.list_members(uow)
        lines = [
            t(
                "staff.roster.line",
                lang,
                user_id=m.user_id,
                role=role_label(m.role, lang),
                department=store.catalog.department_name(m.department, lang)
                if m.department
                else "-",
                duty=word(DUTY, "on" if m.on_duty else "off", lang),
            )
            for m in roster
        ]
        await send(update, "\n".join(lines) or t("staff.roster.empty", lang))
        return
    if verb == "add" and len(args) in (3, 4) and args[1].isdigit():
        role_name = args[2].lower()
        if role_name not in (r.value for r in (Role.FIELD_WORKER, Role.DISPATCHER, Role.ADMIN)):
            roles = [r.value for r in (Role.FIELD_WORKER, Role.DISPATCHER, Role.ADMIN)]
            raise InvalidInput("role", "role_unknown", roles=roles)
        department = args[3] if len(args) == 4 else None
        where = f"（{store.catalog.department_name(department, lang)}）" if department else ""
        added = owed_reply(
            update,
            "staff.roster.added",
            lang,
            user_id=int(args[1]),
            role=role_label(role_name, lang),
            department=where,
        )
        async with store.unit_of_work() as uow:
            await staff.add_member(
                uow,
                by=actor,
                user_id=int(args[1]),
                role=Role(role_name),
                department=department,
                reply=added,
            )
        kick_outbox(context)
        return
    if verb == "remove" and len(args) == 2 and args[1].isdigit():
        gone = owed_reply(update, "staff.roster.removed", lang, user_id=args[1])
        async with store.unit_of_work() as uow:
            removed = await staff.remove_member(uow, by=actor, user_id=int(args[1]), reply=gone)
        if removed:
            kick_outbox(context)
        else:  # nothing changed: said directly
            await send(update, t("staff.roster.absent", lang, user_id=args[1]))
        return
    await send(update, t("staff.roster.usage", lang))


@staff_command
async def duty(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/duty on|off: whether urgent tickets mention you."""
    args = [a.lower() for a in context.args or []]
    if args not in (["on"], ["off"]) or actor.user_id is None:
        await send(update, t("staff.usage", lang, usage="/duty on|off"))
        return
    on = args == ["on"]
    done = owed_reply(update, "staff.duty.set", lang, duty=word(DUTY, args[0], lang))
    async with context.services.store.unit_of_work() as uow:
        changed = await staff.set_duty(uow, user_id=actor.user_id, on_duty=on, reply=done)
    if not changed:
        await send(update, t("staff.duty.not_listed", lang))
        return
    kick_outbox(context)


def handlers() -> list[Registration]:
    """Every staff handler: the roster, views, moves, buttons and reports, in that order."""
    return [
        Registration(CommandHandler("staff", staff_roster)),
        Registration(CommandHandler("duty", duty)),
        *staff_view.handlers(),
        *staff_moves.handlers(),
        *staff_buttons.handlers(),
        *staff_reports.handlers(),
    ]
