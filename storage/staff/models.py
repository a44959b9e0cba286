"""The staff roster's table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanString, UTCDateTime


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
        CheckConstraint(
            "role IN ('field_worker', 'dispatcher', 'admin', 'gas_inspector')", name="role_known"
        ),
    )
