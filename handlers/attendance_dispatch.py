"""The nearest workers on duty for a ticket: `/dispatch NUMBER` with no department or
worker suggests those of the ticket's department nearest to its place, each with the
command that sends the ticket to them."""

from __future__ import annotations

from telegram import Update

from bot import fit
from bot.context import CityContext
from bot.messages import t
from handlers.attendance_words import clock, distance_text, person
from handlers.staff_common import send
from storage.attendance import service as attendance
from storage.tickets import Actor

SUGGESTED = 3


async def suggest_nearest(
    update: Update, context: CityContext, actor: Actor, lang: str, number: str
) -> None:
    """Reply with the nearest workers on duty of ticket `number`'s department."""
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        found = await attendance.suggest_workers(uow, number=number, limit=SUGGESTED)
    department = fit.shorten(store.catalog.department_name(found.department, lang), fit.NAME)
    if not found.located:
        await send(update, t("attendance.nearest.no_place", lang, number=found.number))
        return
    if not found.candidates:
        await send(
            update,
            t("attendance.nearest.none", lang, number=found.number, department=department),
        )
        return
    lines = [t("attendance.nearest.title", lang, number=found.number, department=department)]
    for index, candidate in enumerate(found.candidates, start=1):
        lines.append(
            t(
                "attendance.nearest.line",
                lang,
                index=index,
                who=person(candidate.user_id, candidate.name, lang),
                distance=distance_text(candidate.distance_m, lang),
                at=clock(candidate.at, store.catalog.timezone),
                number=found.number,
                user_id=candidate.user_id,
            )
        )
    await send(update, "\n".join(lines))
