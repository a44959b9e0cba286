"""Outbox rows owed for an event, written in the same transaction as the event.

Besides the news owed to reporters, followers and the staff group, the reply that tells
someone their own change was made (a ticket number, a staff confirmation; see
storage/outbox/replies.py) is owed here too: a crash after the commit never loses it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL, PRIORITY_URGENT
from storage.outbox.replies import OwedReply, reply_message
from storage.tickets.lifecycle import STAFF_ROLES, Action, Role
from storage.tickets.models import Follower, Photo, Ticket, TicketEvent

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
# News a follower is told in other words than the reporter: only the reporter is asked
# "is it fixed?" (and rates it, or sends it back).
FOLLOWER_NEWS = {Action.RESOLVE: "ticket.resolve_followed"}
# Actions by residents that staff must hear about.
STAFF_NEWS = frozenset({Action.FILE, Action.REWORK, Action.RATE, Action.COMMENT})
# The same move made by staff, told in other words (residents', staff group's): a rework
# staff ordered is not "the resident says it is not fixed".
BY_STAFF_NEWS = {Action.REWORK: ("ticket.rework_by_staff", "staff.ticket_rework_by_staff")}


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
    follower_key: str | None = None,
) -> None:
    """Owe one message to the reporter and one to each follower of `ticket` (the followers'
    under `follower_key` when they are told in other words)."""
    recipients: list[tuple[int, str, str]] = []
    if ticket.reporter_id is not None:
        recipients.append((ticket.reporter_id, ticket.reporter_language, message_key))
    followers = await session.execute(
        select(Follower.user_id, Follower.language).where(Follower.ticket_id == ticket.id)
    )
    recipients.extend(
        (user_id, language, follower_key or message_key) for user_id, language in followers.all()
    )
    seen: set[int] = set()
    for chat_id, language, key in recipients:
        if chat_id in seen:
            continue
        seen.add(chat_id)
        session.add(_news(ticket, event, chat_id, language, key, params, now))


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
    resident_key, staff_key = f"ticket.{action.value}", f"staff.ticket_{action.value}"
    if action in BY_STAFF_NEWS and Role(event.actor_role) in STAFF_ROLES:
        resident_key, staff_key = BY_STAFF_NEWS[action]
    if action in RESIDENT_NEWS:
        await owe_interested_residents(
            session,
            ticket=ticket,
            event=event,
            message_key=resident_key,
            params=params,
            now=now,
            follower_key=FOLLOWER_NEWS.get(action),
        )
    if action in STAFF_NEWS and action != Action.FILE:
        owe_staff(
            session,
            ticket=ticket,
            event=event,
            message_key=staff_key,
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
    """Owe `reply` with the ticket as it stands after `event` (and how many reported it),
    and what the event's data says (the ticket merged into)."""
    params = {**(event.data or {}), **ticket_params(ticket, action)}
    params["count"] = ticket.also_reported_count + 1
    message = reply_message(
        reply,
        params=params,
        now=now,
        ticket_id=ticket.id,
        event_id=event.id,
        priority=priority_of(ticket),
    )
    session.add(message)
