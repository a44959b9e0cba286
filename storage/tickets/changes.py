"""What each move changes on the ticket it has locked: merging (only tickets alike, unless
forced), dispatching, extending, reopening, closing an answered question, following.
storage/tickets/moves.py makes the move around them (the checks, the event, the news)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.errors import InvalidInput, MergeMismatch, UrgentMerge
from storage.tickets.categories import Catalog
from storage.tickets.filing import get_ticket
from storage.tickets.geo import haversine_m
from storage.tickets.lifecycle import Status
from storage.tickets.models import Follower, Ticket


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
    """Point `ticket` at the open ticket `into` (locked), which counts one more report and
    gains its reporter as a follower; MergeMismatch unless alike or `force`, UrgentMerge for
    an urgent ticket into an ordinary one whatever is said."""
    if not into:
        raise InvalidInput("into", "merge_target_missing")
    other = await get_ticket(session, into, for_update=True)
    if other.id == ticket.id:
        raise InvalidInput("into", "merge_into_itself")
    if not other.is_open:
        raise InvalidInput("into", "merge_target_closed", number=other.number, status=other.status)
    if ticket.priority == "urgent" and other.priority != "urgent":
        raise UrgentMerge(ticket.number, other.number)
    if not force:
        check_alike(ticket, other, radius_m)
    ticket.duplicate_of_id = other.id
    other.also_reported_count += 1
    other.updated_at = now
    if ticket.reporter_id is not None and ticket.reporter_id != other.reporter_id:
        await follow(session, other, ticket.reporter_id, ticket.reporter_language, now)
    return other


def dispatch_to(
    ticket: Ticket, catalog: Catalog, department: str | None, assignee_id: int | None
) -> dict[str, Any]:
    """Give `ticket` to the department staff named (by code, name or alias) and/or a person."""
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
    """Move `ticket`'s deadline later, to `new_deadline`; its alerts start again."""
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
    """Clear what resolving and closing set, and give `ticket` a fresh deadline from `now`;
    its rating stays (the latest the reporter gave counts until they rate again)."""
    ticket.resolved_at = None
    ticket.resolved_late = None
    ticket.closed_at = None
    ticket.close_seconds = None
    ticket.alert_stage = 0
    ticket.deadline = catalog.deadline_for(ticket.category, now, urgent=ticket.priority == "urgent")


def close_answered(ticket: Ticket, now: datetime) -> None:
    """A question handed over to staff (咨询) is done once they answer it (答复): it is
    closed, as 12345 closes a consultation with its reply, and its time to close counts."""
    ticket.status = Status.CLOSED.value
    ticket.is_open = False
    ticket.closed_at = now
    ticket.close_seconds = (now - ticket.created_at).total_seconds()


async def follow(
    session: AsyncSession, ticket: Ticket, user_id: int, language: str, now: datetime
) -> bool:
    """Make `user_id` a follower of `ticket`; False if they were one."""
    existing = await session.execute(
        select(func.count()).where(Follower.ticket_id == ticket.id, Follower.user_id == user_id)
    )
    if existing.scalar_one():
        return False
    session.add(Follower(ticket_id=ticket.id, user_id=user_id, language=language, created_at=now))
    return True
