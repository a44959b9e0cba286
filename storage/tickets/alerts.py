"""Deadline alerts: a ticket nearing its deadline, then past it, alerts staff once per stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db.uow import UnitOfWork
from storage.outbox.models import OutboxMessage
from storage.staff.models import StaffMember
from storage.tickets.lifecycle import Status
from storage.tickets.models import Ticket
from storage.tickets.notify import priority_of

NEARING, OVERDUE = 1, 2
MAX_NEARING_WINDOW = timedelta(hours=4)
NEARING_SHARE = 0.25
"""A ticket is 'nearing' in the last quarter of its time, and at most the last 4 hours."""


@dataclass(frozen=True, slots=True)
class DeadlineAlert:
    """One alert raised: the ticket's number and the stage it reached."""

    number: str
    stage: int


def stage_at(ticket: Ticket, now: datetime) -> int:
    """The alert stage a ticket has reached at `now` (0 none, 1 nearing, 2 overdue)."""
    if now >= ticket.deadline:
        return OVERDUE
    window = min(MAX_NEARING_WINDOW, (ticket.deadline - ticket.created_at) * NEARING_SHARE)
    return NEARING if now >= ticket.deadline - window else 0


async def raise_deadline_alerts(
    session: AsyncSession, *, now: datetime, staff_language: str
) -> list[DeadlineAlert]:
    """Owe staff (and the assignee) a message for each ticket that reached a new stage: the
    group's in `staff_language`, the assignee's in their own (their roster entry's).

    The conditional update makes each stage fire once even with several workers.
    """
    candidates = await session.execute(
        select(Ticket).where(
            Ticket.is_open.is_(True),
            Ticket.status != Status.RESOLVED.value,
            Ticket.alert_stage < OVERDUE,
            Ticket.deadline < now + MAX_NEARING_WINDOW,
        )
    )
    alerts: list[DeadlineAlert] = []
    for ticket in candidates.scalars():
        stage = stage_at(ticket, now)
        if stage <= ticket.alert_stage:
            continue
        claimed = await session.execute(
            update(Ticket)
            .where(Ticket.id == ticket.id, Ticket.alert_stage < stage)
            .values(alert_stage=stage)
            .returning(Ticket.id)
        )
        if claimed.first() is None:
            continue
        key = "staff.deadline_over" if stage == OVERDUE else "staff.deadline_near"
        params = {
            "number": ticket.number,
            "category": ticket.category,
            "status": ticket.status,
            "deadline": ticket.deadline.isoformat(),
            "department": ticket.department,
            "priority": ticket.priority,
        }
        recipients: list[tuple[str, int | None, str]] = [("staff", None, staff_language)]
        if ticket.assignee_id is not None:
            member = await session.get(StaffMember, ticket.assignee_id)
            language = (member.language if member else None) or staff_language
            recipients.append(("user", ticket.assignee_id, language))
        for recipient, chat_id, language in recipients:
            session.add(
                OutboxMessage(
                    dedupe_key=f"alert:{ticket.id}:{stage}:{ticket.extension_count}:{recipient}",
                    ticket_id=ticket.id,
                    recipient=recipient,
                    chat_id=chat_id,
                    language=language,
                    message_key=key,
                    params=params,
                    created_at=now,
                    next_attempt_at=now,
                    priority=priority_of(ticket),
                )
            )
        alerts.append(DeadlineAlert(ticket.number, stage))
    return alerts


async def raise_alerts(uow: UnitOfWork) -> list[DeadlineAlert]:
    """Owe staff a message for every ticket that reached a new deadline stage."""
    return await raise_deadline_alerts(
        uow.session, now=uow.now(), staff_language=uow.staff_language
    )
