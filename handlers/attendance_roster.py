"""/area and /shift: a dispatcher or an admin sets each worker's area (a point and radius,
a grid polygon, or the place of a location replied to) and daily shift from chat."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import CityContext
from bot.messages import t, t_
from bot.wiring import Registration
from handlers.attendance_words import area_text, person, problem_text, shift_text
from handlers.replies import owed_reply
from handlers.staff_common import Handler, kick_outbox, send, staff_command, usage
from storage.attendance import Area, AttendanceProblem, circle, parse_shift, polygon
from storage.attendance import service as attendance
from storage.tickets import Actor

CLEAR_WORDS = frozenset({"clear", "remove", "清除", "删除", "刪除"})
_PAIR = re.compile(r"^(-?\d+(?:\.\d+)?)[,，](-?\d+(?:\.\d+)?)$")
_WORKER = re.compile(r"^@?(\d{1,15})$")

Body = Callable[[Update, CityContext, Actor, str, int, list[str]], Awaitable[None]]


def worker_command(usage_key: str) -> Callable[[Body], Handler]:
    """A staff command whose first word names a worker: by id ('9003', '@9003') or by the
    roster's name ('老王'); a wrong area or shift is answered in the staff member's words."""

    def decorate(body: Body) -> Handler:
        @staff_command
        @functools.wraps(body)
        async def handler(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
            args = list(context.args or [])
            if not args:
                await send(update, usage(lang, usage_key))
                return
            user_id = await _worker_named(context, args[0])
            if user_id is None:
                await send(update, t("attendance.err.worker", lang, who=args[0][:40]))
                return
            try:
                await body(update, context, actor, lang, user_id, args[1:])
            except AttendanceProblem as problem:
                await send(update, problem_text(problem, lang))

        return handler

    return decorate


async def _worker_named(context: CityContext, typed: str) -> int | None:
    found = _WORKER.match(typed)
    if found is not None:
        return int(found.group(1))
    async with context.services.store.unit_of_work(read_only=True) as uow:
        return await attendance.find_worker(uow, typed=typed)


async def show(update: Update, context: CityContext, lang: str, user_id: int) -> None:
    """A worker's area and shift."""
    async with context.services.store.unit_of_work(read_only=True) as uow:
        assignment = await attendance.get_assignment(uow, user_id=user_id)
    text = t(
        "attendance.assignment",
        lang,
        who=person(user_id, assignment.name, lang),
        area=area_text(assignment.area, lang),
        shift=shift_text(assignment.shift, lang),
    )
    await send(update, text)


def _number(word: str) -> float | None:
    try:
        value = float(word)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse_area(words: list[str], update: Update) -> Area | None:
    """The area the words give: LAT LON RADIUS [NAME], LAT,LON ×3+ [NAME], or RADIUS [NAME]
    in reply to a location; None if they give none."""
    corners: list[tuple[float, float]] = []
    for word in words:
        pair = _PAIR.match(word)
        if pair is None:
            break
        corners.append((float(pair.group(1)), float(pair.group(2))))
    if corners:
        return polygon(corners, " ".join(words[len(corners) :]) or None)
    numbers = [_number(word) for word in words[:3]]
    if len(numbers) == 3 and None not in numbers:
        lat, lon, radius = (float(n) for n in numbers if n is not None)
        return circle(lat, lon, radius, " ".join(words[3:]) or None)
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    place = replied.location if replied is not None else None
    if place is None and replied is not None and replied.venue is not None:
        place = replied.venue.location
    if place is not None and numbers and numbers[0] is not None:
        return circle(place.latitude, place.longitude, numbers[0], " ".join(words[1:]) or None)
    return None


@worker_command(t_("attendance.usage.area"))
async def area_command(
    update: Update, context: CityContext, actor: Actor, lang: str, user_id: int, words: list[str]
) -> None:
    """/area WORKER LAT LON RADIUS | LAT,LON LAT,LON LAT,LON … | RADIUS (replying to a
    location) | clear; /area WORKER alone shows it."""
    if not words:
        await show(update, context, lang, user_id)
        return
    store = context.services.store
    if len(words) == 1 and words[0].lower() in CLEAR_WORDS:
        await _clear(update, context, actor, lang, user_id, area=True)
        return
    area = parse_area(words, update)
    if area is None:
        await send(update, usage(lang, "attendance.usage.area"))
        return
    async with store.unit_of_work() as uow:
        await attendance.set_area(
            uow,
            by=actor,
            user_id=user_id,
            area=area,
            reply=owed_reply(update, "attendance.area.set", lang, area=area_text(area, lang)),
        )
    kick_outbox(context)


@worker_command(t_("attendance.usage.shift"))
async def shift_command(
    update: Update, context: CityContext, actor: Actor, lang: str, user_id: int, words: list[str]
) -> None:
    """/shift WORKER 08:30-17:30 | clear; /shift WORKER alone shows it."""
    if not words:
        await show(update, context, lang, user_id)
        return
    if len(words) == 1 and words[0].lower() in CLEAR_WORDS:
        await _clear(update, context, actor, lang, user_id, area=False)
        return
    shift = parse_shift(" ".join(words))
    async with context.services.store.unit_of_work() as uow:
        await attendance.set_shift(
            uow,
            by=actor,
            user_id=user_id,
            shift=shift,
            reply=owed_reply(update, "attendance.shift.set", lang, shift=shift.label()),
        )
    kick_outbox(context)


async def _clear(
    update: Update, context: CityContext, actor: Actor, lang: str, user_id: int, *, area: bool
) -> None:
    key = t_("attendance.area.cleared") if area else t_("attendance.shift.cleared")
    async with context.services.store.unit_of_work() as uow:
        removed = await attendance.clear_assignment(
            uow,
            by=actor,
            user_id=user_id,
            area=area,
            shift=not area,
            reply=owed_reply(update, key, lang),
        )
    if removed:
        kick_outbox(context)
    else:
        await send(update, t("attendance.nothing_to_clear", lang, who=str(user_id)))


def handlers() -> list[Registration]:
    """/area and /shift."""
    return [
        Registration(CommandHandler("area", area_command)),
        Registration(CommandHandler("shift", shift_command)),
    ]
