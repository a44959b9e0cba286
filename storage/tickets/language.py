"""The language a resident reads: kept with their tickets, their follows and the messages
owed to them, so that news after a change of language comes in the new one."""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db.uow import UnitOfWork
from storage.outbox.models import OutboxMessage
from storage.staff.models import StaffMember
from storage.tickets.models import Follower, Ticket


async def _set_language(session: AsyncSession, *, user_id: int, language: str) -> int:
    changed = 0
    for statement in (
        update(Ticket)
        .where(Ticket.reporter_id == user_id, Ticket.reporter_language != language)
        .values(reporter_language=language),
        update(Follower)
        .where(Follower.user_id == user_id, Follower.language != language)
        .values(language=language),
        # Owed but not yet sent (a flood, a retry): it goes out in the new language too.
        update(OutboxMessage)
        .where(
            OutboxMessage.recipient == "user",
            OutboxMessage.chat_id == user_id,
            OutboxMessage.delivered_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.language != language,
        )
        .values(language=language),
        update(StaffMember)
        .where(
            StaffMember.user_id == user_id,
            or_(StaffMember.language.is_(None), StaffMember.language != language),
        )
        .values(language=language),
    ):
        result = await session.execute(statement)
        changed += int(getattr(result, "rowcount", 0) or 0)
    return changed


async def set_reader_language(uow: UnitOfWork, *, user_id: int, language: str) -> int:
    """From now on write to `user_id` in `language`: news of their tickets and of those they
    follow, messages owed and not yet sent, alerts to them as staff. The rows changed."""
    return await _set_language(uow.session, user_id=user_id, language=language)
