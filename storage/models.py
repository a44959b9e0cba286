"""SQLAlchemy 2.0 models of the work-order store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.db.types import CleanJSON, CleanString, CleanText, UTCDateTime, clean_on_assignment

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations can refer to them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Every free-text and JSON column below (but the update ledger's verbatim payload) is
# cleaned on assignment and on its way to the database (storage/db/types.py), so no service
# can store what PostgreSQL refuses or what SQLite alone would keep.
clean_on_assignment(Base)


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


class DailyCounter(Base):
    """The last public number handed out on a (local) day: CG-YYYYMMDD-NNNN."""

    __tablename__ = "daily_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class BotState(Base):
    """A JSON document of the bot's conversation state, kept here so a restart resumes it.

    namespace is e.g. "user_data", "chat_data" or "conversation:<name>"; key is the id.
    """

    __tablename__ = "bot_state"

    namespace: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[Any] = mapped_column(CleanJSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedUpdate(Base):
    """An update the bot has claimed or finished, so a redelivery is handled once."""

    __tablename__ = "processed_updates"

    # Update ids count per bot: a new token (or the console's stand-in) starts again.
    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # The update itself, kept from its receipt until it is done: a process killed while
    # handling it redoes it on restart, even though Telegram will never send it again.
    # Verbatim, not CleanJSON: a redone update must be the one Telegram sent (entity
    # offsets count its characters); JSON escapes NUL and surrogates, which both accept.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Which bot process received it (CITYBOT_INSTANCE): a restarted process takes over
    # its own unfinished updates at once, another's only once their claim is stale.
    instance: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_processed_updates_claimed", "claimed_at"),
        Index("ix_processed_updates_pending", "bot_id", "done"),
    )


class StaffMember(Base):
    """A member of staff: their role, department and whether they are on duty."""

    __tablename__ = "staff"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(32))
    display_name: Mapped[str | None] = mapped_column(CleanString(100))
    on_duty: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str | None] = mapped_column(String(8))
    """The language they use the bot in (seen on their staff commands); alerts are in it."""
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("role IN ('field_worker', 'dispatcher', 'admin')", name="role_known"),
    )
