"""What staff and residents look up: the queue, their own tickets, one ticket, nearby ones."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.errors import TicketNotFound
from storage.tickets.geo import bounding_box, haversine_m
from storage.tickets.models import Follower, Photo, Ticket, TicketEvent
from storage.tickets.ratings import is_rated


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Filters of the staff queue; empty means all open tickets."""

    statuses: Sequence[str] = ()
    category: str | None = None
    department: str | None = None
    assignee_id: int | None = None
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class TicketDetail:
    """One ticket with its timeline and photos."""

    ticket: Ticket
    events: list[TicketEvent]
    photos: list[Photo]
    followers: int = 0


@dataclass(frozen=True, slots=True)
class NearbyTicket:
    """An open ticket near a point, with its distance in metres."""

    ticket: Ticket
    distance_m: float


@dataclass(frozen=True, slots=True)
class Page:
    """One page of tickets and whether more follow."""

    tickets: list[Ticket]
    offset: int
    has_more: bool
    total: int | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Standing:
    """How one user stands to one ticket they filed or follow (what a button may do)."""

    number: str
    status: str
    is_open: bool
    rated: bool
    reporter: bool


def _queue_statement(filters: QueueFilter, now: datetime) -> Select[tuple[Ticket]]:
    statement = select(Ticket)
    if filters.statuses:
        statement = statement.where(Ticket.status.in_(list(filters.statuses)))
    else:
        statement = statement.where(Ticket.is_open.is_(True))
    if filters.category:
        statement = statement.where(Ticket.category == filters.category)
    if filters.department:
        statement = statement.where(Ticket.department == filters.department)
    if filters.assignee_id is not None:
        statement = statement.where(Ticket.assignee_id == filters.assignee_id)
    if filters.overdue:
        statement = statement.where(Ticket.is_open.is_(True), Ticket.deadline < now)
    return statement


async def list_queue(
    session: AsyncSession,
    *,
    filters: QueueFilter,
    now: datetime,
    limit: int = 50,
    offset: int = 0,
    with_total: bool = False,
) -> Page:
    """Open tickets matching `filters`, most urgent deadline first."""
    statement = (
        _queue_statement(filters, now)
        .order_by(Ticket.deadline, Ticket.id)
        .limit(limit + 1)
        .offset(offset)
    )
    rows = list((await session.execute(statement)).scalars())
    total = None
    if with_total:
        count = select(func.count()).select_from(_queue_statement(filters, now).subquery())
        total = (await session.execute(count)).scalar_one()
    return Page(rows[:limit], offset, len(rows) > limit, total)


async def list_reporter_tickets(
    session: AsyncSession, *, reporter_id: int, limit: int = 20, offset: int = 0
) -> Page:
    """Tickets a resident filed or joined, newest first."""
    # Two indexed lookups joined by UNION: an OR across them makes PostgreSQL scan the table.
    mine = select(Ticket.id).where(Ticket.reporter_id == reporter_id)
    followed = select(Follower.ticket_id).where(Follower.user_id == reporter_id)
    statement = (
        select(Ticket)
        .where(Ticket.id.in_(union(mine, followed).scalar_subquery()))
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(limit + 1)
        .offset(offset)
    )
    rows = list((await session.execute(statement)).scalars())
    return Page(rows[:limit], offset, len(rows) > limit)


async def find_standing(session: AsyncSession, *, number: str, user_id: int) -> Standing | None:
    """The user's standing on ticket `number`; None alike for no such ticket and for a
    ticket the user neither filed nor follows, so a caller cannot tell the two apart."""
    ticket = (
        await session.execute(select(Ticket).where(Ticket.number == number.strip().upper()))
    ).scalar_one_or_none()
    if ticket is None:
        return None
    reporter = ticket.reporter_id is not None and ticket.reporter_id == user_id
    if not reporter:
        follows = await session.execute(
            select(func.count()).where(Follower.ticket_id == ticket.id, Follower.user_id == user_id)
        )
        if not follows.scalar_one():
            return None
    rated = await is_rated(session, ticket)
    return Standing(ticket.number, ticket.status, ticket.is_open, rated, reporter)


