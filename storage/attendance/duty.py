"""Going on and off duty: a check-in by live location, its position updates, the check-out
by command, by the end of the share or by the live period running out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.attendance.models import AttendancePosition, AttendanceSession
from storage.attendance.roster import load_area, load_shift
from storage.attendance.values import CheckIn, CheckOut

FOREVER = 0x7FFFFFFF
"""Telegram's live_period for a location shared until stopped."""
AFTER_SHIFT = timedelta(hours=4)
"""A share kept on until stopped checks out this long after the shift's end, if not before."""
LONGEST_WITHOUT_SHIFT = timedelta(hours=24)


async def open_session(session: AsyncSession, user_id: int) -> AttendanceSession | None:
    """The worker's session on duty now, if any."""
    rows = await session.execute(
        select(AttendanceSession)
        .where(AttendanceSession.user_id == user_id, AttendanceSession.checked_out_at.is_(None))
        .order_by(AttendanceSession.id.desc())
        .limit(1)
    )
    return rows.scalar_one_or_none()


def _live_until(now: datetime, live_period: int) -> datetime | None:
    return None if live_period >= FOREVER else now + timedelta(seconds=live_period)


def _late_minutes(checked_in: datetime, start: datetime | None, grace_minutes: int) -> int:
    if start is None:
        return 0
    late = int((checked_in - start).total_seconds() // 60)
    return late if late > grace_minutes else 0


async def start_session(
    session: AsyncSession,
    *,
    user_id: int,
    latitude: float,
    longitude: float,
    live_period: int,
    chat_id: int,
    message_id: int,
    grace_minutes: int,
    zone: ZoneInfo,
    now: datetime,
) -> CheckIn:
    """Check in from a live location (or follow a new share when already on duty)."""
    area = await load_area(session, user_id)
    if area is None:
        return CheckIn("no_area")
    same = await session.execute(
        select(AttendanceSession).where(
            AttendanceSession.live_chat_id == chat_id,
            AttendanceSession.live_message_id == message_id,
        )
    )
    current = same.scalar_one_or_none() or await open_session(session, user_id)
    if current is not None:  # on duty already (or this very share, redelivered)
        redone = (current.live_chat_id, current.live_message_id) == (chat_id, message_id)
        if not redone:  # a new share while on duty: it is the one followed from now on
            current.live_chat_id, current.live_message_id = chat_id, message_id
            current.live_until = _live_until(now, live_period)
        return _checked_in(current, "checked_in" if redone else "followed")
    shift = await load_shift(session, user_id)
    day = shift.day_of(now, zone) if shift else now.astimezone(zone).date()
    start, end = shift.bounds(day, zone) if shift else (None, None)
    inside = area.contains(latitude, longitude)
    row = AttendanceSession(
        user_id=user_id,
        work_date=day,
        checked_in_at=now,
        checkin_lat=latitude,
        checkin_lon=longitude,
        checkin_inside=inside,
        shift_start_at=start,
        shift_end_at=end,
        late_minutes=_late_minutes(now, start, grace_minutes),
        live_chat_id=chat_id,
        live_message_id=message_id,
        live_until=_live_until(now, live_period),
        last_lat=latitude,
        last_lon=longitude,
        last_at=now,
        last_inside=inside,
        outside_count=0 if inside else 1,
        early_minutes=0,
    )
    session.add(row)
    await session.flush()
    return _checked_in(row, "checked_in")


def _checked_in(row: AttendanceSession, state: str) -> CheckIn:
    return CheckIn(state, row.checked_in_at, row.late_minutes, row.checkin_inside)


async def add_position(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    message_id: int,
    latitude: float,
    longitude: float,
    accuracy_m: float | None,
    source_key: str,
    now: datetime,
) -> bool:
    """Keep a position of the live share being followed; False (nothing kept) when its
    owner is off duty, the share is another one, or this update was kept already."""
    row = await open_session(session, user_id)
    if row is None or (row.live_chat_id, row.live_message_id) != (chat_id, message_id):
        return False
    seen = await session.execute(
        select(AttendancePosition.id).where(
            AttendancePosition.session_id == row.id, AttendancePosition.source_key == source_key
        )
    )
    if seen.first() is not None:
        return False
    area = await load_area(session, user_id)
    inside = area.contains(latitude, longitude) if area is not None else True
    session.add(
        AttendancePosition(
            session_id=row.id,
            user_id=user_id,
            at=now,
            latitude=latitude,
            longitude=longitude,
            accuracy_m=accuracy_m,
            inside=inside,
            source_key=source_key[:40],
        )
    )
    row.last_lat, row.last_lon, row.last_at, row.last_inside = latitude, longitude, now, inside
    row.outside_count += 0 if inside else 1
    return True


def end_session(
    row: AttendanceSession,
    *,
    reason: str,
    at: datetime,
    latitude: float | None = None,
    longitude: float | None = None,
) -> CheckOut:
    """Close `row` at `at` for `reason` ('command', 'stopped', 'expired')."""
    at = max(at, row.checked_in_at)
    row.checked_out_at, row.checkout_reason = at, reason
    row.checkout_lat = latitude if latitude is not None else row.last_lat
    row.checkout_lon = longitude if longitude is not None else row.last_lon
    if row.shift_end_at is not None and at < row.shift_end_at:
        row.early_minutes = int((row.shift_end_at - at).total_seconds() // 60)
    return checkout_of(row)


def checkout_of(row: AttendanceSession) -> CheckOut:
    """A closed session as a CheckOut."""
    assert row.checked_out_at is not None
    return CheckOut(
        checked_in_at=row.checked_in_at,
        checked_out_at=row.checked_out_at,
        reason=row.checkout_reason or "command",
        late_minutes=row.late_minutes,
        early_minutes=row.early_minutes,
    )


async def last_closed(session: AsyncSession, user_id: int) -> AttendanceSession | None:
    """The worker's latest closed session."""
    rows = await session.execute(
        select(AttendanceSession)
        .where(AttendanceSession.user_id == user_id, AttendanceSession.checked_out_at.is_not(None))
        .order_by(AttendanceSession.checked_out_at.desc(), AttendanceSession.id.desc())
        .limit(1)
    )
    return rows.scalar_one_or_none()


async def expired_sessions(session: AsyncSession, now: datetime) -> list[AttendanceSession]:
    """Open sessions whose live location's period has run out."""
    rows = await session.execute(
        select(AttendanceSession)
        .where(
            AttendanceSession.checked_out_at.is_(None),
            AttendanceSession.live_until.is_not(None),
            AttendanceSession.live_until <= now,
        )
        .order_by(AttendanceSession.id)
    )
    return list(rows.scalars())


async def overdue_sessions(
    session: AsyncSession, now: datetime
) -> list[tuple[AttendanceSession, datetime]]:
    """Open sessions of shares kept on until stopped, long after their shift (or a day
    without one), each with the moment it ends: the last position or the shift's end,
    whichever is later."""
    rows = await session.execute(
        select(AttendanceSession)
        .where(AttendanceSession.checked_out_at.is_(None), AttendanceSession.live_until.is_(None))
        .order_by(AttendanceSession.id)
    )
    found: list[tuple[AttendanceSession, datetime]] = []
    for row in rows.scalars():
        if row.shift_end_at is not None:
            limit = max(row.shift_end_at, row.checked_in_at) + AFTER_SHIFT
            ends = max(row.shift_end_at, row.last_at or row.checked_in_at)
        else:
            limit = row.checked_in_at + LONGEST_WITHOUT_SHIFT
            ends = row.last_at or row.checked_in_at
        if limit <= now:
            found.append((row, min(ends, limit)))
    return found
