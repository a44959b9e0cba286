"""The work orders' tables: tickets, their events, photos, followers and daily numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.db.base import Base
from storage.db.types import CleanJSON, CleanText, UTCDateTime


class Ticket(Base):
    """A work order (工单): one problem reported by a resident, handled by staff."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    # Telegram chat+message (or update) id of the report; makes filing idempotent.
    intake_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(CleanText, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(CleanText)
    reporter_id: Mapped[int | None] = mapped_column(BigInteger)
    reporter_language: Mapped[str] = mapped_column(String(8), default="zh")
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    department: Mapped[str] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    # Denormalised from status so the open queue is one index range scan.
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the ticket closes; kept as a number so the median is one indexed query.
    close_seconds: Mapped[float | None] = mapped_column(Float)
    resolved_late: Mapped[bool | None] = mapped_column(Boolean)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    also_reported_count: Mapped[int] = mapped_column(Integer, default=0)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    # Deadline alerts already sent: 0 none, 1 "nearing", 2 "overdue".
    alert_stage: Mapped[int] = mapped_column(Integer, default=0)
    # The 部件 the report is about (storage/assets): its class (a 部件 case, else an 事件) and,
    # when the resident confirmed the registered one nearby, its 17-digit code.
    asset_class: Mapped[str | None] = mapped_column(String(5))
    asset_code: Mapped[str | None] = mapped_column(String(17))

    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id", lazy="raise"
    )
    photos: Mapped[list[Photo]] = relationship(
        back_populates="ticket", order_by="Photo.id", lazy="raise"
    )

    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 5)", name="rating_range"),
        CheckConstraint("priority IN ('normal', 'urgent')", name="priority_known"),
        Index("ix_tickets_open_queue", "is_open", "category", "deadline"),
        Index("ix_tickets_open_deadline", "is_open", "deadline"),
        Index("ix_tickets_status_deadline", "status", "deadline"),
        Index("ix_tickets_reporter", "reporter_id", "created_at"),
        Index("ix_tickets_assignee", "assignee_id", "is_open", "deadline"),
        Index("ix_tickets_nearby", "category", "is_open", "latitude", "longitude"),
        # Covers everything the statistics of a period read, so they never touch the table.
        Index(
            "ix_tickets_created",
            "created_at",
            "status",
            "category",
            "resolved_late",
            "rating",
            "close_seconds",
            "is_open",
            "deadline",
        ),
        Index("ix_tickets_stats", "status", "category", "resolved_late", "rating"),
        Index("ix_tickets_close_seconds", "close_seconds"),
        Index("ix_tickets_asset_code", "asset_code", "created_at"),
        Index("ix_tickets_asset_class", "asset_class", "created_at"),
    )


class TicketEvent(Base):
    """One change to a ticket: who did what, when, from which status to which."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(CleanText)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id"))
    data: Mapped[dict[str, Any]] = mapped_column(CleanJSON, default=dict)

    ticket: Mapped[Ticket] = relationship(back_populates="events", lazy="raise")

    __table_args__ = (Index("ix_ticket_events_ticket", "ticket_id", "id"),)


class Photo(Base):
    """A photo kept with a ticket; the bytes live on disk under their SHA-256."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # before | after | comment
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(200))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    ticket: Mapped[Ticket] = relationship(back_populates="photos", lazy="raise")

    __table_args__ = (
        CheckConstraint("kind IN ('before', 'after', 'comment')", name="kind_known"),
        Index("ix_photos_ticket", "ticket_id"),
    )


class Follower(Base):
    """A resident who joined a ticket ("me too") and hears about its progress."""

    __tablename__ = "ticket_followers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8), default="zh")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("ticket_id", "user_id", name="uq_ticket_followers_ticket_user"),
        Index("ix_ticket_followers_user", "user_id"),
    )


class DailyCounter(Base):
    """The last public number handed out on a (local) day: CG-YYYYMMDD-NNNN."""

    __tablename__ = "daily_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)
