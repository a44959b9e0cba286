"""Commands on tickets: file, move through the lifecycle, assign, join, comment.

Each function works inside the caller's session (one unit of work) and writes the
change, its event row and the messages it owes in that one transaction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.categories import Catalog
from storage.clock import Clock
from storage.errors import InvalidInput, PermissionDenied, TicketNotFound
from storage.lifecycle import (
    OPEN_STATUSES,
    Action,
    Actor,
    Role,
    Status,
    check_side_action,
    next_status,
)
from storage.models import DailyCounter, Follower, Photo, Ticket, TicketEvent
from storage.notify import owe_interested_residents, owe_staff
from storage.photos import StoredImage

MAX_DESCRIPTION = 2000
MAX_NOTE = 2000
PRIORITIES = ("normal", "urgent")
# Actions after which the reporter and followers hear from us.
RESIDENT_NEWS = frozenset(
    {
        Action.ACCEPT,
        Action.REJECT,
        Action.MERGE,
        Action.DISPATCH,
        Action.START,
        Action.EXTEND,
        Action.RESOLVE,
        Action.VERIFY,
        Action.REWORK,
        Action.REPLY,
    }
)
# Actions by residents that staff must hear about.
STAFF_NEWS = frozenset({Action.FILE, Action.REWORK, Action.RATE, Action.COMMENT})


@dataclass(frozen=True, slots=True)
class StoreEnv:
    """What commands need besides the session: the categories and the clock."""

    catalog: Catalog
    clock: Clock


@dataclass(frozen=True, slots=True)
class NewTicket:
    """What a resident reports."""

    category: str
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    reporter_id: int | None = None
    language: str = "zh"
    priority: str = "normal"
    intake_key: str | None = None


def validate_new_ticket(report: NewTicket, catalog: Catalog) -> None:
    """Raise InvalidInput/UnknownCategory for a report the store cannot file."""
    catalog.get(report.category)
    if report.priority not in PRIORITIES:
        raise InvalidInput("priority", f"must be one of {', '.join(PRIORITIES)}")
    if len(report.description) > MAX_DESCRIPTION:
        raise InvalidInput("description", f"longer than {MAX_DESCRIPTION} characters")
    if (report.latitude is None) != (report.longitude is None):
        raise InvalidInput("location", "give both latitude and longitude, or neither")
    if report.latitude is not None and report.longitude is not None:
        lat, lon = report.latitude, report.longitude
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise InvalidInput("location", f"({lat}, {lon}) is not a place on Earth")
    if report.intake_key is not None and not 0 < len(report.intake_key) <= 64:
        raise InvalidInput("intake_key", "must be 1 to 64 characters")


async def next_public_number(session: AsyncSession, *, day: str) -> str:
    """Hand out the next number of `day` (YYYYMMDD) atomically: CG-YYYYMMDD-NNNN."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(DailyCounter)
        .values(day=day, last_value=1)
        .on_conflict_do_update(
            index_elements=[DailyCounter.day],
            set_={"last_value": DailyCounter.last_value + 1},
        )
        .returning(DailyCounter.last_value)
    )
    value = (await session.execute(statement)).scalar_one()
    return f"CG-{day}-{value:04d}"


async def find_by_intake_key(session: AsyncSession, intake_key: str) -> Ticket | None:
    """The ticket filed from this Telegram message, if any."""
    return (
        await session.execute(select(Ticket).where(Ticket.intake_key == intake_key))
    ).scalar_one_or_none()


async def file_ticket(
    session: AsyncSession,
    env: StoreEnv,
    *,
    report: NewTicket,
    photos: Sequence[StoredImage] = (),
) -> Ticket:
    """Create a submitted ticket with its photos, event and staff notice."""
    validate_new_ticket(report, env.catalog)
    now = env.clock()
    local_day = now.astimezone(env.catalog.timezone).strftime("%Y%m%d")
    category = env.catalog.get(report.category)
    ticket = Ticket(
        number=await next_public_number(session, day=local_day),
        intake_key=report.intake_key,
        category=category.code,
        description=report.description.strip(),
        latitude=report.latitude,
        longitude=report.longitude,
        address=(report.address or "").strip()[:500] or None,
        reporter_id=report.reporter_id,
        reporter_language=report.language,
        priority=report.priority,
        department=category.department,
        status=Status.SUBMITTED.value,
        is_open=True,
        deadline=env.catalog.deadline_for(category.code, now, urgent=report.priority == "urgent"),
        created_at=now,
        updated_at=now,
        also_reported_count=0,
        extension_count=0,
        alert_stage=0,
    )
    session.add(ticket)
    await session.flush()
    for image in photos:
        session.add(_photo_row(ticket, image, "before", report.reporter_id, now))
    actor = Actor(report.reporter_id, Role.REPORTER)
    event = await _record(session, ticket, actor, Action.FILE, None, now=now)
    owe_staff(
        session,
        ticket=ticket,
        event=event,
        message_key="staff.ticket_new",
        params=_params(ticket, Action.FILE),
        now=now,
    )
    return ticket


