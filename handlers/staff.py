"""Staff features: the roster (/staff, /duty) and the wiring of every staff module."""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from bot.context import CityContext
from bot.messages import LANGUAGES, t
from bot.messages.words import DUTY, word
from bot.wiring import CommandInfo, Registration
from handlers import staff_buttons, staff_moves, staff_reject, staff_reports, staff_view
from handlers.replies import owed_reply
from handlers.staff_common import (
    kick_outbox,
    role_label,
    send,
    staff_command,
    usage,
)
from storage.errors import InvalidInput
from storage.staff import ROSTER_ROLES, StaffMember
from storage.staff import service as staff
from storage.tickets import Actor, Role, fold

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


def role_named(words: list[str]) -> tuple[Role | None, list[str]]:
    """The roster role the first words name (field_worker, 外勤人员, field worker …, in any
    case), and the words after it; (None, words) if they name none."""
    for size in (2, 1):
        typed = fold(" ".join(words[:size]))
        for role in ROSTER_ROLES:
            if typed in {role.value, *(fold(role_label(role, x)) for x in LANGUAGES)}:
                return role, words[size:]
    return None, words


async def telegram_name(context: CityContext, user_id: int) -> str | None:
    """The name Telegram gives the user, if the bot may see it (they have talked to it)."""
    try:
        chat = await context.bot.get_chat(user_id)
    except TelegramError:
        return None
    return " ".join(part for part in (chat.first_name, chat.last_name) if part) or None


def roster_line(member: StaffMember, context: CityContext, lang: str) -> str:
    """One member of the roster: who, role, department and duty."""
    catalog = context.services.store.catalog
    who = (
        t("staff.roster.named", lang, user_id=member.user_id, name=member.display_name)
        if member.display_name
        else str(member.user_id)
    )
    return t(
        "staff.roster.line",
        lang,
        who=who,
        role=role_label(member.role, lang),
        department=catalog.department_name(member.department, lang) if member.department else "-",
        duty=word(DUTY, "on" if member.on_duty else "off", lang),
    )


@staff_command
async def staff_roster(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/staff add USER_ID ROLE [DEPARTMENT] | remove USER_ID | list (admins)."""
    args = list(context.args or [])
    store = context.services.store
    verb = args[0].lower() if args else ""
    if verb == "list" and len(args) == 1:
        async with store.unit_of_work(read_only=True) as uow:
            roster = await staff.list_members(uow)
        lines = [roster_line(m, context, lang) for m in roster]
        await send(update, "\n".join(lines) or t("staff.roster.empty", lang))
        return
    if verb == "add" and len(args) >= 3 and args[1].isdigit():
        role, rest = role_named(args[2:])
        if role is None:
            raise InvalidInput("role", "role_unknown", roles=[r.value for r in ROSTER_ROLES])
        typed = " ".join(rest) or None
        department = (store.catalog.find_department(typed) or typed) if typed else None
        where = (
            t(
                "staff.roster.department",
                lang,
                department=store.catalog.department_name(department, lang),
            )
            if department
            else ""
        )
        user_id = int(args[1])
        added = owed_reply(
            update,
            "staff.roster.added",
            lang,
            user_id=user_id,
            role=role_label(role.value, lang),
            department=where,
        )
        name = await telegram_name(context, user_id)
        async with store.unit_of_work() as uow:
            await staff.add_member(
                uow,
                by=actor,
                user_id=user_id,
                role=role,
                department=department,
                display_name=name,
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


DUTY_WORDS = {"on": ("on", "在岗", "上班"), "off": ("off", "离岗", "下班")}
"""What /duty takes, besides each language's words for on and off duty."""


@staff_command
async def duty(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/duty on|off (在岗|离岗): whether urgent tickets mention you."""
    typed = fold(" ".join(context.args or []))
    choice = next(
        (
            key
            for key, words in DUTY_WORDS.items()
            if typed in {*words, *(fold(word(DUTY, key, x)) for x in LANGUAGES)}
        ),
        None,
    )
    if choice is None or actor.user_id is None:
        await send(update, usage(lang, "staff.usage.duty"))
        return
    done = owed_reply(update, "staff.duty.set", lang, duty=word(DUTY, choice, lang))
    async with context.services.store.unit_of_work() as uow:
        changed = await staff.set_duty(
            uow, user_id=actor.user_id, on_duty=choice == "on", reply=done
        )
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
        *staff_reject.handlers(),
        *staff_reports.handlers(),
    ]
