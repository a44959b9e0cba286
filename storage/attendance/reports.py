"""Reading attendance: a day's lines, who is on duty where, the nearest worker to a ticket,
what is kept about someone; and purging old positions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.attendance.models import (
    AttendanceArea,
    AttendancePosition,
    AttendanceSession,
    AttendanceShift,
)
from storage.attendance.roster import area_of, shift_of
from storage.attendance.values import (
    Candidate,
    DayLine,
    KeptData,
    OnDutyPosition,
    Suggestion,
)
from storage.errors import TicketNotFound
from storage.staff import StaffMember
from storage.tickets.geo import haversine_m
from storage.tickets.models import Ticket


async def day_lines(
    session: AsyncSession, *, day: date, zone: ZoneInfo, now: datetime
) -> list[DayLine]:
    """Everyone who worked on `day` or had a shift then, by name."""
    rows = await session.execute(
        select(AttendanceSession)
        .where(AttendanceSession.work_date == day)
        .order_by(AttendanceSession.checked_in_at)
    )
    by_user: dict[int, list[AttendanceSession]] = defaultdict(list)
    for row in rows.scalars():
        by_user[row.user_id].append(row)
    # A shift counts from the day it was set: nobody was missing before they had one.
    shifts = {
        row.user_id: shift_of(row)
        for row in await _all(session, AttendanceShift)
        if row.updated_at.astimezone(zone).date() <= day
    }
    people = set(by_user) | set(shifts)
    members = await _members(session, people)
    lines = [
        _line(user_id, by_user.get(user_id, []), members.get(user_id), shifts.get(user_id), now)
        for user_id in people
    ]
    # On duty first, then those who went off duty, then those who never came.
    return sorted(lines, key=lambda line: (_rank(line), line.name or "", line.user_id))


def _rank(line: DayLine) -> int:
    return 2 if line.absent else 0 if line.on_duty else 1


def _line(
    user_id: int,
    sessions: list[AttendanceSession],
    member: StaffMember | None,
    shift: object,
    now: datetime,
) -> DayLine:
    first = sessions[0] if sessions else None
    last = sessions[-1] if sessions else None
    hours = sum(
        ((row.checked_out_at or now) - row.checked_in_at).total_seconds() / 3600 for row in sessions
    )
    return DayLine(
        user_id=user_id,
        name=member.display_name if member else None,
        department=member.department if member else None,
        shift=shift,  # type: ignore[arg-type]
        sessions=len(sessions),
        first_in=first.checked_in_at if first else None,
        last_out=last.checked_out_at if last else None,
        on_duty=last is not None and last.checked_out_at is None,
        late_minutes=first.late_minutes if first else 0,
        checkin_outside=any(not row.checkin_inside for row in sessions),
        outside_count=sum(row.outside_count for row in sessions),
        early_minutes=last.early_minutes if last and last.checked_out_at else 0,
        hours=round(hours, 2),
        last_reason=last.checkout_reason if last else None,
    )


async def _all(session: AsyncSession, model: type[AttendanceShift]) -> list[AttendanceShift]:
    return list((await session.execute(select(model))).scalars())


async def _members(session: AsyncSession, user_ids: set[int]) -> dict[int, StaffMember]:
    if not user_ids:
        return {}
    rows = await session.execute(select(StaffMember).where(StaffMember.user_id.in_(user_ids)))
    return {member.user_id: member for member in rows.scalars()}


async def on_duty(session: AsyncSession) -> list[OnDutyPosition]:
    """Every worker on duty with the last position their live location gave."""
    rows = await session.execute(
        select(AttendanceSession, StaffMember)
        .join(StaffMember, StaffMember.user_id == AttendanceSession.user_id, isouter=True)
        .where(
            AttendanceSession.checked_out_at.is_(None),
            AttendanceSession.last_lat.is_not(None),
            AttendanceSession.last_lon.is_not(None),
        )
        .order_by(AttendanceSession.user_id)
    )
    found: list[OnDutyPosition] = []
    for row, member in rows.tuples():
        assert row.last_lat is not None and row.last_lon is not None
        found.append(
            OnDutyPosition(
                user_id=row.user_id,
                name=member.display_name if member else None,
                department=member.department if member else None,
                lat=row.last_lat,
                lon=row.last_lon,
                at=row.last_at or row.checked_in_at,
            )
        )
    return found


async def nearest(session: AsyncSession, *, number: str, limit: int) -> Suggestion:
    """The workers on duty of ticket `number`'s department, nearest first."""
    ticket = (
        await session.execute(select(Ticket).where(Ticket.number == number))
    ).scalar_one_or_none()
    if ticket is None:
        raise TicketNotFound(number)
    located = ticket.latitude is not None and ticket.longitude is not None
    if not located:
        return Suggestion(ticket.number, ticket.department, False, ())
    assert ticket.latitude is not None and ticket.longitude is not None
    candidates = [
        Candidate(
            user_id=place.user_id,
            name=place.name,
            distance_m=haversine_m(ticket.latitude, ticket.longitude, place.lat, place.lon),
            at=place.at,
        )
        for place in await on_duty(session)
        if place.department == ticket.department
    ]
    candidates.sort(key=lambda candidate: (candidate.distance_m, candidate.user_id))
    return Suggestion(ticket.number, ticket.department, True, tuple(candidates[:limit]))


async def kept_about(session: AsyncSession, *, user_id: int) -> KeptData:
    """What attendance (and the roster) keep about `user_id`."""
    member = await session.get(StaffMember, user_id)
    sessions = await session.execute(
        select(func.count(), func.min(AttendanceSession.work_date)).where(
            AttendanceSession.user_id == user_id
        )
    )
    session_count, first_day = sessions.one()
    positions = await session.execute(
        select(func.count(), func.min(AttendancePosition.at)).where(
            AttendancePosition.user_id == user_id
        )
    )
    position_count, first_at = positions.one()
    return KeptData(
        role=member.role if member else None,
        department=member.department if member else None,
        area=area_of(await session.get(AttendanceArea, user_id)),
        shift=shift_of(await session.get(AttendanceShift, user_id)),
        sessions=int(session_count or 0),
        first_day=first_day,
        positions=int(position_count or 0),
        first_position_at=first_at,
    )


async def purge(session: AsyncSession, *, keep_days: int, now: datetime) -> int:
    """Delete positions older than `keep_days` and blank the places of sessions that old;
    returns how many positions went."""
    cutoff = now - timedelta(days=keep_days)
    result = await session.execute(delete(AttendancePosition).where(AttendancePosition.at < cutoff))
    await session.execute(
        update(AttendanceSession)
        .where(
            AttendanceSession.checked_in_at < cutoff,
            AttendanceSession.checked_out_at.is_not(None),
        )
        .values(
            checkin_lat=None,
            checkin_lon=None,
            last_lat=None,
            last_lon=None,
            checkout_lat=None,
            checkout_lon=None,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
