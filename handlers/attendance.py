"""Attendance (人员考勤) for staff: /checkin by sharing a live location, its updates kept
while on duty, /checkout or the end of the share to go off duty; the jobs that check out
shares that ran out and purge old positions; and the wiring of the attendance modules.

A live location reaches the bot as a location message with a live period; each new position
is an edit of it (edited_message), and stopping the share is a last edit whose location has
no live period. A share that runs out sends nothing: the expiry job notices it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Location, Message, Update
from telegram.ext import ApplicationHandlerStop, CommandHandler, MessageHandler, filters

from bot.context import CityContext, Services
from bot.messages import t, t_
from bot.wiring import CommandInfo, Job, Registration
from handlers import attendance_report, attendance_roster
from handlers.attendance_words import area_text, clock, shift_text
from handlers.common import language_of
from handlers.replies import owed_reply
from handlers.staff_common import kick_outbox, send, staff_actor
from storage.attendance import service as attendance

log = logging.getLogger(__name__)

LIVE_GROUP = -60
"""Before the guard (-50), which ignores every edited message, and before the emergency."""
PENDING = "attendance.checkin_asked"
"""user_data key: when /checkin asked for a live location (a one-off one is then refused)."""
PENDING_FOR = timedelta(minutes=15)
EXPIRY_INTERVAL = 60.0
PURGE_INTERVAL = 6 * 3600.0

COMMANDS = (
    CommandInfo("checkin", "attendance.cmd.checkin", staff=True, where="private"),
    CommandInfo("checkout", "attendance.cmd.checkout", staff=True, where="private"),
    CommandInfo("attendance", "attendance.cmd.attendance", staff=True),
    CommandInfo("area", "attendance.cmd.area", staff=True),
    CommandInfo("shift", "attendance.cmd.shift", staff=True),
    CommandInfo("mydata", "attendance.cmd.mydata", staff=True, where="private"),
)
"""Attendance's commands, in the order staff menus show them."""


def live_period_of(location: Location | None) -> int | None:
    """The live period of a shared location in seconds, or None for a one-off location."""
    if location is None:
        return None
    # Read from the Bot API's own fields: the attribute warns that it will be a timedelta.
    period = location.to_dict().get("live_period")
    if isinstance(period, timedelta):
        period = int(period.total_seconds())
    if isinstance(period, bool) or not isinstance(period, int):
        return None
    return period if period > 0 else None


async def checkin(update: Update, context: CityContext) -> None:
    """/checkin: say how to share a live location (staff with an area), or why not."""
    lang = language_of(update, context)
    actor = await staff_actor(update, context)
    if actor is None or actor.user_id is None:
        await send(update, t("attendance.not_staff", lang))
        return
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        assignment = await attendance.get_assignment(uow, user_id=actor.user_id)
    if assignment.area is None:
        await send(update, t("attendance.no_area", lang))
        return
    if assignment.on_duty_since is not None:
        since = clock(assignment.on_duty_since, store.catalog.timezone)
        await send(update, t("attendance.already", lang, time=since))
        return
    if context.user_data is not None:
        context.user_data[PENDING] = store.clock().isoformat()
    await send(
        update,
        t(
            "attendance.share_live",
            lang,
            area=area_text(assignment.area, lang),
            shift=shift_text(assignment.shift, lang),
        ),
    )


def _asked_to_check_in(context: CityContext) -> bool:
    asked = (context.user_data or {}).get(PENDING)
    if not isinstance(asked, str):
        return False
    try:
        moment = datetime.fromisoformat(asked)
    except ValueError:
        return False
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return context.services.store.clock() - moment < PENDING_FOR


async def shared_location(update: Update, context: CityContext) -> None:
    """A location in a private chat: a live one from staff checks them in; a one-off one
    right after /checkin is refused; anything else goes on to the other features."""
    message = update.effective_message
    if message is None or message.location is None:
        return
    period = live_period_of(message.location)
    lang = language_of(update, context)
    if period is None:
        if _asked_to_check_in(context):
            await send(update, t("attendance.need_live", lang))
            raise ApplicationHandlerStop
        return
    actor = await staff_actor(update, context)
    if actor is None:
        return  # a resident's live location: a report's place, as any location
    location = message.location
    async with context.services.store.unit_of_work() as uow:
        done = await attendance.check_in(
            uow,
            by=actor,
            latitude=location.latitude,
            longitude=location.longitude,
            live_period=period,
            chat_id=message.chat.id,
            message_id=message.message_id,
            grace_minutes=context.services.settings.attendance_grace_minutes,
            reply=owed_reply(update, "attendance.checked_in", lang),
        )
    if context.user_data is not None:
        context.user_data.pop(PENDING, None)
    if done.state == "no_area":
        await send(update, t("attendance.no_area", lang))
    else:
        kick_outbox(context)
    raise ApplicationHandlerStop


