"""Outbox rows owed for an event, written in the same transaction as the event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Follower, OutboxMessage, Ticket, TicketEvent


async def owe_interested_residents(
    session: AsyncSession,
    *,
    ticket: Ticket,
    event: TicketEvent,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
) -> None:
    """Owe one message to the reporter and one to each follower of `ticket`."""
    recipients: list[tuple[int, str]] = []
    if ticket.reporter_id is not None:
        recipients.append((ticket.reporter_id, ticket.reporter_language))
    followers = await session.execute(
        select(Follower.user_id, Follower.language).where(Follower.ticket_id == ticket.id)
    )
    recipients.extend((user_id, language) for user_id, language in followers.all())
    seen: set[int] = set()
    for chat_id, language in recipients:
        if chat_id in seen:
            continue
        seen.add(chat_id)
        session.add(
            OutboxMessage(
                dedupe_key=f"{event.id}:user:{chat_id}",
                ticket_id=ticket.id,
                event_id=event.id,
                recipient="user",
                chat_id=chat_id,
                language=language,
                message_key=message_key,
                params=params,
                created_at=now,
                next_attempt_at=now,
            )
        )


def owe_staff(
    session: AsyncSession,
    *,
    ticket: Ticket,
    event: TicketEvent,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
) -> None:
    """Owe one message to the staff group about `event`."""
    session.add(
        OutboxMessage(
            dedupe_key=f"{event.id}:staff",
            ticket_id=ticket.id,
            event_id=event.id,
            recipient="staff",
            chat_id=None,
            language="zh",
            message_key=message_key,
            params=params,
            created_at=now,
            next_attempt_at=now,
        )
    )
