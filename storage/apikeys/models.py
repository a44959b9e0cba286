"""The API keys' tables: the keys (only a hash of each secret) and the requests they filed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanText, UTCDateTime


class ApiKey(Base):
    """A client's key to file Open311 service requests; the secret itself is never stored."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(CleanText)
    # sha256 of the secret, hex: a leaked table gives no usable key.
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # The secret's first characters, so an operator can tell keys apart in `list`.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ApiKeyRequest(Base):
    """A service request filed with a key: its token, and the ticket it became."""

    __tablename__ = "api_key_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    ticket_number: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # The rate limit counts one key's requests of the past hour: one index range.
    __table_args__ = (Index("ix_api_key_requests_key", "key_id", "created_at"),)
