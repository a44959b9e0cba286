"""The outbox's service functions, each in the caller's unit of work: the sender's steps
(any_due, claim_due, mark_delivered, mark_failed, postpone) and the reply owed for a change
that is no ticket's (owe_reply: a roster change, an FAQ edit)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from typing import Any

from storage.db.uow import UnitOfWork
from storage.outbox import queue
from storage.outbox.queue import OutboxItem
from storage.outbox.replies import OwedReply, reply_message


async def any_due(
    uow: UnitOfWork, *, skip_chats: Collection[int] = (), skip_staff: bool = False
) -> bool:
    """True if some message is waiting to be sent now (a read: no write lock needed)."""
    return await queue.any_due(
        uow.session, now=uow.now(), skip_chats=skip_chats, skip_staff=skip_staff
    )


async def claim_due(
    uow: UnitOfWork,
    *,
    limit: int = 50,
    lease: timedelta = timedelta(minutes=2),
    skip_chats: Collection[int] = (),
    skip_staff: bool = False,
    per_chat: int | None = None,
) -> list[OutboxItem]:
    """Lease due messages for sending, urgent first (see queue.claim_due)."""
    return await queue.claim_due(
        uow.session,
        now=uow.now(),
        limit=limit,
        lease=lease,
        skip_chats=skip_chats,
        skip_staff=skip_staff,
        per_chat=per_chat,
    )


async def mark_delivered(uow: UnitOfWork, *, message_id: int) -> None:
    """Record that a message reached its recipient; it is never sent again."""
    await queue.mark_delivered(uow.session, message_id=message_id, now=uow.now())


async def mark_failed(
    uow: UnitOfWork, *, message_id: int, error: str, permanent: bool = False
) -> None:
    """Count a failed attempt and schedule a retry, or give the message up."""
    await queue.mark_failed(
        uow.session, message_id=message_id, now=uow.now(), error=error, permanent=permanent
    )


async def postpone(
    uow: UnitOfWork, *, message_ids: Collection[int], seconds: float, reason: str
) -> None:
    """Hold messages for `seconds` (Telegram said too many requests); no attempt counted."""
    until = uow.now() + timedelta(seconds=seconds)
    await queue.postpone(uow.session, message_ids=message_ids, until=until, reason=reason)


async def is_reply_owed(uow: UnitOfWork, *, reply: OwedReply) -> bool:
    """True if `reply` is owed already (an earlier run of its update made the change)."""
    return await queue.reply_owed(uow.session, dedupe_key=reply.dedupe_key)


def owe_reply(uow: UnitOfWork, *, reply: OwedReply, params: dict[str, Any] | None = None) -> None:
    """Owe `reply`, about a change that is no ticket's, in the change's unit of work."""
    uow.session.add(reply_message(reply, params=params or {}, now=uow.now()))
