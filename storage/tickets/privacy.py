"""Forgetting a resident: personal data goes, anonymised tickets stay for the statistics."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.botstate import delete_key_everywhere
from storage.db.uow import UnitOfWork
from storage.outbox.models import OutboxMessage
from storage.tickets.models import Follower, Photo, Ticket, TicketEvent


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What forgetting a resident changed."""

    tickets_anonymised: int
    follows_removed: int
    messages_dropped: int


async def forget_resident(session: AsyncSession, *, user_id: int) -> Forgotten:
    """Remove a resident's identity from tickets, events and photos, their follows,
    undelivered messages and conversation state. Descriptions and photos of the
    problem itself stay: they describe a street, not a person."""
    tickets = (
        await session.execute(select(func.count(Ticket.id)).where(Ticket.reporter_id == user_id))
    ).scalar_one()
    await session.execute(
        update(Ticket).where(Ticket.reporter_id == user_id).values(reporter_id=None)
    )
    await session.execute(
        update(TicketEvent)
        .where(
            TicketEvent.actor_id == user_id, TicketEvent.actor_role.in_(["reporter", "resident"])
        )
        .values(actor_id=None)
    )
    await session.execute(
        update(Photo).where(Photo.uploaded_by == user_id).values(uploaded_by=None)
    )
    follows = await session.execute(delete(Follower).where(Follower.user_id == user_id))
    messages = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.chat_id == user_id, OutboxMessage.delivered_at.is_(None)
        )
    )
    await delete_key_everywhere(session, key=str(user_id))
    return Forgotten(
        tickets_anonymised=int(tickets),
        follows_removed=int(getattr(follows, "rowcount", 0) or 0),
        messages_dropped=int(getattr(messages, "rowcount", 0) or 0),
    )


async def forget(uow: UnitOfWork, *, user_id: int) -> Forgotten:
    """Delete a resident's personal data (their chats' state too); tickets stay, anonymised."""
    return await forget_resident(uow.session, user_id=user_id)
