"""Each worker's area and shift: read, set and cleared (dispatchers and admins)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.attendance.errors import AttendanceProblem
from storage.attendance.geometry import Area
from storage.attendance.models import AttendanceArea, AttendanceShift
from storage.attendance.shifts import ShiftTimes
from storage.errors import PermissionDenied
from storage.staff import StaffMember
from storage.tickets.lifecycle import Actor, Role

MANAGERS = (Role.DISPATCHER, Role.ADMIN)


def check_manager(by: Actor | None) -> None:
    """Raise PermissionDenied unless `by` is a dispatcher or an admin (None: the operator)."""
    if by is not None and by.role not in MANAGERS:
        raise PermissionDenied(by.role.value, "manage attendance")


async def check_on_roster(session: AsyncSession, user_id: int) -> StaffMember:
    """The roster row of `user_id`, or AttendanceProblem if they are not staff."""
    member = await session.get(StaffMember, user_id)
    if member is None:
        raise AttendanceProblem("not_on_roster", user_id=user_id)
    return member


def area_of(row: AttendanceArea | None) -> Area | None:
    """The row as an Area."""
    if row is None:
        return None
    if row.kind == "polygon":
        corners = tuple((float(lat), float(lon)) for lat, lon in row.polygon or [])
        return Area(corners=corners, name=row.name)
    assert row.center_lat is not None and row.center_lon is not None
    return Area(center=(row.center_lat, row.center_lon), radius_m=row.radius_m, name=row.name)


def shift_of(row: AttendanceShift | None) -> ShiftTimes | None:
    """The row as ShiftTimes."""
    return None if row is None else ShiftTimes(row.start_minute, row.end_minute)


async def load_area(session: AsyncSession, user_id: int) -> Area | None:
    """The worker's area, if one is set."""
    return area_of(await session.get(AttendanceArea, user_id))


async def load_shift(session: AsyncSession, user_id: int) -> ShiftTimes | None:
    """The worker's shift, if one is set."""
    return shift_of(await session.get(AttendanceShift, user_id))


async def store_area(
    session: AsyncSession, *, user_id: int, area: Area, by: int | None, now: datetime
) -> None:
    """Set (or replace) the worker's area."""
    row = await session.get(AttendanceArea, user_id)
    if row is None:
        row = AttendanceArea(user_id=user_id)
        session.add(row)
    row.kind = area.kind
    row.center_lat, row.center_lon = area.center or (None, None)
    row.radius_m = area.radius_m
    row.polygon = [list(corner) for corner in area.corners] if area.corners else None
    row.name = area.name
    row.set_by, row.updated_at = by, now


async def store_shift(
    session: AsyncSession, *, user_id: int, shift: ShiftTimes, by: int | None, now: datetime
) -> None:
    """Set (or replace) the worker's shift."""
    row = await session.get(AttendanceShift, user_id)
    if row is None:
        row = AttendanceShift(user_id=user_id)
        session.add(row)
    row.start_minute, row.end_minute = shift.start_minute, shift.end_minute
    row.set_by, row.updated_at = by, now


async def drop_area(session: AsyncSession, user_id: int) -> bool:
    """Remove the worker's area; False if none was set."""
    result = await session.execute(delete(AttendanceArea).where(AttendanceArea.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


async def drop_shift(session: AsyncSession, user_id: int) -> bool:
    """Remove the worker's shift; False if none was set."""
    result = await session.execute(
        delete(AttendanceShift).where(AttendanceShift.user_id == user_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def find_by_name(session: AsyncSession, typed: str) -> int | None:
    """The roster member whose name is `typed` (any case, a leading @ ignored); None if no
    one or several have it."""
    wanted = typed.removeprefix("@").strip().casefold()
    if not wanted:
        return None
    rows = await session.execute(
        select(StaffMember.user_id, StaffMember.display_name).where(
            StaffMember.display_name.is_not(None)
        )
    )
    found = [user_id for user_id, name in rows.all() if (name or "").casefold() == wanted]
    return found[0] if len(found) == 1 else None
