"""Outbox rows owed for an event, written in the same transaction as the event.

Besides the news owed to reporters, followers and the staff group, the reply that tells
someone their own change was made (a ticket number, a staff confirmation) is owed here
too: a flood or a crash after the commit delays it, never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.errors import InvalidInput
from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL, PRIORITY_URGENT
from storage.tickets.lifecycle import Action
from storage.tickets.models import Follower, Photo, Ticket, TicketEvent

MAX_ORIGIN = 74
"""So that "reply:" and the origin fit the outbox key (80 characters)."""
# Actions after which the reporter and followers hear from us.
RESIDENT_NEWS = frozenset(
    {
        Action.ACCEPT,
        Action.REJECT,
        Action.MERGE,
        Action.DISPATCH,
        Action.START,
        Action.EXTEND,
        Action.RESOLVE,
        Action.VERIFY,
        Action.REWORK,
        Action.REPLY,
    }
)
# Actions by residents that staff must hear about.
STAFF_NEWS = frozenset({Action.FILE, Action.REWORK, Action.RATE, Action.COMMENT})


@dataclass(frozen=True, slots=True)
class OwedReply:
    """The reply owed to whoever made a change, in the chat where they made it.

    `origin` names what the reply answers (the Telegram message or button press, or the
    intake key of a report): one origin is owed one reply, however often it is redone.
    `message_key` is a key of the bot's message catalogue ("report.filed", "staff.done");
    `params` are added to the ticket's own (number, status, department, deadline …).
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


def priority_of(ticket: Ticket) -> int:
    """Messages about an urgent ticket are sent before any other."""
    return PRIORITY_URGENT if ticket.priority == "urgent" else PRIORITY_NORMAL


def _news(
    ticket: Ticket,
    event: TicketEvent,
    chat_id: int | None,
    language: str,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
) -> OutboxMessage:
    # One row of news about `event`: to a resident's chat, or (chat_id None) the staff group.
    recipient = "staff" if chat_id is None else "user"
    return OutboxMessage(
        dedupe_key=f"{event.id}:staff" if chat_id is None else f"{event.id}:user:{chat_id}",
        ticket_id=ticket.id,
        event_id=event.id,
        recipient=recipient,
        chat_id=chat_id,
        language=language,
        message_key=message_key,
        params=params,
        created_at=now,
        next_attempt_at=now,
        priority=priority_of(ticket),
    )


async def owe_interested_residents(
    session: AsyncSession,
    *,
    ticket: Ticket,
    event: TicketEvent,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
) -> None:
    """Owe one message to the reporter and one to each follower of `ticket`."""
    recipients: list[tuple[int, str]] = []
    if ticket.reporter_id is not None:
        recipients.append((ticket.reporter_id, ticket.reporter_language))
    followers = await session.execute(
        select(Follower.user_id, Follower.language).where(Follower.ticket_id == ticket.id)
    )
    recipients.extend((user_id, language) for user_id, language in followers.all())
    seen: set[int] = set()
    for chat_id, language in recipients:
        if chat_id in seen:
            continue
        seen.add(chat_id)
        session.add(_news(ticket, event, chat_id, language, message_key, params, now))


def owe_staff(
    session: AsyncSession,
    *,
    ticket: Ticket,
    event: TicketEvent,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
    language: str,
) -> None:
    """Owe one message to the staff group about `event`, in the group's `language`."""
    session.add(_news(ticket, event, None, language, message_key, params, now))


def owe_reply(
    session: AsyncSession,
    *,
    reply: OwedReply,
    ticket: Ticket | None,
    event: TicketEvent | None,
    params: dict[str, Any],
    now: datetime,
) -> None:
    """Owe `reply` about `event` (or about a change that is no ticket's: the staff roster)
    to the chat it names."""
    session.add(
        OutboxMessage(
            dedupe_key=reply.dedupe_key,
            ticket_id=ticket.id if ticket is not None else None,
            event_id=event.id if event is not None else None,
            recipient="user",
            chat_id=reply.chat_id,
            language=reply.language,
            message_key=reply.message_key,
            params={**params, **reply.params},
            created_at=now,
            next_attempt_at=now,
            priority=priority_of(ticket) if ticket is not None else PRIORITY_NORMAL,
        )
    )


def ticket_params(
    ticket: Ticket, action: Action, note: str | None = None, photo: Photo | None = None
) -> dict[str, Any]:
    """What every message about `ticket` may show: number, category, status, deadline …"""
    params: dict[str, Any] = {
        "number": ticket.number,
        "category": ticket.category,
        "status": ticket.status,
        "action": action.value,
        "priority": ticket.priority,
        "deadline": ticket.deadline.isoformat(),
        "department": ticket.department,
    }
    if note:
        params["note"] = note
    if photo is not None:
        params["photo"] = photo.path
    return params


async def owe_news(
    session: AsyncSession,
    ticket: Ticket,
    event: TicketEvent,
    action: Action,
    note: str | None,
    now: datetime,
    photo: Photo | None,
    reply: OwedReply | None = None,
    *,
    staff_language: str,
) -> None:
    """Owe the news of `event` to residents and staff (in the staff group's language), and
    `reply` to whoever acted; the news shows what the event's data says (the ticket merged
    into, the rating given) besides the ticket itself."""
    params = {**(event.data or {}), **ticket_params(ticket, action, note, photo)}
    if reply is not None:
        owe_reply_about(session, ticket, event, action, reply, now)
    if action in RESIDENT_NEWS:
        await owe_interested_residents(
            session,
            ticket=ticket,
            event=event,
            message_key=f"ticket.{action.value}",
            params=params,
            now=now,
        )
    if action in STAFF_NEWS and action != Action.FILE:
        owe_staff(
            session,
            ticket=ticket,
            event=event,
            message_key=f"staff.ticket_{action.value}",
            params=params,
            now=now,
            language=staff_language,
        )


def owe_reply_about(
    session: AsyncSession,
    ticket: Ticket,
    event: TicketEvent,
    action: Action,
    reply: OwedReply,
    now: datetime,
) -> None:
    """Owe `reply` with the ticket as it stands after `event` (and how many reported it)."""
    params = ticket_params(ticket, action)
    params["count"] = ticket.also_reported_count + 1
    owe_reply(session, reply=reply, ticket=ticket, event=event, params=params, now=now)
