"""Attendance's service functions, each in the caller's unit of work.

A change (a check-in or check-out, an area or shift set) owes its reply, given `reply`, in
its own transaction: once per origin, however often its update is redone.
"""

from __future__ import annotations

from datetime import date, datetime

from storage.attendance import duty, reports, roster
from storage.attendance.geometry import Area
from storage.attendance.shifts import ShiftTimes
from storage.attendance.values import (
    Assignment,
    CheckIn,
    CheckOut,
    DayLine,
    KeptData,
    OnDutyPosition,
    Suggestion,
)
from storage.db.uow import UnitOfWork
from storage.errors import PermissionDenied
from storage.outbox.replies import OwedReply
from storage.outbox.service import is_reply_owed, owe_reply
from storage.staff import StaffMember
from storage.tickets.lifecycle import Actor


async def check_in(
    uow: UnitOfWork,
    *,
    by: Actor,
    latitude: float,
    longitude: float,
    live_period: int,
    chat_id: int,
    message_id: int,
    grace_minutes: int = 5,
    reply: OwedReply | None = None,
) -> CheckIn:
    """Go on duty with a live location (staff only); 'no_area' records nothing."""
    if not by.is_staff or by.user_id is None:
        raise PermissionDenied(by.role.value, "check in")
    done = await duty.start_session(
        uow.session,
        user_id=by.user_id,
        latitude=latitude,
        longitude=longitude,
        live_period=live_period,
        chat_id=chat_id,
        message_id=message_id,
        grace_minutes=grace_minutes,
        zone=uow.catalog.timezone,
        now=uow.now(),
    )
    if done.state != "no_area" and done.checked_in_at is not None:
        params = {
            "time": _clock(uow, done.checked_in_at),
            "late_minutes": done.late_minutes,
            "outside": not done.inside,
        }
        await _owe_once(uow, reply, params)
    return done


async def record_position(
    uow: UnitOfWork,
    *,
    user_id: int,
    chat_id: int,
    message_id: int,
    latitude: float,
    longitude: float,
    accuracy_m: float | None = None,
    source_key: str,
) -> bool:
    """Keep a live-location update of a worker on duty; False if nothing was kept."""
    return await duty.add_position(
        uow.session,
        user_id=user_id,
        chat_id=chat_id,
        message_id=message_id,
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy_m,
        source_key=source_key,
        now=uow.now(),
    )


async def check_out(
    uow: UnitOfWork,
    *,
    user_id: int,
    reason: str = "command",
    live_message: tuple[int, int] | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    reply: OwedReply | None = None,
) -> CheckOut | None:
    """Go off duty (by /checkout, or the share `live_message` ending); None if not on duty."""
    if reply is not None and await is_reply_owed(uow, reply=reply):
        earlier = await duty.last_closed(uow.session, user_id)  # an earlier run closed it
        return duty.checkout_of(earlier) if earlier is not None else None
    row = await duty.open_session(uow.session, user_id)
    if row is None:
        return None
    if live_message is not None and live_message != (row.live_chat_id, row.live_message_id):
        return None  # another share than the one followed
    closed = duty.end_session(
        row, reason=reason, at=uow.now(), latitude=latitude, longitude=longitude
    )
    await _owe_once(uow, reply, _checkout_params(uow, closed))
    return closed


async def close_expired(
    uow: UnitOfWork, *, notice_key: str, overdue_key: str | None = None
) -> list[CheckOut]:
    """Check out everyone whose live location ran out, at its end (notice `notice_key`),
    and those sharing until stopped long after their shift (`overdue_key`); each is owed
    the notice in their own chat, in their language."""
    ended = [
        (row, row.live_until, notice_key)
        for row in await duty.expired_sessions(uow.session, uow.now())
        if row.live_until is not None
    ]
    overdue = await duty.overdue_sessions(uow.session, uow.now())
    ended += [(row, at, overdue_key or notice_key) for row, at in overdue]
    closed: list[CheckOut] = []
    for row, at, key in ended:
        done = duty.end_session(row, reason="expired", at=at)
        member = await uow.session.get(StaffMember, row.user_id)
        notice = OwedReply(
            chat_id=row.live_chat_id,
            language=(member.language if member else None) or uow.staff_language,
            message_key=key,
            origin=f"attendance-expired:{row.id}",
        )
        await _owe_once(uow, notice, _checkout_params(uow, done))
        closed.append(done)
    return closed


def _who(member: StaffMember) -> dict[str, object]:
    return {"user_id": member.user_id, "name": member.display_name or ""}