async def get_ticket(session: AsyncSession, number: str, *, for_update: bool = False) -> Ticket:
    """The ticket with this public number, or TicketNotFound."""
    statement = select(Ticket).where(Ticket.number == number.strip().upper())
    if for_update:
        statement = statement.with_for_update()
    ticket = (await session.execute(statement)).scalar_one_or_none()
    if ticket is None:
        raise TicketNotFound(number)
    return ticket


def effective_role(ticket: Ticket, actor: Actor) -> Role:
    """A resident who filed the ticket acts as its reporter."""
    if actor.role in (Role.RESIDENT, Role.REPORTER):
        if actor.user_id is not None and actor.user_id == ticket.reporter_id:
            return Role.REPORTER
        return Role.RESIDENT
    return actor.role


def _require_text(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(field, "is required")
    if len(text) > MAX_NOTE:
        raise InvalidInput(field, f"longer than {MAX_NOTE} characters")
    return text


def _check_field_worker(ticket: Ticket, actor: Actor, role: Role, action: Action) -> None:
    if role == Role.FIELD_WORKER and ticket.assignee_id not in (None, actor.user_id):
        raise PermissionDenied(role.value, action.value, "it is assigned to someone else")


async def apply_action(
    session: AsyncSession,
    env: StoreEnv,
    *,
    number: str,
    action: Action,
    actor: Actor,
    note: str | None = None,
    photo: StoredImage | None = None,
    into: str | None = None,
    department: str | None = None,
    assignee_id: int | None = None,
    new_deadline: datetime | None = None,
    rating: int | None = None,
) -> Ticket:
    """Make one lifecycle move; IllegalTransition, PermissionDenied or InvalidInput if not."""
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, actor)
    if role == Role.RESIDENT and actor.role in (Role.RESIDENT, Role.REPORTER):
        raise PermissionDenied(role.value, action.value, "only its reporter may do that")
    before = Status(ticket.status)
    after = next_status(before, action, role)
    now = env.clock()
    data: dict[str, Any] = {}
    photo_row: Photo | None = None
    if action in (Action.START, Action.RESOLVE, Action.EXTEND):
        _check_field_worker(ticket, actor, role, action)
    if action in (Action.REJECT, Action.REWORK, Action.EXTEND, Action.RESOLVE):
        note = _require_text(note, "reason" if action != Action.RESOLVE else "note")
    if action == Action.MERGE:
        other = await _merge_into(session, ticket, into, now)
        data["into"] = other.number
    elif action == Action.DISPATCH:
        data.update(_dispatch(ticket, env.catalog, department, assignee_id))
    elif action == Action.START and ticket.assignee_id is None:
        ticket.assignee_id = actor.user_id
    elif action == Action.EXTEND:
        data.update(_extend(ticket, new_deadline, now))
    elif action == Action.RESOLVE:
        if photo is None:
            raise InvalidInput("photo", "a photo of the result is required")
        photo_row = _photo_row(ticket, photo, "after", actor.user_id, now)
        session.add(photo_row)
        ticket.resolved_at = now
        ticket.resolved_late = now > ticket.deadline
    elif action == Action.VERIFY:
        ticket.closed_at = now
        ticket.close_seconds = (now - ticket.created_at).total_seconds()
    elif action == Action.REWORK:
        _reopen(ticket, env.catalog, now)
    elif action == Action.RATE:
        if rating is None or not 1 <= rating <= 5:
            raise InvalidInput("rating", "must be a whole number from 1 to 5")
        if ticket.rating is not None:
            raise InvalidInput("rating", "this ticket has been rated already")
        ticket.rating = rating
        data["rating"] = rating
    ticket.status = after.value
    ticket.is_open = after in OPEN_STATUSES
    ticket.updated_at = now
    if photo_row is not None:
        await session.flush()
    event = await _record(
        session,
        ticket,
        actor,
        action,
        before,
        note=note,
        now=now,
        data=data,
        photo=photo_row,
        role=role,
    )
    await _owe_news(session, ticket, event, action, note, now, photo_row)
    return ticket


async def _merge_into(
    session: AsyncSession, ticket: Ticket, into: str | None, now: datetime
) -> Ticket:
    if not into:
        raise InvalidInput("into", "name the ticket to merge into")
    other = await get_ticket(session, into, for_update=True)
    if other.id == ticket.id:
        raise InvalidInput("into", "a ticket cannot be merged into itself")
    if not other.is_open:
        raise InvalidInput("into", f"{other.number} is {other.status}, not open")
    ticket.duplicate_of_id = other.id
    other.also_reported_count += 1
    other.updated_at = now
    if ticket.reporter_id is not None and ticket.reporter_id != other.reporter_id:
        await _follow(session, other, ticket.reporter_id, ticket.reporter_language, now)
    return other


