"""The table of one-time login tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import UTCDateTime


class LoginToken(Base):
    """A one-time dashboard login link: only its SHA-256 is kept, never the token itself."""

    __tablename__ = "web_login_tokens"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_web_login_tokens_expires", "expires_at"),)
