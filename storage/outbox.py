"""The outbox: messages owed, claimed by a sender, marked delivered or retried later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage

MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A message to send: to a user's chat or to the staff group."""

    id: int
    ticket_id: int | None
    recipient: str
    chat_id: int | None
    language: str
    message_key: str
    params: dict[str, Any]
    attempts: int


def _due(now: datetime) -> list[ColumnElement[bool]]:
    return [
        OutboxMessage.delivered_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
    ]


async def any_due(session: AsyncSession, *, now: datetime) -> bool:
    """True if some message is waiting to be sent now (a cheap indexed read)."""
    row = await session.execute(select(OutboxMessage.id).where(*_due(now)).limit(1))
    return row.first() is not None


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    limit: int = 50,
    lease: timedelta = timedelta(minutes=2),
) -> list[OutboxItem]:
    """Lease up to `limit` due messages, oldest first; a sender that dies loses only its lease."""
    statement = select(OutboxMessage).where(*_due(now)).order_by(OutboxMessage.id).limit(limit)
    if session.bind.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list((await session.execute(statement)).scalars())
    for row in rows:
        row.locked_until = now + lease
    return [
        OutboxItem(
            row.id,
            row.ticket_id,
            row.recipient,
            row.chat_id,
            row.language,
            row.message_key,
            dict(row.params),
            row.attempts,
        )
        for row in rows
    ]


async def mark_delivered(session: AsyncSession, *, message_id: int, now: datetime) -> None:
    """Record that a message reached its recipient; it is never sent again."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(delivered_at=now, locked_until=None)
    )


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 10 s, 20 s, 40 s … capped at an hour."""
    return min(MAX_BACKOFF, timedelta(seconds=10 * 2 ** max(0, attempts - 1)))


async def mark_failed(
    session: AsyncSession,
    *,
    message_id: int,
    now: datetime,
    error: str,
    retry_after: float | None = None,
    permanent: bool = False,
) -> None:
    """Schedule another try (after `retry_after` seconds if the server said so), or give up."""
    row = await session.get(OutboxMessage, message_id)
    if row is None or row.delivered_at is not None:
        return
    row.attempts += 1
    row.last_error = error[:500]
    row.locked_until = None
    if permanent or row.attempts >= MAX_ATTEMPTS:
        row.failed_at = now
        return
    wait = timedelta(seconds=retry_after) if retry_after is not None else backoff(row.attempts)
    row.next_attempt_at = now + wait