def _clock(uow: UnitOfWork, moment: datetime) -> str:
    # Replies give the bureau's local time of day, the same in every language.
    return moment.astimezone(uow.catalog.timezone).strftime("%H:%M")


def _checkout_params(uow: UnitOfWork, closed: CheckOut) -> dict[str, object]:
    return {
        "checked_in": _clock(uow, closed.checked_in_at),
        "checked_out": _clock(uow, closed.checked_out_at),
        "hours": round(closed.hours, 2),
        "early_minutes": closed.early_minutes,
        "late_minutes": closed.late_minutes,
    }


async def set_area(
    uow: UnitOfWork, *, by: Actor | None, user_id: int, area: Area, reply: OwedReply | None = None
) -> None:
    """Set a worker's area (dispatchers and admins; `by` None is the operator's file)."""
    roster.check_manager(by)
    member = await roster.check_on_roster(uow.session, user_id)
    await roster.store_area(
        uow.session, user_id=user_id, area=area, by=by.user_id if by else None, now=uow.now()
    )
    await _owe_once(uow, reply, _who(member))


async def set_shift(
    uow: UnitOfWork,
    *,
    by: Actor | None,
    user_id: int,
    shift: ShiftTimes,
    reply: OwedReply | None = None,
) -> None:
    """Set a worker's shift (dispatchers and admins; `by` None is the operator's file)."""
    roster.check_manager(by)
    member = await roster.check_on_roster(uow.session, user_id)
    await roster.store_shift(
        uow.session, user_id=user_id, shift=shift, by=by.user_id if by else None, now=uow.now()
    )
    await _owe_once(uow, reply, _who(member))


async def clear_assignment(
    uow: UnitOfWork,
    *,
    by: Actor,
    user_id: int,
    area: bool,
    shift: bool,
    reply: OwedReply | None = None,
) -> bool:
    """Remove a worker's area and/or shift; False if there was none to remove."""
    roster.check_manager(by)
    if reply is not None and await is_reply_owed(uow, reply=reply):
        return True  # removed by an earlier run of this update
    removed = False
    if area:
        removed = await roster.drop_area(uow.session, user_id) or removed
    if shift:
        removed = await roster.drop_shift(uow.session, user_id) or removed
    if removed:
        member = await uow.session.get(StaffMember, user_id)
        await _owe_once(uow, reply, _who(member) if member else {"user_id": user_id})
    return removed


async def get_assignment(uow: UnitOfWork, *, user_id: int) -> Assignment:
    """A worker's area, shift, name and whether they are on duty (any may be unset)."""
    member = await uow.session.get(StaffMember, user_id)
    current = await duty.open_session(uow.session, user_id)
    return Assignment(
        user_id,
        await roster.load_area(uow.session, user_id),
        await roster.load_shift(uow.session, user_id),
        name=member.display_name if member else None,
        on_duty_since=current.checked_in_at if current else None,
    )


async def find_worker(uow: UnitOfWork, *, typed: str) -> int | None:
    """The user id of the one roster member named `typed` ('老王', '@老王'), if exactly one."""
    return await roster.find_by_name(uow.session, typed)


async def list_day(uow: UnitOfWork, *, by: Actor | None, day: date) -> list[DayLine]:
    """Attendance on `day`: everyone who checked in or had a shift, absent ones last
    (dispatchers and admins; `by` None is the operator's command line)."""
    roster.check_manager(by)
    return await reports.day_lines(uow.session, day=day, zone=uow.catalog.timezone, now=uow.now())


async def suggest_workers(uow: UnitOfWork, *, number: str, limit: int = 3) -> Suggestion:
    """The nearest workers on duty of ticket `number`'s department."""
    return await reports.nearest(uow.session, number=number, limit=limit)


async def on_duty_positions(uow: UnitOfWork) -> list[OnDutyPosition]:
    """Each worker on duty and their last position (user id, name, department, lat, lon, at)."""
    return await reports.on_duty(uow.session)


async def describe_kept(uow: UnitOfWork, *, user_id: int) -> KeptData:
    """What is kept about one member of staff: roster, area, shift, sessions, positions."""
    return await reports.kept_about(uow.session, user_id=user_id)


async def purge_positions(uow: UnitOfWork, *, keep_days: int) -> int:
    """Delete positions (and sessions' places) older than `keep_days`; how many went."""
    return await reports.purge(uow.session, keep_days=keep_days, now=uow.now())


async def _owe_once(uow: UnitOfWork, reply: OwedReply | None, params: dict[str, object]) -> None:
    if reply is not None and not await is_reply_owed(uow, reply=reply):
        owe_reply(uow, reply=reply, params=params)
