"""What every move on a ticket shares: the lifecycle move (accept … rate) and the remark
that keeps its status (assign, join, comment, note, reply), in the caller's unit of work.

The moves themselves, one function each, are in storage/tickets/service.py and remarks.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db.uow import UnitOfWork
from storage.errors import InvalidInput, MergeMismatch, PermissionDenied
from storage.outbox.queue import reply_owed
from storage.outbox.replies import OwedReply
from storage.tickets.categories import Catalog
from storage.tickets.filing import (
    MAX_NOTE,
    get_ticket,
    photo_row,
    record_event,
)
from storage.tickets.geo import haversine_m
from storage.tickets.lifecycle import (
    OPEN_STATUSES,
    Action,
    Actor,
    Role,
    Status,
    check_side_action,
    next_status,
)
from storage.tickets.models import Follower, Photo, Ticket
from storage.tickets.notify import owe_news
from storage.tickets.photos import StoredImage


def effective_role(ticket: Ticket, actor: Actor) -> Role:
    """A resident who filed the ticket acts as its reporter."""
    if actor.role in (Role.RESIDENT, Role.REPORTER):
        if actor.user_id is not None and actor.user_id == ticket.reporter_id:
            return Role.REPORTER
        return Role.RESIDENT
    return actor.role


_REQUIRED = {"reason": "reason_required", "note": "note_required", "text": "text_required"}
_TOO_LONG = {"reason": "reason_too_long", "note": "note_too_long", "text": "text_too_long"}


def _require_text(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(field, _REQUIRED[field])
    if len(text) > MAX_NOTE:
        raise InvalidInput(field, _TOO_LONG[field], limit=MAX_NOTE)
    return text


def _check_field_worker(ticket: Ticket, actor: Actor, role: Role, action: Action) -> None:
    if role == Role.FIELD_WORKER and ticket.assignee_id not in (None, actor.user_id):
        raise PermissionDenied(role.value, action.value, "assigned_to_other")


async def _record_and_tell(
    uow: UnitOfWork,
    ticket: Ticket,
    by: Actor,
    action: Action,
    before: Status,
    note: str | None,
    data: dict[str, Any],
    attached: Photo | None,
    role: Role,
    reply: OwedReply | None,
    now: datetime,
) -> None:
    # Every move and remark ends alike: its event, then the news and the reply it owes.
    event = await record_event(
        uow.session,
        ticket,
        by,
        action,
        before,
        note=note,
        now=now,
        data=data,
        photo=attached,
        role=role,
    )
    await owe_news(
        uow.session,
        ticket,
        event,
        action,
        note,
        now,
        attached,
        reply,
        staff_language=uow.staff_language,
    )


Change = Callable[[Ticket, Role, datetime], Awaitable[tuple[dict[str, Any], Photo | None]]]
"""A move's own part: it changes the locked ticket and returns the event's data and photo."""


async def _no_change(_ticket: Ticket, _role: Role, _now: datetime) -> tuple[dict[str, Any], None]:
    return {}, None


async def move(
    uow: UnitOfWork,
    *,
    number: str,
    action: Action,
    by: Actor,
    note: str | None = None,
    note_field: str | None = None,
    worker_of_ticket: bool = False,
    change: Change = _no_change,
    reply: OwedReply | None = None,
) -> Ticket:
    """Make one lifecycle move; IllegalTransition, PermissionDenied or InvalidInput if not.

    The checks every move shares come first (the transition, the field worker's own ticket,
    the reason `note_field` names), then `change`, then the event and the news owed, with
    `reply` (the confirmation owed to `by`) in the same transaction. A move whose reply is
    owed already was made by an earlier run of the same update: the ticket as it stands."""
    session = uow.session
    if reply is not None and await reply_owed(session, dedupe_key=reply.dedupe_key):
        return await get_ticket(session, number)
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, by)
    if role == Role.RESIDENT and by.role in (Role.RESIDENT, Role.REPORTER):
        raise PermissionDenied(role.value, action.value, "reporter_only")
    before = Status(ticket.status)
    after = next_status(before, action, role)
    now = uow.now()
    if worker_of_ticket:
        _check_field_worker(ticket, by, role, action)
    if note_field is not None:
        note = _require_text(note, note_field)
    data, attached = await change(ticket, role, now)
    ticket.status = after.value
    ticket.is_open = after in OPEN_STATUSES
    ticket.updated_at = now
    if attached is not None:
        await session.flush()
    await _record_and_tell(uow, ticket, by, action, before, note, data, attached, role, reply, now)
    return ticket


def distance_between(ticket: Ticket, other: Ticket) -> float | None:
    """Metres between two tickets' places, or None if either has no coordinates."""
    if None in (ticket.latitude, ticket.longitude, other.latitude, other.longitude):
        return None
    assert ticket.latitude is not None and ticket.longitude is not None
    assert other.latitude is not None and other.longitude is not None
    return haversine_m(ticket.latitude, ticket.longitude, other.latitude, other.longitude)


