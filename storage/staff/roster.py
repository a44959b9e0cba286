"""Who is staff: admins from the settings, everyone else from the roster table."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.errors import InvalidInput, PermissionDenied
from storage.staff.models import StaffMember
from storage.tickets.categories import Catalog
from storage.tickets.lifecycle import Actor, Role

ROSTER_ROLES = (Role.FIELD_WORKER, Role.DISPATCHER, Role.ADMIN)


async def resolve_actor(
    session: AsyncSession, *, user_id: int, admin_ids: Collection[int], staff_ids: Collection[int]
) -> Actor:
    """The Actor for a Telegram user: admin (settings), roster role, dispatcher (settings'
    staff ids without a roster row), or resident."""
    if user_id in admin_ids:
        return Actor(user_id, Role.ADMIN)
    member = await session.get(StaffMember, user_id)
    if member is not None:
        return Actor(user_id, Role(member.role))
    if user_id in staff_ids:
        return Actor(user_id, Role.DISPATCHER)
    return Actor(user_id, Role.RESIDENT)


async def add_staff(
    session: AsyncSession,
    *,
    by: Actor,
    user_id: int,
    role: Role,
    catalog: Catalog,
    department: str | None = None,
    display_name: str | None = None,
    now: datetime,
) -> StaffMember:
    """Add someone to the roster or change their role/department (admins only)."""
    if by.role != Role.ADMIN:
        raise PermissionDenied(by.role.value, "manage staff")
    if role not in ROSTER_ROLES:
        raise InvalidInput("role", "role_unknown", roles=[r.value for r in ROSTER_ROLES])
    if department is not None and department not in catalog.departments:
        raise InvalidInput(
            "department",
            "unknown_department",
            department=department,
            known=list(catalog.departments),
        )
    member = await session.get(StaffMember, user_id)
    if member is None:
        member = StaffMember(user_id=user_id, created_at=now, added_by=by.user_id, on_duty=True)
        session.add(member)
    member.role = role.value
    member.department = department
    if display_name:
        member.display_name = display_name[:100]
    return member


async def remove_staff(session: AsyncSession, *, by: Actor, user_id: int) -> bool:
    """Take someone off the roster (admins only); False if they were not on it."""
    if by.role != Role.ADMIN:
        raise PermissionDenied(by.role.value, "manage staff")
    result = await session.execute(delete(StaffMember).where(StaffMember.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


async def note_language(session: AsyncSession, *, user_id: int, language: str) -> bool:
    """Keep the language a roster member uses; False if not on the roster or unchanged."""
    member = await session.get(StaffMember, user_id)
    if member is None or member.language == language:
        return False
    member.language = language
    return True


async def list_staff(session: AsyncSession) -> list[StaffMember]:
    """The roster, by role then id."""
    rows = await session.execute(
        select(StaffMember).order_by(StaffMember.role, StaffMember.user_id)
    )
    return list(rows.scalars())


async def set_on_duty(session: AsyncSession, *, user_id: int, on_duty: bool) -> bool:
    """Mark a staff member on or off duty; False if not on the roster."""
    member = await session.get(StaffMember, user_id)
    if member is None:
        return False
    member.on_duty = on_duty
    return True


async def on_duty_dispatchers(session: AsyncSession) -> list[StaffMember]:
    """Dispatchers and admins on duty, to mention on urgent tickets."""
    rows = await session.execute(
        select(StaffMember).where(
            StaffMember.on_duty.is_(True),
            StaffMember.role.in_([Role.DISPATCHER.value, Role.ADMIN.value]),
        )
    )
    return list(rows.scalars())
