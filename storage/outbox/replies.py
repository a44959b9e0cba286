"""The reply owed to whoever made a change (a ticket number, a staff confirmation).

It is written in the change's own transaction, so a flood or a crash after the commit
delays it, never loses it; one origin (the message or press it answers) is owed one reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.errors import InvalidInput
from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL

MAX_ORIGIN = 74
"""So that "reply:" and the origin fit the outbox key (80 characters)."""


@dataclass(frozen=True, slots=True)
class OwedReply:
    """The reply owed to whoever made a change, in the chat where they made it.

    `origin` names what the reply answers (the Telegram message or button press, or the
    intake key of a report): one origin is owed one reply, however often it is redone.
    `message_key` is a key of the bot's message catalogue ("report.filed", "staff.done");
    `params` are added to those of the change (a ticket's number, status, deadline …).
    """

    chat_id: int
    language: str
    message_key: str
    origin: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 < len(self.origin) <= MAX_ORIGIN:
            raise InvalidInput("origin", "origin_length", limit=MAX_ORIGIN)

    @property
    def dedupe_key(self) -> str:
        """The outbox key of this reply: one per origin."""
        return f"reply:{self.origin}"


def reply_message(
    reply: OwedReply,
    *,
    params: dict[str, Any],
    now: datetime,
    ticket_id: int | None = None,
    event_id: int | None = None,
    priority: int = PRIORITY_NORMAL,
) -> OutboxMessage:
    """The outbox row of `reply`, its own params over the change's `params`."""
    return OutboxMessage(
        dedupe_key=reply.dedupe_key,
        ticket_id=ticket_id,
        event_id=event_id,
        recipient="user",
        chat_id=reply.chat_id,
        language=reply.language,
        message_key=reply.message_key,
        params={**params, **reply.params},
        created_at=now,
        next_attempt_at=now,
        priority=priority,
    )
