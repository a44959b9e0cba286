"""Intake: the one way a resident's words become a ticket.

A photo report, an emergency after the gas safety steps and a question handed over to staff
are each a ReportDraft (storage/tickets/intake_draft.py). This module suggests the draft's
category, decides its urgency from everything the resident said, finds the open tickets it
may duplicate, and files it — once per intake key, owing the reporter its number and the
staff group its notice in the same transaction.

What intake needs of understanding words (a category suggester, a danger check) is the small
`Triage` protocol below; bot/app.py hands in knowledge's implementation, so storage never
imports knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import IntegrityError

from storage.db.uow import UnitOfWork
from storage.outbox.replies import OwedReply
from storage.tickets import queries
from storage.tickets.filing import NewTicket, file_ticket, find_by_intake_key
from storage.tickets.intake_draft import REPORT, ReportDraft
from storage.tickets.models import Ticket


class Hint(Protocol):
    """A suggested category with its reason: the word that matched, or the document."""

    @property
    def category(self) -> str: ...

    @property
    def urgent(self) -> bool: ...

    @property
    def reason(self) -> str:
        """keyword, document or none."""
        ...

    @property
    def evidence(self) -> str: ...


class Triage(Protocol):
    """What intake needs of understanding a resident's words."""

    def suggest(self, text: str) -> Hint:
        """The category the words point to (by keyword), with its reason."""
        ...

    def urgent_sign(self, text: str, category: str) -> str | None:
        """The words that make a ticket of `category` urgent (a missing manhole cover, a
        smell of gas), or None."""
        ...

    async def suggest_from_documents(self, text: str) -> Hint | None:
        """The category of the policy document the words are closest to, within a time
        budget; None if there is none (or no index yet)."""
        ...


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An open ticket like the draft: offered to join ("me too"), or to add to if it is own."""

    number: str
    status: str
    distance_m: float | None
    """None: matched by a similar typed address, not by distance."""
    own: bool


@dataclass(frozen=True, slots=True)
class Filed:
    """What the handler needs to reply: the ticket, and whether this call filed it."""

    number: str
    category: str
    urgent: bool
    created: bool
    """False when the intake key had been filed already (a redone update): nothing more owed."""


async def suggest_category(draft: ReportDraft, *, triage: Triage) -> Hint | None:
    """The category the resident's words suggest: a keyword, else the closest document;
    None when the words give no hint at all."""
    words = draft.words
    hint = triage.suggest(words)
    if hint.reason != "none":
        return hint
    if words:
        return await triage.suggest_from_documents(words)
    return None


def is_urgent(draft: ReportDraft, *, triage: Triage) -> bool:
    """Urgent after the safety steps, or when anything the resident said (caption, the
    description typed later) makes the chosen category urgent."""
    if draft.emergency:
        return True
    if draft.category is None or draft.question is not None:
        return False
    return triage.urgent_sign(draft.words, draft.category) is not None


async def find_duplicates(uow: UnitOfWork, *, draft: ReportDraft) -> list[Duplicate]:
    """Open tickets of the draft's category near its place (or at a similar typed address)."""
    if draft.category is None:
        return []
    session, settings, mine = uow.session, uow.settings, draft.reporter_id
    if draft.latitude is not None and draft.longitude is not None:
        nearby = await queries.find_nearby(
            session,
            category=draft.category,
            latitude=draft.latitude,
            longitude=draft.longitude,
            radius_m=settings.duplicate_radius_m,
            max_age_days=settings.duplicate_max_age_days,
            now=uow.now(),
        )
        return [
            Duplicate(t.ticket.number, t.ticket.status, t.distance_m, _is(t.ticket, mine))
            for t in nearby
        ]
    if draft.address:
        similar = await queries.find_similar_address(
            session,
            category=draft.category,
            address=draft.address,
            max_age_days=settings.duplicate_max_age_days,
            now=uow.now(),
        )
        return [Duplicate(t.number, t.status, None, _is(t, mine)) for t, _ in similar]
    return []


def new_ticket(draft: ReportDraft, *, category: str, urgent: bool) -> NewTicket:
    """The ticket a draft files as."""
    return NewTicket(
        category=category,
        description=draft.ticket_description,
        latitude=draft.latitude,
        longitude=draft.longitude,
        address=draft.address,
        reporter_id=draft.reporter_id,
        language=draft.language,
        priority="urgent" if urgent else "normal",
        intake_key=draft.intake_key,
        asset_class=draft.asset_class if draft.kind == REPORT else None,
        asset_code=draft.asset_code if draft.kind == REPORT else None,
    )


def category_of(draft: ReportDraft, uow: UnitOfWork) -> str:
    """Where the draft files: the emergency or question category, else the chosen one."""
    if draft.emergency:
        return uow.catalog.emergency_category
    if draft.question is not None:
        return uow.catalog.question_category
    if draft.category is None:
        raise ValueError("a report is filed after its category is chosen")
    return draft.category


async def file_report(
    uow: UnitOfWork, *, draft: ReportDraft, suggest: Triage, reply: OwedReply | None = None
) -> Filed:
    """File the draft once per intake key, owing the staff group its notice and the
    reporter `reply` (its number); filing the same intake again returns the first ticket."""
    category = category_of(draft, uow)
    urgent = is_urgent(draft, triage=suggest)
    session = uow.session
    existing = await find_by_intake_key(session, draft.intake_key)
    if existing is not None:
        return _filed(existing, created=False)
    report = new_ticket(draft, category=category, urgent=urgent)
    try:
        # A savepoint: if another delivery of the same update filed it meanwhile (on a
        # server database), only this insert is undone and the unit of work goes on.
        async with session.begin_nested():
            ticket = await file_ticket(
                session, uow, report=report, photos=draft.photos, reply=reply
            )
    except IntegrityError:
        raced = await find_by_intake_key(session, draft.intake_key)
        if raced is None:
            raise
        return _filed(raced, created=False)
    return _filed(ticket, created=True)


def _is(ticket: Ticket, reporter_id: int | None) -> bool:
    """True if the resident filed `ticket` themselves."""
    return reporter_id is not None and ticket.reporter_id == reporter_id


def _filed(ticket: Ticket, *, created: bool) -> Filed:
    return Filed(
        number=ticket.number,
        category=ticket.category,
        urgent=ticket.priority == "urgent",
        created=created,
    )
