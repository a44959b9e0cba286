"""The staff roster's service functions, each in the caller's unit of work.

A roster change is no ticket's: its confirmation, given `reply`, is owed on its own, once
per update (a redone update owes nothing more).
"""

from __future__ import annotations

from collections.abc import Collection

from storage.db.uow import UnitOfWork
from storage.outbox.replies import OwedReply
from storage.outbox.service import is_reply_owed, owe_reply
from storage.staff import roster
from storage.staff.models import StaffMember
from storage.tickets.lifecycle import Actor, Role


async def identify(
    uow: UnitOfWork,
    *,
    user_id: int,
    admin_ids: Collection[int] = (),
    staff_ids: Collection[int] = (),
) -> Actor:
    """Who this Telegram user is to the store: admin, staff role, or resident."""
    return await roster.resolve_actor(
        uow.session, user_id=user_id, admin_ids=set(admin_ids), staff_ids=set(staff_ids)
    )


async def add_member(
    uow: UnitOfWork,
    *,
    by: Actor,
    user_id: int,
    role: Role,
    department: str | None = None,
    display_name: str | None = None,
    reply: OwedReply | None = None,
) -> StaffMember:
    """Add or change a staff member (admins only)."""
    member = await roster.add_staff(
        uow.session,
        by=by,
        user_id=user_id,
        role=role,
        catalog=uow.catalog,
        department=department,
        display_name=display_name,
        now=uow.now(),
    )
    await _owe_once(uow, reply)
    return member


async def remove_member(
    uow: UnitOfWork, *, by: Actor, user_id: int, reply: OwedReply | None = None
) -> bool:
    """Take someone off the roster (admins only); False if they were not on it."""
    if reply is not None and await is_reply_owed(uow, reply=reply):
        return True  # removed by an earlier run of this update
    removed = await roster.remove_staff(uow.session, by=by, user_id=user_id)
    if removed:
        await _owe_once(uow, reply)
    return removed


async def list_members(uow: UnitOfWork) -> list[StaffMember]:
    """Everyone on the roster, by role then id."""
    return await roster.list_staff(uow.session)


async def set_duty(
    uow: UnitOfWork, *, user_id: int, on_duty: bool, reply: OwedReply | None = None
) -> bool:
    """Mark a staff member on or off duty; False if not on the roster."""
    changed = await roster.set_on_duty(uow.session, user_id=user_id, on_duty=on_duty)
    if changed:
        await _owe_once(uow, reply)
    return changed


async def enrol_from_settings(
    uow: UnitOfWork, *, admin_ids: Collection[int] = (), staff_ids: Collection[int] = ()
) -> int:
    """Put the settings' admins and staff on the roster (on duty) if they are not on it, so
    that /staff list shows them, /duty works and urgent tickets mention someone before any
    /staff add; returns how many were added."""
    return await roster.enrol(
        uow.session, admin_ids=set(admin_ids), staff_ids=set(staff_ids), now=uow.now()
    )


async def is_profile_new(uow: UnitOfWork, *, user_id: int, language: str, name: str | None) -> bool:
    """True if `user_id` is on the roster and was last seen with another language or name."""
    member = await uow.session.get(StaffMember, user_id)
    if member is None:
        return False
    return member.language != language or bool(name and name[:100] != member.display_name)


async def note_profile(uow: UnitOfWork, *, user_id: int, language: str, name: str | None) -> bool:
    """Remember the language (alerts to them are in it) and the name (tickets show it) a
    roster member uses; False if they are not on the roster or nothing changed."""
    return await roster.note_profile(uow.session, user_id=user_id, language=language, name=name)


async def names_of(uow: UnitOfWork, *, user_ids: Collection[int]) -> dict[int, str]:
    """The known names of those of `user_ids` on the roster (the ticket card shows them)."""
    return await roster.names_of(uow.session, set(user_ids))


async def is_language_new(uow: UnitOfWork, *, user_id: int, language: str) -> bool:
    """True if `user_id` is on the roster and was last seen using another language (or none)."""
    member = await uow.session.get(StaffMember, user_id)
    return member is not None and member.language != language


async def note_language(uow: UnitOfWork, *, user_id: int, language: str) -> bool:
    """Remember the language a roster member uses (alerts to them are in it); False if
    they are not on the roster or it is unchanged."""
    return await roster.note_language(uow.session, user_id=user_id, language=language)


async def list_dispatchers_on_duty(uow: UnitOfWork) -> list[StaffMember]:
    """Dispatchers and admins on duty, to mention on urgent tickets."""
    return await roster.on_duty_dispatchers(uow.session)


async def _owe_once(uow: UnitOfWork, reply: OwedReply | None) -> None:
    if reply is not None and not await is_reply_owed(uow, reply=reply):
        owe_reply(uow, reply=reply)
