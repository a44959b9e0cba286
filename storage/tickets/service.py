"""A work order's lifecycle moves, one function each (立案 派遣 处置 结案, 返工, 评价 …).

Each takes the caller's unit of work, makes its move with the event row and the news owed
in that transaction, and, given `reply`, owes `by` their confirmation too; a move whose
reply is owed already (the same update redone) is not made again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from storage.db.uow import UnitOfWork
from storage.errors import InvalidInput
from storage.outbox.replies import OwedReply
from storage.tickets.changes import dispatch_to, extend_to, merge_into, reopen
from storage.tickets.filing import photo_row, record_event
from storage.tickets.lifecycle import Action, Actor, Role, Status
from storage.tickets.models import Photo, Ticket
from storage.tickets.moves import move
from storage.tickets.photos import StoredImage
from storage.tickets.ratings import is_rated


async def accept(
    uow: UnitOfWork, *, number: str, by: Actor, reply: OwedReply | None = None
) -> Ticket:
    """Accept a submitted ticket (受理, 立案)."""
    return await move(uow, number=number, action=Action.ACCEPT, by=by, reply=reply)


async def reject(
    uow: UnitOfWork, *, number: str, by: Actor, reason: str, reply: OwedReply | None = None
) -> Ticket:
    """Reject a submitted ticket for `reason` (不予受理)."""
    return await move(
        uow,
        number=number,
        action=Action.REJECT,
        by=by,
        note=reason,
        note_field="reason",
        reply=reply,
    )


async def merge(
    uow: UnitOfWork,
    *,
    number: str,
    into: str,
    by: Actor,
    force: bool = False,
    reply: OwedReply | None = None,
) -> Ticket:
    """Merge a ticket into the open ticket `into` (已合并); its reporter follows that one.

    Two tickets of another category or priority, or farther apart than the duplicate radius,
    raise MergeMismatch unless `force`; an urgent ticket into an ordinary one, UrgentMerge.
    The ticket merged into keeps an entry of it in its own timeline."""

    async def change(ticket: Ticket, role: Role, now: datetime) -> tuple[dict[str, Any], None]:
        radius = uow.settings.duplicate_radius_m
        other = await merge_into(uow.session, ticket, into, now, radius_m=radius, force=force)
        await record_event(
            uow.session,
            other,
            by,
            Action.MERGED_IN,
            Status(other.status),
            now=now,
            data={"from": ticket.number},
            role=role,
        )
        return {"into": other.number}, None

    return await move(uow, number=number, action=Action.MERGE, by=by, change=change, reply=reply)


async def dispatch(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    department: str | None = None,
    assignee_id: int | None = None,
    reply: OwedReply | None = None,
) -> Ticket:
    """Send a ticket to a department and/or a field worker (派遣)."""

    async def change(ticket: Ticket, _role: Role, _now: datetime) -> tuple[dict[str, Any], None]:
        return dispatch_to(ticket, uow.catalog, department, assignee_id), None

    return await move(uow, number=number, action=Action.DISPATCH, by=by, change=change, reply=reply)


async def start(
    uow: UnitOfWork, *, number: str, by: Actor, reply: OwedReply | None = None
) -> Ticket:
    """Start work on a dispatched ticket (处置中); an unassigned one becomes the starter's."""

    async def change(ticket: Ticket, _role: Role, _now: datetime) -> tuple[dict[str, Any], None]:
        if ticket.assignee_id is None:
            ticket.assignee_id = by.user_id
        return {}, None

    return await move(
        uow,
        number=number,
        action=Action.START,
        by=by,
        worker_of_ticket=True,
        change=change,
        reply=reply,
    )


async def extend(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    reason: str,
    new_deadline: datetime | None = None,
    days: int | None = None,
    reply: OwedReply | None = None,
) -> Ticket:
    """Move a ticket's deadline later, to `new_deadline` or by `days` (延期), for `reason`."""

    async def change(ticket: Ticket, _role: Role, now: datetime) -> tuple[dict[str, Any], None]:
        deadline = new_deadline
        if deadline is None and days is not None:
            deadline = max(ticket.deadline, now) + timedelta(days=days)
        return extend_to(ticket, deadline, now), None

    return await move(
        uow,
        number=number,
        action=Action.EXTEND,
        by=by,
        note=reason,
        note_field="reason",
        worker_of_ticket=True,
        change=change,
        reply=reply,
    )


async def resolve(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    note: str,
    photo: StoredImage | None,
    reply: OwedReply | None = None,
) -> Ticket:
    """Report a ticket handled (已处置), with what was done and a photo of it."""

    async def change(ticket: Ticket, _role: Role, now: datetime) -> tuple[dict[str, Any], Photo]:
        if photo is None:
            raise InvalidInput("photo", "photo_required")
        attached = photo_row(ticket, photo, "after", by.user_id, now)
        uow.session.add(attached)
        ticket.resolved_at = now
        ticket.resolved_late = now > ticket.deadline
        return {}, attached

    return await move(
        uow,
        number=number,
        action=Action.RESOLVE,
        by=by,
        note=note,
        note_field="note",
        worker_of_ticket=True,
        change=change,
        reply=reply,
    )


async def verify(
    uow: UnitOfWork, *, number: str, by: Actor, reply: OwedReply | None = None
) -> Ticket:
    """Close a resolved ticket after checking the work (核查, 结案)."""

    async def change(ticket: Ticket, _role: Role, now: datetime) -> tuple[dict[str, Any], None]:
        ticket.closed_at = now
        ticket.close_seconds = (now - ticket.created_at).total_seconds()
        return {}, None

    return await move(uow, number=number, action=Action.VERIFY, by=by, change=change, reply=reply)


async def rework(
    uow: UnitOfWork, *, number: str, by: Actor, reason: str, reply: OwedReply | None = None
) -> Ticket:
    """Send a resolved or closed ticket back to work (返工) for `reason`, with a new deadline."""

    async def change(ticket: Ticket, _role: Role, now: datetime) -> tuple[dict[str, Any], None]:
        reopen(ticket, uow.catalog, now)
        return {}, None

    return await move(
        uow,
        number=number,
        action=Action.REWORK,
        by=by,
        note=reason,
        note_field="reason",
        change=change,
        reply=reply,
    )


async def rate(
    uow: UnitOfWork, *, number: str, by: Actor, rating: int, reply: OwedReply | None = None
) -> Ticket:
    """The reporter's rating of a resolved or closed ticket, 1 to 5 (评价), once in each round
    of work (a rework opens the next; every rating stays in the ticket's history)."""

    async def change(ticket: Ticket, _role: Role, _now: datetime) -> tuple[dict[str, Any], None]:
        if not 1 <= rating <= 5:
            raise InvalidInput("rating", "rating_range")
        if await is_rated(uow.session, ticket):
            raise InvalidInput("rating", "rated_already")
        ticket.rating = rating
        return {"rating": rating}, None

    return await move(uow, number=number, action=Action.RATE, by=by, change=change, reply=reply)
