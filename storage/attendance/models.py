"""Attendance's tables: each worker's area and shift, their sessions on duty and the
positions their live location gave while on duty."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanJSON, CleanString, UTCDateTime


class AttendanceArea(Base):
    """Where a worker works: a circle (centre and radius) or a grid polygon."""

    __tablename__ = "attendance_areas"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(8))
    center_lat: Mapped[float | None] = mapped_column(Float)
    center_lon: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    polygon: Mapped[Any | None] = mapped_column(CleanJSON)
    """The grid's corners as [[lat, lon], ...] (a polygon area)."""
    name: Mapped[str | None] = mapped_column(CleanString(100))
    set_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (CheckConstraint("kind IN ('circle', 'polygon')", name="kind_known"),)


class AttendanceShift(Base):
    """A worker's daily shift, in minutes after local midnight (an end before the start
    runs past midnight)."""

    __tablename__ = "attendance_shifts"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AttendanceSession(Base):
    """One stretch on duty: from a check-in by live location to its check-out."""

    __tablename__ = "attendance_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    work_date: Mapped[date] = mapped_column(Date)
    """The local day of the shift it belongs to (of the check-in without a shift)."""
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checkin_lat: Mapped[float | None] = mapped_column(Float)
    checkin_lon: Mapped[float | None] = mapped_column(Float)
    checkin_inside: Mapped[bool] = mapped_column(Boolean)
    shift_start_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shift_end_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)
    live_chat_id: Mapped[int] = mapped_column(BigInteger)
    live_message_id: Mapped[int] = mapped_column(BigInteger)
    live_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the live location's period ends (None: shared until stopped)."""
    last_lat: Mapped[float | None] = mapped_column(Float)
    last_lon: Mapped[float | None] = mapped_column(Float)
    last_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_inside: Mapped[bool] = mapped_column(Boolean)
    outside_count: Mapped[int] = mapped_column(Integer, default=0)
    """Positions (the check-in's among them) outside the area."""
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkout_reason: Mapped[str | None] = mapped_column(String(16))
    checkout_lat: Mapped[float | None] = mapped_column(Float)
    checkout_lon: Mapped[float | None] = mapped_column(Float)
    early_minutes: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("live_chat_id", "live_message_id", name="uq_attendance_live_message"),
        Index("ix_attendance_sessions_user", "user_id", "checked_out_at"),
        Index("ix_attendance_sessions_day", "work_date", "user_id"),
        Index("ix_attendance_sessions_open", "checked_out_at", "live_until"),
    )


class AttendancePosition(Base):
    """A position of a worker on duty, from one update of their live location."""

    __tablename__ = "attendance_positions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("attendance_sessions.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    inside: Mapped[bool] = mapped_column(Boolean)
    source_key: Mapped[str] = mapped_column(String(40))
    """The Telegram edit it came from: a redelivered update stores nothing twice."""

    __table_args__ = (
        UniqueConstraint("session_id", "source_key", name="uq_attendance_position_source"),
        Index("ix_attendance_positions_at", "at"),
        Index("ix_attendance_positions_user", "user_id", "at"),
    )
