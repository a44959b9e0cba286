"""Who is staff: admins from the settings, everyone else from the roster table."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.errors import InvalidInput, PermissionDenied
from storage.staff.models import StaffMember
from storage.tickets.categories import Catalog
from storage.tickets.lifecycle import Actor, Role

ROSTER_ROLES = (Role.FIELD_WORKER, Role.DISPATCHER, Role.ADMIN, Role.GAS_INSPECTOR)


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
    if department is not None:
        code = catalog.find_department(department)
        if code is None:
            raise InvalidInput(
                "department",
                "unknown_department",
                department=department,
                known=list(catalog.departments),
            )
        department = code
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


async def enrol(
    session: AsyncSession,
    *,
    admin_ids: Collection[int],
    staff_ids: Collection[int],
    now: datetime,
) -> int:
    """Put the settings' admins (as admins) and staff ids (as dispatchers) on the roster, on
    duty, unless they are on it already; returns how many were added. Several workers may
    start at once: a row another one added first is left alone."""
    wanted = {user_id: Role.DISPATCHER for user_id in staff_ids}
    wanted.update({user_id: Role.ADMIN for user_id in admin_ids})
    if not wanted:
        return 0
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    added = 0
    for user_id, role in sorted(wanted.items()):
        statement = (
            insert(StaffMember)
            .values(user_id=user_id, role=role.value, on_duty=True, created_at=now)
            .on_conflict_do_nothing(index_elements=[StaffMember.user_id])
        )
        result = await session.execute(statement)
        added += int(getattr(result, "rowcount", 0) or 0)
    # The settings make an admin whatever the roster said; the list shows them as they act.
    await session.execute(
        update(StaffMember)
        .where(StaffMember.user_id.in_(list(admin_ids)), StaffMember.role != Role.ADMIN.value)
        .values(role=Role.ADMIN.value)
    )
    return added


async def note_profile(
    session: AsyncSession, *, user_id: int, language: str, name: str | None
) -> bool:
    """Keep the language and name a roster member uses; False if not on the roster or
    both are unchanged."""
    member = await session.get(StaffMember, user_id)
    if member is None:
        return False
    name = (name or "").strip()[:100] or member.display_name
    if member.language == language and member.display_name == name:
        return False
    member.language = language
    member.display_name = name
    return True


async def names_of(session: AsyncSession, user_ids: Collection[int]) -> dict[int, str]:
    """The names of those of `user_ids` on the roster whose name is known."""
    if not user_ids:
        return {}
    rows = await session.execute(
        select(StaffMember.user_id, StaffMember.display_name).where(
            StaffMember.user_id.in_(list(user_ids)), StaffMember.display_name.is_not(None)
        )
    )
    return {user_id: name for user_id, name in rows.all() if name}


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
        select(StaffMember)
        .where(
            StaffMember.on_duty.is_(True),
            StaffMember.role.in_([Role.DISPATCHER.value, Role.ADMIN.value]),
        )
        .order_by(StaffMember.user_id)
    )
    return list(rows.scalars())
