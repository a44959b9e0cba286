"""Tickets as the public may see them (Open311 and other open-data readers): the problem,
its place, its department, its status and deadline — never who reported it.

A PublicRequest has no field that could name the reporter (their Telegram id, language,
followers, photos); contacts a resident typed into a description (a phone number, an
e-mail address) are masked; status notes come from staff moves only, never a resident's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from storage.db.uow import UnitOfWork
from storage.tickets.lifecycle import STAFF_ROLES, Action, Role, Status
from storage.tickets.models import Ticket, TicketEvent

PUBLIC_OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS}
)
"""Still being worked on, as the public sees it (a resolved ticket is fixed: closed)."""

NOTE_ACTIONS = frozenset(
    {Action.REJECT, Action.MERGE, Action.EXTEND, Action.RESOLVE, Action.VERIFY, Action.REWORK}
)
"""Moves whose note explains a status to the public (not replies, remarks or comments)."""
NOTE_ROLES = frozenset({*(role.value for role in STAFF_ROLES), Role.SYSTEM.value})

MASK = "***"
# Seven or more digits in a row (spaces and hyphens between them allowed): a phone number,
# never a house number; and anything shaped like an e-mail address.
_CONTACTS = re.compile(r"\+?\d(?:[\s-]?\d){6,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class PublicRequest:
    """One ticket, with nothing of its reporter."""

    number: str
    category: str
    status: str
    """The lifecycle status (submitted … duplicate)."""
    description: str
    address: str | None
    latitude: float | None
    longitude: float | None
    department: str
    created_at: datetime
    updated_at: datetime
    deadline: datetime
    status_note: str | None

    @property
    def is_open(self) -> bool:
        """True while the problem is being worked on (submitted to in progress)."""
        return self.status in PUBLIC_OPEN_STATUSES


def mask_contacts(text: str) -> str:
    """`text` with phone numbers and e-mail addresses replaced by ***."""
    return _CONTACTS.sub(MASK, text)


async def list_public_requests(
    uow: UnitOfWork,
    *,
    numbers: Sequence[str] = (),
    categories: Sequence[str] = (),
    statuses: Sequence[str] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 1000,
) -> list[PublicRequest]:
    """Tickets filed in [since, until] of the categories and statuses given (empty: all),
    or, when `numbers` are given, those tickets alone; newest first, at most `limit`."""
    statement = select(Ticket)
    if numbers:
        statement = statement.where(Ticket.number.in_([n.strip().upper() for n in numbers]))
    else:
        if categories:
            statement = statement.where(Ticket.category.in_(categories))
        if statuses:
            statement = statement.where(Ticket.status.in_(statuses))
        if since is not None:
            statement = statement.where(Ticket.created_at >= since)
        if until is not None:
            statement = statement.where(Ticket.created_at <= until)
    statement = statement.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)
    tickets = list((await uow.session.execute(statement)).scalars())
    notes = await _status_notes(uow, [ticket.id for ticket in tickets])
    return [_public(ticket, notes.get(ticket.id)) for ticket in tickets]


async def get_public_request(uow: UnitOfWork, *, number: str) -> PublicRequest | None:
    """The ticket with this public number as the public sees it, or None."""
    found = await list_public_requests(uow, numbers=[number], limit=1)
    return found[0] if found else None


async def _status_notes(uow: UnitOfWork, ticket_ids: list[int]) -> dict[int, str]:
    """Each ticket's latest note of a staff move (a reason, a resolution)."""
    if not ticket_ids:
        return {}
    statement = (
        select(TicketEvent.ticket_id, TicketEvent.note)
        .where(
            TicketEvent.ticket_id.in_(ticket_ids),
            TicketEvent.action.in_([action.value for action in NOTE_ACTIONS]),
            TicketEvent.actor_role.in_(NOTE_ROLES),
            TicketEvent.note.is_not(None),
        )
        .order_by(TicketEvent.id)
    )
    notes: dict[int, str] = {}
    for ticket_id, note in (await uow.session.execute(statement)).all():
        if note and note.strip():
            notes[ticket_id] = note.strip()
    return notes


def _public(ticket: Ticket, note: str | None) -> PublicRequest:
    return PublicRequest(
        number=ticket.number,
        category=ticket.category,
        status=ticket.status,
        description=mask_contacts(ticket.description),
        address=mask_contacts(ticket.address) if ticket.address else None,
        latitude=ticket.latitude,
        longitude=ticket.longitude,
        department=ticket.department,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        deadline=ticket.deadline,
        status_note=mask_contacts(note) if note else None,
    )