async def live_update(update: Update, context: CityContext) -> None:
    """An edit of a live location: a new position to keep, or the share's end (check-out)."""
    message = update.edited_message
    if message is None or message.location is None or message.from_user is None:
        raise ApplicationHandlerStop
    location = message.location
    user_id = message.from_user.id
    if live_period_of(location) is not None:
        async with context.services.store.unit_of_work() as uow:
            await attendance.record_position(
                uow,
                user_id=user_id,
                chat_id=message.chat.id,
                message_id=message.message_id,
                latitude=location.latitude,
                longitude=location.longitude,
                accuracy_m=_accuracy(location),
                source_key=f"u{update.update_id}",
            )
        raise ApplicationHandlerStop
    await _stopped(update, context, message, location)
    raise ApplicationHandlerStop


async def _stopped(
    update: Update, context: CityContext, message: Message, location: Location
) -> None:
    lang = language_of(update, context)
    # The share's own message is the check-in's origin: its end owes a reply of its own.
    origin = f"tg:{message.chat.id}:{message.message_id}:stop"
    reply = owed_reply(update, "attendance.checked_out", lang, origin=origin)
    assert message.from_user is not None
    async with context.services.store.unit_of_work() as uow:
        closed = await attendance.check_out(
            uow,
            user_id=message.from_user.id,
            reason="stopped",
            live_message=(message.chat.id, message.message_id),
            latitude=location.latitude,
            longitude=location.longitude,
            reply=reply,
        )
    if closed is not None:
        kick_outbox(context)


def _accuracy(location: Location) -> float | None:
    accuracy = location.horizontal_accuracy
    return float(accuracy) if isinstance(accuracy, int | float) else None


async def checkout(update: Update, context: CityContext) -> None:
    """/checkout: go off duty."""
    lang = language_of(update, context)
    actor = await staff_actor(update, context)
    if actor is None or actor.user_id is None:
        await send(update, t("attendance.not_staff", lang))
        return
    async with context.services.store.unit_of_work() as uow:
        closed = await attendance.check_out(
            uow,
            user_id=actor.user_id,
            reason="command",
            reply=owed_reply(update, "attendance.checked_out", lang),
        )
    if closed is None:
        await send(update, t("attendance.not_on_duty", lang))
        return
    kick_outbox(context)


async def in_a_group(update: Update, context: CityContext) -> None:
    """/checkin or /checkout in a group: they are done in the private chat with the bot."""
    await send(update, t("attendance.private_only", language_of(update, context)))


async def close_expired(services: Services) -> int:
    """Check out everyone whose live location ran out; how many."""
    async with services.store.unit_of_work() as uow:
        closed = await attendance.close_expired(
            uow, notice_key=t_("attendance.expired"), overdue_key=t_("attendance.overdue")
        )
    if closed:
        services.outbox.kick()
    return len(closed)


async def purge_positions(services: Services) -> int:
    """Delete positions older than the settings' days; how many."""
    async with services.store.unit_of_work() as uow:
        gone = await attendance.purge_positions(
            uow, keep_days=services.settings.attendance_position_days
        )
    if gone:
        log.info("purged %d old positions of staff on duty", gone)
    return gone


async def _expiry_job(context: CityContext) -> None:
    try:
        await close_expired(context.services)
    except Exception:
        log.exception("checking out ended live locations failed; will retry")


async def _purge_job(context: CityContext) -> None:
    try:
        await purge_positions(context.services)
    except Exception:
        log.exception("purging old positions failed; will retry")


JOBS = (
    Job(_expiry_job, "attendance-expiry", first=EXPIRY_INTERVAL, interval=EXPIRY_INTERVAL),
    Job(_purge_job, "attendance-purge", first=EXPIRY_INTERVAL, interval=PURGE_INTERVAL),
)
"""Checking out shares that ran out, and purging positions past their days."""


def handlers() -> list[Registration]:
    """Live locations first (before the guard drops edits), then attendance's commands."""
    private = filters.ChatType.PRIVATE
    new: Any = private & filters.UpdateType.MESSAGE & filters.LOCATION
    edited: Any = private & filters.UpdateType.EDITED_MESSAGE & filters.LOCATION
    return [
        Registration(MessageHandler(new, shared_location), group=LIVE_GROUP),
        Registration(MessageHandler(edited, live_update), group=LIVE_GROUP),
        Registration(CommandHandler("checkin", checkin, filters=private)),
        Registration(CommandHandler("checkout", checkout, filters=private)),
        Registration(CommandHandler(["checkin", "checkout"], in_a_group, filters=~private)),
        *attendance_roster.handlers(),
        *attendance_report.handlers(),
    ]