async def load_ticket_detail(session: AsyncSession, *, number: str) -> TicketDetail:
    """One ticket with its events and photos, or TicketNotFound."""
    statement = (
        select(Ticket)
        .where(Ticket.number == number.strip().upper())
        .options(selectinload(Ticket.events), selectinload(Ticket.photos))
    )
    ticket = (await session.execute(statement)).scalar_one_or_none()
    if ticket is None:
        raise TicketNotFound(number)
    followers = (
        await session.execute(select(func.count()).where(Follower.ticket_id == ticket.id))
    ).scalar_one()
    return TicketDetail(ticket, list(ticket.events), list(ticket.photos), followers)


async def find_nearby(
    session: AsyncSession,
    *,
    category: str,
    latitude: float,
    longitude: float,
    radius_m: float,
    max_age_days: int,
    now: datetime,
    limit: int = 5,
) -> list[NearbyTicket]:
    """Open tickets of `category` within `radius_m` filed in the last `max_age_days`, nearest first.

    The bounding box narrows the rows through ix_tickets_nearby; the great-circle distance
    then decides.
    """
    box = bounding_box(latitude, longitude, radius_m)
    lon_clause = or_(*(Ticket.longitude.between(west, east) for west, east in box.lon_ranges))
    statement = select(Ticket).where(
        and_(
            Ticket.category == category,
            Ticket.is_open.is_(True),
            Ticket.latitude.between(box.min_lat, box.max_lat),
            lon_clause,
            Ticket.created_at >= now - timedelta(days=max_age_days),
        )
    )
    found: list[NearbyTicket] = []
    for ticket in (await session.execute(statement)).scalars():
        assert ticket.latitude is not None and ticket.longitude is not None
        distance = haversine_m(latitude, longitude, ticket.latitude, ticket.longitude)
        if distance <= radius_m:
            found.append(NearbyTicket(ticket, distance))
    found.sort(key=lambda item: (item.distance_m, item.ticket.id))
    return found[:limit]


async def stream_tickets(
    session: AsyncSession,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    batch: int = 1000,
) -> AsyncIterator[Ticket]:
    """Every ticket filed in [since, until), oldest first, fetched in batches (for exports)."""
    statement = select(Ticket).order_by(Ticket.created_at, Ticket.id)
    if since is not None:
        statement = statement.where(Ticket.created_at >= since)
    if until is not None:
        statement = statement.where(Ticket.created_at < until)
    result = await session.stream(statement.execution_options(yield_per=batch))
    async for ticket in result.scalars():
        yield ticket


async def count_reports_since(
    session: AsyncSession, *, reporter_id: int, since: datetime, question_category: str
) -> int:
    """How many ordinary reports a resident filed since `since` (for the hourly limit).

    Urgent tickets and handed-over questions do not count: a limit must never stand
    between someone in danger, or someone asking, and the staff.
    """
    statement = select(func.count(Ticket.id)).where(
        Ticket.reporter_id == reporter_id,
        Ticket.created_at >= since,
        Ticket.priority != "urgent",
        Ticket.category != question_category,
    )
    return int((await session.execute(statement)).scalar_one())


def address_similarity(first: str, second: str) -> float:
    """Overlap of character bigrams (Jaccard), which suits Chinese addresses without a parser."""

    def bigrams(text: str) -> set[str]:
        compact = "".join(text.split()).lower()
        return {compact[i : i + 2] for i in range(len(compact) - 1)} or {compact}

    a, b = bigrams(first), bigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0


async def find_similar_address(
    session: AsyncSession,
    *,
    category: str,
    address: str,
    max_age_days: int,
    now: datetime,
    threshold: float = 0.5,
    limit: int = 5,
    candidates: int = 300,
) -> list[tuple[Ticket, float]]:
    """Open tickets of `category` whose typed address resembles `address`, best first.

    The duplicate check for reports without coordinates (no geocoder is assumed).
    """
    statement = (
        select(Ticket)
        .where(
            Ticket.category == category,
            Ticket.is_open.is_(True),
            Ticket.address.is_not(None),
            Ticket.created_at >= now - timedelta(days=max_age_days),
        )
        .order_by(Ticket.created_at.desc())
        .limit(candidates)
    )
    scored = [
        (ticket, address_similarity(address, ticket.address or ""))
        for ticket in (await session.execute(statement)).scalars()
    ]
    found = [(ticket, score) for ticket, score in scored if score >= threshold]
    found.sort(key=lambda pair: (-pair[1], pair[0].id))
    return found[:limit]
