"""The outbox: every message owed, written in the transaction of the change it reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanJSON, CleanText, UTCDateTime


class OutboxMessage(Base):
    """A message owed to a reporter, a follower or the staff group, written with the change."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # One row per (event, recipient): a retried transaction cannot owe a message twice.
    dedupe_key: Mapped[str] = mapped_column(String(80), unique=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_events.id"))
    recipient: Mapped[str] = mapped_column(String(8))  # user | staff
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8), default="zh")
    message_key: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(CleanJSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(CleanText)
    # Higher is claimed first: what is about an urgent ticket jumps the queue of a group
    # that Telegram lets us post to only about 20 times a minute.
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        CheckConstraint("recipient IN ('user', 'staff')", name="recipient_known"),
        Index("ix_outbox_due", "delivered_at", "failed_at", "next_attempt_at"),
    )
