"""The 部件 registry's table: one row per managed city asset (GB/T 30428.2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanText, UTCDateTime

STATUSES = ("intact", "damaged", "lost", "abandoned", "removed")
"""完好, 破损, 丢失, 废弃, 移除: the norm's states of a 部件, by their codes."""


class Asset(Base):
    """A managed asset (管理部件): a manhole cover, a street light, a bin, a hydrant ..."""

    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 6-digit division + 2-digit major class + 3-digit minor class + 6-digit sequence.
    code: Mapped[str] = mapped_column(String(17), unique=True)
    # Major + minor class (5 digits), kept apart so the nearest-asset search is one index range.
    class_code: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(CleanText, default="")
    department: Mapped[str] = mapped_column(CleanText, default="")
    grid: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(12), default="intact")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(CleanText)
    installed_on: Mapped[date | None] = mapped_column(Date)
    changed_on: Mapped[date | None] = mapped_column(Date)
    # Rows of the shipped, generated sample (not a real survey): shown as such to staff.
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint(
            "status IN ('intact', 'damaged', 'lost', 'abandoned', 'removed')",
            name="status_known",
        ),
        # The nearest asset of a class: a latitude range within the class, longitude filtered
        # from the same index entries, then the exact distance on the few left.
        Index("ix_assets_near", "class_code", "latitude", "longitude"),
        # The map's window over every class (the dashboard's layer).
        Index("ix_assets_lat_lon", "latitude", "longitude"),
    )
