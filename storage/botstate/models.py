"""The bot's saved state (PTB persistence) and the update ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanJSON, UTCDateTime


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