def check_alike(ticket: Ticket, other: Ticket, radius_m: float) -> None:
    """MergeMismatch unless the two look like one problem: one category, one priority, and
    no farther apart than the duplicate radius (an urgent gas leak merged into a bin 2 km
    away would drop the emergency from the queue)."""
    distance = distance_between(ticket, other)
    differences = [
        name
        for name, differs in (
            ("category", ticket.category != other.category),
            ("priority", ticket.priority != other.priority),
            ("distance", distance is not None and distance > radius_m),
        )
        if differs
    ]
    if differences:
        raise MergeMismatch(
            ticket.number,
            other.number,
            differences,
            categories=(ticket.category, other.category),
            priorities=(ticket.priority, other.priority),
            distance_m=distance,
        )


async def merge_into(
    session: AsyncSession,
    ticket: Ticket,
    into: str | None,
    now: datetime,
    *,
    radius_m: float,
    force: bool = False,
) -> Ticket:
    if not into:
        raise InvalidInput("into", "merge_target_missing")
    other = await get_ticket(session, into, for_update=True)
    if other.id == ticket.id:
        raise InvalidInput("into", "merge_into_itself")
    if not other.is_open:
        raise InvalidInput("into", "merge_target_closed", number=other.number, status=other.status)
    if not force:
        check_alike(ticket, other, radius_m)
    ticket.duplicate_of_id = other.id
    other.also_reported_count += 1
    other.updated_at = now
    if ticket.reporter_id is not None and ticket.reporter_id != other.reporter_id:
        await _follow(session, other, ticket.reporter_id, ticket.reporter_language, now)
    return other


def dispatch_to(
    ticket: Ticket, catalog: Catalog, department: str | None, assignee_id: int | None
) -> dict[str, Any]:
    if department is None and assignee_id is None:
        raise InvalidInput("department", "dispatch_target_missing")
    if department is not None:
        code = catalog.find_department(department)
        if code is None:
            known = list(catalog.departments)
            raise InvalidInput(
                "department", "unknown_department", department=department, known=known
            )
        ticket.department = code
    if assignee_id is not None:
        ticket.assignee_id = assignee_id
    return {"department": ticket.department, "assignee_id": ticket.assignee_id}


def extend_to(ticket: Ticket, new_deadline: datetime | None, now: datetime) -> dict[str, Any]:
    if new_deadline is None or new_deadline.tzinfo is None:
        raise InvalidInput("deadline", "deadline_missing")
    if new_deadline <= max(ticket.deadline, now):
        raise InvalidInput("deadline", "deadline_not_later")
    old = ticket.deadline
    ticket.deadline = new_deadline
    ticket.extension_count += 1
    ticket.alert_stage = 0
    return {"old_deadline": old.isoformat(), "new_deadline": new_deadline.isoformat()}


def reopen(ticket: Ticket, catalog: Catalog, now: datetime) -> None:
    ticket.resolved_at = None
    ticket.resolved_late = None
    ticket.closed_at = None
    ticket.close_seconds = None
    ticket.rating = None
    ticket.alert_stage = 0
    ticket.deadline = catalog.deadline_for(ticket.category, now, urgent=ticket.priority == "urgent")


async def _follow(
    session: AsyncSession, ticket: Ticket, user_id: int, language: str, now: datetime
) -> bool:
    existing = await session.execute(
        select(func.count()).where(Follower.ticket_id == ticket.id, Follower.user_id == user_id)
    )
    if existing.scalar_one():
        return False
    session.add(Follower(ticket_id=ticket.id, user_id=user_id, language=language, created_at=now))
    return True


async def remark(
    uow: UnitOfWork,
    *,
    number: str,
    action: Action,
    by: Actor,
    note: str | None = None,
    photo: StoredImage | None = None,
    department: str | None = None,
    assignee_id: int | None = None,
    language: str = "zh",
    reply: OwedReply | None = None,
) -> tuple[Ticket, bool]:
    """Assign, join ("me too"), comment, add an internal note or reply to the reporter.

    Returns the ticket and whether anything changed (joining twice changes nothing, and
    owes no `reply`; nor does an update redone after its reply was owed)."""
    session = uow.session
    if reply is not None and await reply_owed(session, dedupe_key=reply.dedupe_key):
        return await get_ticket(session, number), False
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, by)
    check_side_action(ticket.status, action, role)
    now = uow.now()
    data: dict[str, Any] = {}
    attached: Photo | None = None
    if action == Action.JOIN:
        assert by.user_id is not None
        if not await _follow(session, ticket, by.user_id, language, now):
            return ticket, False
        ticket.also_reported_count += 1
        # What the joiner saw stays with the ticket: their words and photo (a "before").
        note = (note or "").strip()[:MAX_NOTE] or None
        if photo is not None:
            attached = photo_row(ticket, photo, "before", by.user_id, now)
            session.add(attached)
            await session.flush()
    elif action == Action.ASSIGN:
        if role == Role.FIELD_WORKER and assignee_id not in (None, by.user_id):
            raise PermissionDenied(role.value, action.value, "claim_for_self")
        if role == Role.FIELD_WORKER:
            assignee_id = by.user_id
        data.update(dispatch_to(ticket, uow.catalog, department, assignee_id))
        note = None
    else:
        if action == Action.COMMENT and photo is not None and not (note or "").strip():
            note = ""
        else:
            note = _require_text(note, "text")
        if photo is not None:
            attached = photo_row(ticket, photo, "comment", by.user_id, now)
            session.add(attached)
            await session.flush()
    ticket.updated_at = now
    await _record_and_tell(
        uow, ticket, by, action, Status(ticket.status), note, data, attached, role, reply, now
    )
    return ticket, True
