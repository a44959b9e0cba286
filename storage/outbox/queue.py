"""The outbox: messages owed, claimed by a sender, marked delivered or retried later.

Urgent messages (about an urgent ticket) are claimed before ordinary ones. A sender told
"too many requests" postpones a message without counting it as a failed attempt: flood
control delays what is owed, it never makes the outbox give up on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.outbox.models import OutboxMessage

MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=1)
PRIORITY_NORMAL = 0
PRIORITY_URGENT = 10
"""Claimed first: alerts and replies about an urgent ticket (a smell of gas, an open manhole)."""


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
    priority: int = PRIORITY_NORMAL


def _due(
    now: datetime, skip_chats: Collection[int] = (), skip_staff: bool = False
) -> list[ColumnElement[bool]]:
    conditions = [
        OutboxMessage.delivered_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
    ]
    if skip_chats:
        conditions.append(
            or_(OutboxMessage.recipient != "user", OutboxMessage.chat_id.not_in(list(skip_chats)))
        )
    if skip_staff:
        conditions.append(OutboxMessage.recipient != "staff")
    return conditions


async def any_due(
    session: AsyncSession,
    *,
    now: datetime,
    skip_chats: Collection[int] = (),
    skip_staff: bool = False,
) -> bool:
    """True if some message is waiting to be sent now (a cheap indexed read)."""
    statement = select(OutboxMessage.id).where(*_due(now, skip_chats, skip_staff)).limit(1)
    return (await session.execute(statement)).first() is not None


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    limit: int = 50,
    lease: timedelta = timedelta(minutes=2),
    skip_chats: Collection[int] = (),
    skip_staff: bool = False,
    per_chat: int | None = None,
) -> list[OutboxItem]:
    """Lease up to `limit` due messages, urgent first, then oldest first.

    A sender that dies loses only its lease. `skip_chats` (user chats) and `skip_staff`
    leave out chats the sender is busy with or told to wait for; `per_chat` caps how many
    messages of one chat are leased at once, so a slow chat (a group, 20 posts a minute)
    never holds more than its sender can send before the lease runs out.
    """
    statement = (
        select(OutboxMessage)
        .where(*_due(now, skip_chats, skip_staff))
        .order_by(OutboxMessage.priority.desc(), OutboxMessage.id)
        .limit(limit)
    )
    if session.bind.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list((await session.execute(statement)).scalars())
    taken: list[OutboxMessage] = []
    per_target: Counter[tuple[str, int | None]] = Counter()
    for row in rows:
        target = (row.recipient, row.chat_id)
        if per_chat is not None and per_target[target] >= per_chat:
            continue  # left unleased: claimed again once this chat's first ones are sent
        per_target[target] += 1
        row.locked_until = now + lease
        taken.append(row)
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
            row.priority,
        )
        for row in taken
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
    permanent: bool = False,
) -> None:
    """Count a failed attempt and schedule another after a backoff, or give up."""
    row = await session.get(OutboxMessage, message_id)
    if row is None or row.delivered_at is not None:
        return
    row.attempts += 1
    row.last_error = error[:500]
    row.locked_until = None
    if permanent or row.attempts >= MAX_ATTEMPTS:
        row.failed_at = now
        return
    row.next_attempt_at = now + backoff(row.attempts)


async def postpone(
    session: AsyncSession, *, message_ids: Collection[int], until: datetime, reason: str
) -> None:
    """Hold undelivered messages until `until` (flood control); not a failed attempt."""
    if not message_ids:
        return
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(message_ids)), OutboxMessage.delivered_at.is_(None))
        .values(next_attempt_at=until, locked_until=None, last_error=reason[:500])
    )


async def reply_owed(session: AsyncSession, *, dedupe_key: str) -> bool:
    """True if the reply with this key is owed already (its update was handled before)."""
    statement = select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)
    return (await session.execute(statement)).first() is not None
