"""What every move on a ticket shares: the lifecycle move (accept … rate) and the remark
that keeps its status (assign, join, comment, note, reply), in the caller's unit of work.

The moves themselves, one function each, are in storage/tickets/service.py and remarks.py;
what each changes on the ticket, in changes.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from storage.db.uow import UnitOfWork
from storage.errors import InvalidInput, PermissionDenied
from storage.outbox.queue import reply_owed
from storage.outbox.replies import OwedReply
from storage.tickets.changes import close_answered, dispatch_to, follow
from storage.tickets.filing import (
    MAX_NOTE,
    get_ticket,
    photo_row,
    record_event,
)
from storage.tickets.lifecycle import (
    OPEN_STATUSES,
    Action,
    Actor,
    Role,
    Status,
    check_side_action,
    next_status,
)
from storage.tickets.models import Photo, Ticket
from storage.tickets.notify import owe_news
from storage.tickets.photos import StoredImage


def effective_role(ticket: Ticket, actor: Actor) -> Role:
    """A resident who filed the ticket acts as its reporter."""
    if actor.role in (Role.RESIDENT, Role.REPORTER):
        if actor.user_id is not None and actor.user_id == ticket.reporter_id:
            return Role.REPORTER
        return Role.RESIDENT
    return actor.role


_REQUIRED = {"reason": "reason_required", "note": "note_required", "text": "text_required"}
_TOO_LONG = {"reason": "reason_too_long", "note": "note_too_long", "text": "text_too_long"}


def _require_text(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(field, _REQUIRED[field])
    if len(text) > MAX_NOTE:
        raise InvalidInput(field, _TOO_LONG[field], limit=MAX_NOTE)
    return text


def _check_field_worker(ticket: Ticket, actor: Actor, role: Role, action: Action) -> None:
    if role == Role.FIELD_WORKER and ticket.assignee_id not in (None, actor.user_id):
        raise PermissionDenied(role.value, action.value, "assigned_to_other")


async def _record_and_tell(
    uow: UnitOfWork,
    ticket: Ticket,
    by: Actor,
    action: Action,
    before: Status,
    note: str | None,
    data: dict[str, Any],
    attached: Photo | None,
    role: Role,
    reply: OwedReply | None,
    now: datetime,
) -> None:
    # Every move and remark ends alike: its event, then the news and the reply it owes.
    event = await record_event(
        uow.session,
        ticket,
        by,
        action,
        before,
        note=note,
        now=now,
        data=data,
        photo=attached,
        role=role,
    )
    await owe_news(
        uow.session,
        ticket,
        event,
        action,
        note,
        now,
        attached,
        reply,
        staff_language=uow.staff_language,
    )


Change = Callable[[Ticket, Role, datetime], Awaitable[tuple[dict[str, Any], Photo | None]]]
"""A move's own part: it changes the locked ticket and returns the event's data and photo."""


async def _no_change(_ticket: Ticket, _role: Role, _now: datetime) -> tuple[dict[str, Any], None]:
    return {}, None


async def move(
    uow: UnitOfWork,
    *,
    number: str,
    action: Action,
    by: Actor,
    note: str | None = None,
    note_field: str | None = None,
    worker_of_ticket: bool = False,
    change: Change = _no_change,
    reply: OwedReply | None = None,
) -> Ticket:
    """Make one lifecycle move; IllegalTransition, PermissionDenied or InvalidInput if not.

    The checks every move shares come first (the transition, the field worker's own ticket,
    the reason `note_field` names), then `change`, then the event and the news owed, with
    `reply` (the confirmation owed to `by`) in the same transaction. A move whose reply is
    owed already was made by an earlier run of the same update: the ticket as it stands."""
    session = uow.session
    if reply is not None and await reply_owed(session, dedupe_key=reply.dedupe_key):
        return await get_ticket(session, number)
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, by)
    if role == Role.RESIDENT and by.role in (Role.RESIDENT, Role.REPORTER):
        raise PermissionDenied(role.value, action.value, "reporter_only")
    before = Status(ticket.status)
    after = next_status(before, action, role)
    now = uow.now()
    if worker_of_ticket:
        _check_field_worker(ticket, by, role, action)
    if note_field is not None:
        note = _require_text(note, note_field)
    data, attached = await change(ticket, role, now)
    ticket.status = after.value
    ticket.is_open = after in OPEN_STATUSES
    ticket.updated_at = now
    if attached is not None:
        await session.flush()
    await _record_and_tell(uow, ticket, by, action, before, note, data, attached, role, reply, now)
    return ticket


async def remark(
    uow: UnitOfWork,
    *,
    number: str,
    action: Action,
    by: Actor,
    note: str | None = None,
    photo: StoredImage | None = None,
    department: str | None = None,
    assignee_id: int | None = None,
    language: str = "zh",
    reply: OwedReply | None = None,
) -> tuple[Ticket, bool]:
    """Assign, join ("me too"), comment, add an internal note or reply to the reporter.

    Returns the ticket and whether anything changed (joining twice changes nothing, and
    owes no `reply`; nor does an update redone after its reply was owed)."""
    session = uow.session
    if reply is not None and await reply_owed(session, dedupe_key=reply.dedupe_key):
        return await get_ticket(session, number), False
    ticket = await get_ticket(session, number, for_update=True)
    role = effective_role(ticket, by)
    check_side_action(ticket.status, action, role)
    before = Status(ticket.status)
    now = uow.now()
    data: dict[str, Any] = {}
    attached: Photo | None = None
    if action == Action.JOIN:
        assert by.user_id is not None
        if not await follow(session, ticket, by.user_id, language, now):
            return ticket, False
        ticket.also_reported_count += 1
        # What the joiner saw stays with the ticket: their words and photo (a "before").
        note = (note or "").strip()[:MAX_NOTE] or None
        if photo is not None:
            attached = photo_row(ticket, photo, "before", by.user_id, now)
            session.add(attached)
            await session.flush()
    elif action == Action.ASSIGN:
        if role == Role.FIELD_WORKER and assignee_id not in (None, by.user_id):
            raise PermissionDenied(role.value, action.value, "claim_for_self")
        if role == Role.FIELD_WORKER:
            assignee_id = by.user_id
        data.update(dispatch_to(ticket, uow.catalog, department, assignee_id))
        note = None
    else:
        if action == Action.COMMENT and photo is not None and not (note or "").strip():
            note = ""
        else:
            note = _require_text(note, "text")
        if photo is not None:
            attached = photo_row(ticket, photo, "comment", by.user_id, now)
            session.add(attached)
            await session.flush()
    answers_question = ticket.category == uow.catalog.question_category
    if action == Action.REPLY and ticket.is_open and answers_question:
        close_answered(ticket, now)
    ticket.updated_at = now
    await _record_and_tell(uow, ticket, by, action, before, note, data, attached, role, reply, now)
    return ticket, True