def _dispatch(
    ticket: Ticket, catalog: Catalog, department: str | None, assignee_id: int | None
) -> dict[str, Any]:
    if department is None and assignee_id is None:
        raise InvalidInput("department", "name a department or a worker")
    if department is not None:
        if department not in catalog.departments:
            known = ", ".join(catalog.departments)
            raise InvalidInput("department", f"unknown department {department!r}; known: {known}")
        ticket.department = department
    if assignee_id is not None:
        ticket.assignee_id = assignee_id
    return {"department": ticket.department, "assignee_id": ticket.assignee_id}


def _extend(ticket: Ticket, new_deadline: datetime | None, now: datetime) -> dict[str, Any]:
    if new_deadline is None or new_deadline.tzinfo is None:
        raise InvalidInput("deadline", "give the new deadline (timezone-aware)")
    if new_deadline <= max(ticket.deadline, now):
        raise InvalidInput(
            "deadline", "the new deadline must be later than the current one and now"
        )
    old = ticket.deadline
    ticket.deadline = new_deadline
    ticket.extension_count += 1
    ticket.alert_stage = 0
    return {"old_deadline": old.isoformat(), "new_deadline": new_deadline.isoformat()}


def _reopen(ticket: Ticket, catalog: Catalog, now: datetime) -> None:
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


async def apply_side_action(
    session: AsyncSession,
    env: StoreEnv,
    *,
    number: str,
    action: Action,
    actor: Actor,
    note: str | None = None,
    photo: StoredImage | None = None,
    department: str | None = None,
    assignee_id: int | None = None,
    language: str = "zh",
) -> tuple[Ticket, bool]:
    """Assign, join ("me too"), comment, add an internal note or reply to the reporter.

    Returns the ticket and whether anything changed (joining twice changes nothing).
    """
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, actor)
    check_side_action(ticket.status, action, role)
    now = env.clock()
    data: dict[str, Any] = {}
    photo_row: Photo | None = None
    if action == Action.JOIN:
        assert actor.user_id is not None
        if not await _follow(session, ticket, actor.user_id, language, now):
            return ticket, False
        ticket.also_reported_count += 1
        note = None
    elif action == Action.ASSIGN:
        if role == Role.FIELD_WORKER and assignee_id not in (None, actor.user_id):
            raise PermissionDenied(
                role.value, action.value, "a field worker may only claim for themself"
            )
        if role == Role.FIELD_WORKER:
            assignee_id = actor.user_id
        data.update(_dispatch(ticket, env.catalog, department, assignee_id))
        note = None
    else:
        if action == Action.COMMENT and photo is not None and not (note or "").strip():
            note = ""
        else:
            note = _require_text(note, "text")
        if photo is not None:
            photo_row = _photo_row(ticket, photo, "comment", actor.user_id, now)
            session.add(photo_row)
            await session.flush()
    ticket.updated_at = now
    event = await _record(
        session,
        ticket,
        actor,
        action,
        Status(ticket.status),
        note=note,
        now=now,
        data=data,
        photo=photo_row,
        role=role,
    )
    await _owe_news(session, ticket, event, action, note, now, photo_row)
    return ticket, True


def _photo_row(
    ticket: Ticket, image: StoredImage, kind: str, by: int | None, now: datetime
) -> Photo:
    return Photo(
        ticket_id=ticket.id,
        kind=kind,
        sha256=image.sha256,
        path=image.path,
        width=image.width,
        height=image.height,
        size_bytes=image.size_bytes,
        uploaded_by=by,
        created_at=now,
    )


async def _record(
    session: AsyncSession,
    ticket: Ticket,
    actor: Actor,
    action: Action,
    before: Status | None,
    *,
    now: datetime,
    note: str | None = None,
    data: dict[str, Any] | None = None,
    photo: Photo | None = None,
    role: Role | None = None,
) -> TicketEvent:
    event = TicketEvent(
        ticket_id=ticket.id,
        at=now,
        actor_id=actor.user_id,
        actor_role=(role or actor.role).value,
        action=action.value,
        from_status=before.value if before else None,
        to_status=ticket.status,
        note=note,
        photo_id=photo.id if photo else None,
        data=data or {},
    )
    session.add(event)
    await session.flush()
    return event


def _params(
    ticket: Ticket, action: Action, note: str | None = None, photo: Photo | None = None
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "number": ticket.number,
        "category": ticket.category,
        "status": ticket.status,
        "action": action.value,
        "priority": ticket.priority,
        "deadline": ticket.deadline.isoformat(),
        "department": ticket.department,
    }
    if note:
        params["note"] = note
    if photo is not None:
        params["photo"] = photo.path
    return params


async def _owe_news(
    session: AsyncSession,
    ticket: Ticket,
    event: TicketEvent,
    action: Action,
    note: str | None,
    now: datetime,
    photo: Photo | None,
) -> None:
    params = _params(ticket, action, note, photo)
    if action in RESIDENT_NEWS:
        await owe_interested_residents(
            session,
            ticket=ticket,
            event=event,
            message_key=f"ticket.{action.value}",
            params=params,
            now=now,
        )
    if action in STAFF_NEWS and action != Action.FILE:
        owe_staff(
            session,
            ticket=ticket,
            event=event,
            message_key=f"staff.ticket_{action.value}",
            params=params,
            now=now,
        )
