"""Store operations of the outbox sender: claim, delivered, failed, postponed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from storage.outbox import queue as outbox
from storage.store_base import StoreBase


class OutboxMixin(StoreBase):
    """The outbox as the sender sees it: one unit of work per call."""

    async def claim_outbox(
        self,
        *,
        limit: int = 50,
        lease: timedelta = timedelta(minutes=2),
        skip_chats: Collection[int] = (),
        skip_staff: bool = False,
        per_chat: int | None = None,
    ) -> list[outbox.OutboxItem]:
        """Lease due messages for sending, urgent first (see outbox.claim_due)."""
        now = self._now()
        # A read first: most ticks find nothing due, and then take no write lock at all.
        async with self.reading() as session:
            if not await outbox.any_due(
                session, now=now, skip_chats=skip_chats, skip_staff=skip_staff
            ):
                return []
        async with self.writing() as session:
            return await outbox.claim_due(
                session,
                now=self._now(),
                limit=limit,
                lease=lease,
                skip_chats=skip_chats,
                skip_staff=skip_staff,
                per_chat=per_chat,
            )

    async def outbox_delivered(self, message_id: int) -> None:
        """Mark a message as delivered."""
        async with self.writing() as session:
            await outbox.mark_delivered(session, message_id=message_id, now=self._now())

    async def outbox_failed(self, message_id: int, *, error: str, permanent: bool = False) -> None:
        """Count a failed attempt and schedule a retry, or give the message up."""
        async with self.writing() as session:
            await outbox.mark_failed(
                session, message_id=message_id, now=self._now(), error=error, permanent=permanent
            )

    async def outbox_postpone(
        self, message_ids: Collection[int], *, seconds: float, reason: str
    ) -> None:
        """Hold messages for `seconds` (Telegram said too many requests); no attempt counted."""
        async with self.writing() as session:
            await outbox.postpone(
                session,
                message_ids=message_ids,
                until=self._now() + timedelta(seconds=seconds),
                reason=reason,
            )
