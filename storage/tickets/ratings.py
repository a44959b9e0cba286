"""A ticket's ratings: one in each round of work, a rework opening the next.

Every rating is an event of the ticket (its history, with the stars in the event's data);
the ticket's `rating` is the latest, kept through a rework, so statistics still count the
stars given until the reporter rates the work done again."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.lifecycle import Action
from storage.tickets.models import Ticket, TicketEvent


async def is_rated(session: AsyncSession, ticket: Ticket) -> bool:
    """True if `ticket` was rated since it was last sent back (or ever, if never)."""
    if ticket.rating is None:
        return False
    latest = (
        select(TicketEvent.action)
        .where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.action.in_([Action.RATE.value, Action.REWORK.value]),
        )
        .order_by(TicketEvent.id.desc())
        .limit(1)
    )
    return (await session.execute(latest)).scalar_one_or_none() == Action.RATE.value
