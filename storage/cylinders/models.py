"""The LPG cylinder registry's table, as the supervision platform exports it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanString, UTCDateTime


class Cylinder(Base):
    """One 液化石油气钢瓶 by the code on its QR label: who fills and supplies it, its dates."""

    __tablename__ = "cylinders"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    filling_station: Mapped[str] = mapped_column(CleanString(200))
    supplier: Mapped[str] = mapped_column(CleanString(200))
    licence_number: Mapped[str | None] = mapped_column(CleanString(64))
    """The supplier's 燃气经营许可证 number; empty in the export: no licence on record."""
    last_inspection: Mapped[date | None] = mapped_column(Date)
    next_inspection_due: Mapped[date] = mapped_column(Date)
    scrap_date: Mapped[date | None] = mapped_column(Date)
    """The day it was (or is to be) scrapped: from then on it must not be filled or used."""
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
