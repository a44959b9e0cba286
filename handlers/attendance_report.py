"""/attendance [date] [csv] for dispatchers (who is on duty, late, outside their area,
checked out, their hours) and /mydata: what attendance keeps about a member of staff."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot import fit
from bot.attendance_export import state_of, write_attendance_csv
from bot.context import CityContext
from bot.messages import t
from bot.messages.dates import format_day, format_moment
from bot.wiring import Registration
from handlers.attendance_words import area_text, clock, decimal, marks, person, shift_text
from handlers.common import language_of
from handlers.staff_common import role_label, send, staff_actor, staff_command, usage
from storage.attendance import DayLine
from storage.attendance import service as attendance
from storage.tickets import Actor

TODAY = frozenset({"today", "今天", "今日"})
YESTERDAY = frozenset({"yesterday", "昨天", "昨日"})
CSV_WORDS = frozenset({"csv", "export", "导出", "匯出", "导出csv"})


def parse_day(word: str | None, today: date) -> date | None:
    """'2026-11-23', 'today'/'今天', 'yesterday'/'昨天' (None: today); None if malformed."""
    if word is None or word.lower() in TODAY:
        return today
    if word.lower() in YESTERDAY:
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def line_text(line: DayLine, context: CityContext, lang: str) -> str:
    """One worker's day in a line."""
    zone = context.services.store.catalog.timezone
    who = person(line.user_id, line.name, lang)
    if line.absent:
        return t("attendance.day.absent", lang, who=who, shift=shift_text(line.shift, lang))
    extra = marks(lang, late=line.late_minutes, outside=line.checkin_outside)
    if line.outside_count:
        extra += t("attendance.mark.left_area", lang, count=line.outside_count)
    hours = decimal(line.hours, lang)
    assert line.first_in is not None
    since = clock(line.first_in, zone)
    if line.on_duty or line.last_out is None:
        return t("attendance.day.on_duty", lang, who=who, since=since, hours=hours, marks=extra)
    extra += marks(lang, early=line.early_minutes)
    until = clock(line.last_out, zone)
    return t(
        "attendance.day.off", lang, who=who, since=since, until=until, hours=hours, marks=extra
    )


def day_text(lines: list[DayLine], day: date, context: CityContext, lang: str) -> list[str]:
    """The day's title and a line per worker."""
    states = [state_of(line) for line in lines]
    title = t(
        "attendance.day.title",
        lang,
        day=format_day(day, lang),
        on_duty=states.count("attendance.status.on_duty"),
        off=states.count("attendance.status.off"),
        absent=states.count("attendance.status.absent"),
        late=sum(1 for line in lines if line.late_minutes),
        outside=sum(1 for line in lines if line.checkin_outside or line.outside_count),
    )
    return [title, *(line_text(line, context, lang) for line in lines)]


@staff_command
async def attendance_command(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/attendance [DATE] [csv]: the day's attendance, as text or a CSV file (dispatchers)."""
    store = context.services.store
    words = list(context.args or [])
    as_csv = bool(words) and words[-1].lower() in CSV_WORDS
    words = words[:-1] if as_csv else words
    today = store.clock().astimezone(store.catalog.timezone).date()
    day = parse_day(words[0] if words else None, today) if len(words) <= 1 else None
    chat = update.effective_chat
    if day is None or chat is None:
        await send(update, usage(lang, "attendance.usage.attendance"))
        return
    async with store.unit_of_work(read_only=True) as uow:
        lines = await attendance.list_day(uow, by=actor, day=day)
    if not as_csv:
        if not lines:
            await send(update, t("attendance.day.empty", lang, day=format_day(day, lang)))
            return
        for page in fit.pages(day_text(lines, day, context, lang)):
            await send(update, page)
        return
    buffer = io.StringIO(newline="")
    count = write_attendance_csv(lines, day, store.catalog, buffer, lang=lang)
    caption = t("attendance.export.caption", lang, day=format_day(day, lang), count=count)
    await context.bot.send_document(
        chat.id,
        buffer.getvalue().encode("utf-8-sig"),
        filename=f"attendance-{day:%Y%m%d}.csv",
        caption=caption,
    )


async def mydata(update: Update, context: CityContext) -> None:
    """/mydata: what is kept about this member of staff, and for how long."""
    lang = language_of(update, context)
    actor = await staff_actor(update, context)
    if actor is None or actor.user_id is None:
        await send(update, t("attendance.mydata.resident", lang))
        return
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        kept = await attendance.describe_kept(uow, user_id=actor.user_id)
    catalog = store.catalog
    first = (
        t("attendance.mydata.since", lang, day=_moment(kept.first_position_at, context, lang))
        if kept.first_position_at
        else ""
    )
    since = (
        t("attendance.mydata.since", lang, day=format_day(kept.first_day, lang))
        if kept.first_day
        else ""
    )
    text = t(
        "attendance.mydata",
        lang,
        role=role_label(kept.role or actor.role.value, lang),
        department=catalog.department_name(kept.department, lang) if kept.department else "-",
        area=area_text(kept.area, lang),
        shift=shift_text(kept.shift, lang),
        sessions=kept.sessions,
        since=since,
        positions=kept.positions,
        first=first,
        days=context.services.settings.attendance_position_days,
    )
    await send(update, text)


def _moment(moment: datetime, context: CityContext, lang: str) -> str:
    return format_moment(moment, context.services.store.catalog.timezone, lang)


def handlers() -> list[Registration]:
    """/attendance and /mydata."""
    return [
        Registration(CommandHandler("attendance", attendance_command)),
        Registration(CommandHandler("mydata", mydata, filters=filters.ChatType.PRIVATE)),
    ]
