"""The tables of home gas inspections: the gas company's inspectors and their badges, the
residents' requests, and every check of a badge at a door."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanString, CleanText, UTCDateTime

PERIODS = ("morning", "afternoon", "evening")
STATUSES = ("requested", "confirmed", "done", "cancelled")


class GasInspector(Base):
    """An inspector of the gas company: the badge number residents are shown at the door."""

    __tablename__ = "gas_inspectors"

    badge: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(CleanString(100))
    company: Mapped[str | None] = mapped_column(CleanString(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class InspectionRequest(Base):
    """A resident's request for a 燃气入户安检, its confirmed slot and the visit's result."""

    __tablename__ = "inspection_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_key: Mapped[str] = mapped_column(String(64), unique=True)
    """The message that confirmed the booking: one request however often it is redone."""
    resident_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(CleanString(500))
    day: Mapped[date] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    inspector_badge: Mapped[str | None] = mapped_column(ForeignKey("gas_inspectors.badge"))
    slot_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hazard: Mapped[bool | None] = mapped_column(Boolean)
    result_note: Mapped[str | None] = mapped_column(CleanText)
    ticket_number: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint(
            "status IN ('requested', 'confirmed', 'done', 'cancelled')", name="status_known"
        ),
        CheckConstraint("period IN ('morning', 'afternoon', 'evening')", name="period_known"),
        Index("ix_inspection_requests_status", "status", "day"),
        Index("ix_inspection_requests_resident", "resident_id", "day"),
    )


class BadgeCheck(Base):
    """A resident's check of a badge number at the door, kept for staff (a false one may be
    a con man posing as an inspector)."""

    __tablename__ = "inspection_badge_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resident_id: Mapped[int] = mapped_column(BigInteger)
    badge: Mapped[str] = mapped_column(CleanString(64))
    """As the resident typed it."""
    outcome: Mapped[str] = mapped_column(String(16))
    """ok, unknown_badge (no such inspector) or no_visit (no visit of theirs here today)."""
    request_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_requests.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
