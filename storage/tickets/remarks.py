"""The moves that keep a ticket's status: assign, join ("me too"), comment, note, reply
(save that a reply answers an open 咨询, which closes it).

Each takes the caller's unit of work and, given `reply`, owes `by` their confirmation in
the same transaction; an update redone after its reply was owed changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.db.uow import UnitOfWork
from storage.outbox.replies import OwedReply
from storage.tickets.filing import photo_row
from storage.tickets.lifecycle import Action, Actor
from storage.tickets.models import Ticket
from storage.tickets.moves import remark
from storage.tickets.photos import StoredImage


async def assign(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    department: str | None = None,
    assignee_id: int | None = None,
    reply: OwedReply | None = None,
) -> Ticket:
    """Give a ticket to a department or person without moving it; a field worker claims it."""
    ticket, _ = await remark(
        uow,
        number=number,
        action=Action.ASSIGN,
        by=by,
        department=department,
        assignee_id=assignee_id,
        reply=reply,
    )
    return ticket


async def join(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    language: str,
    note: str | None = None,
    photos: Sequence[StoredImage] = (),
    reply: OwedReply | None = None,
) -> tuple[Ticket, bool]:
    """A resident joins an open ticket ("me too") and hears its news; their words and
    photos of it are kept with the ticket. False if they had joined it already."""
    ticket, joined = await remark(
        uow,
        number=number,
        action=Action.JOIN,
        by=by,
        note=note,
        photo=photos[0] if photos else None,
        language=language,
        reply=reply,
    )
    if joined:
        now = uow.now()
        uow.session.add_all(photo_row(ticket, p, "before", by.user_id, now) for p in photos[1:])
    return ticket, joined


async def comment(
    uow: UnitOfWork,
    *,
    number: str,
    by: Actor,
    note: str,
    photos: Sequence[StoredImage] = (),
    reply: OwedReply | None = None,
) -> Ticket:
    """A reporter's words and photos added to their open ticket (one comment per photo, the
    words with the first)."""
    ticket: Ticket | None = None
    for index, photo in enumerate(photos or [None]):
        ticket, changed = await remark(
            uow,
            number=number,
            action=Action.COMMENT,
            by=by,
            note=note if index == 0 else "",
            photo=photo,
            reply=reply if index == 0 else None,
        )
        if index == 0 and not changed:
            return ticket  # made by an earlier run of this update
    assert ticket is not None
    return ticket


async def add_note(
    uow: UnitOfWork, *, number: str, by: Actor, text: str, reply: OwedReply | None = None
) -> Ticket:
    """An internal note on a ticket, for staff only."""
    ticket, _ = await remark(uow, number=number, action=Action.NOTE, by=by, note=text, reply=reply)
    return ticket


async def answer_reporter(
    uow: UnitOfWork, *, number: str, by: Actor, text: str, reply: OwedReply | None = None
) -> Ticket:
    """Staff's words to the reporter (and followers) of a ticket (答复); an open question
    handed over to staff (咨询) is closed by them, being answered."""
    ticket, _ = await remark(uow, number=number, action=Action.REPLY, by=by, note=text, reply=reply)
    return ticket
