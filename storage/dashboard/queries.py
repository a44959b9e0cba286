"""The map's tickets: one filtered query, read-only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.models import Ticket

OPEN, ALL = "open", "all"
"""The status filter's two words that are not a status: every open ticket, every ticket."""


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """Which tickets the map shows; a field left None does not filter."""

    status: str = OPEN
    category: str | None = None
    department: str | None = None
    overdue: bool = False
    since: datetime | None = None
    until: datetime | None = None
    reporter_id: int | None = None
    """Only the tickets this resident filed (the Mini App's resident view)."""


def board_statement(filters: BoardFilter, now: datetime) -> Select[tuple[Ticket]]:
    """The SELECT of the tickets `filters` lets through, unordered."""
    statement = select(Ticket)
    if filters.status == OPEN:
        statement = statement.where(Ticket.is_open.is_(True))
    elif filters.status != ALL:
        statement = statement.where(Ticket.status == filters.status)
    if filters.category:
        statement = statement.where(Ticket.category == filters.category)
    if filters.department:
        statement = statement.where(Ticket.department == filters.department)
    if filters.overdue:
        statement = statement.where(Ticket.is_open.is_(True), Ticket.deadline < now)
    if filters.since is not None:
        statement = statement.where(Ticket.created_at >= filters.since)
    if filters.until is not None:
        statement = statement.where(Ticket.created_at < filters.until)
    if filters.reporter_id is not None:
        statement = statement.where(Ticket.reporter_id == filters.reporter_id)
    return statement


@dataclass(frozen=True, slots=True)
class MapTicket:
    """What a marker shows of a ticket: the few columns read, not the whole row."""

    number: str
    status: str
    category: str
    department: str
    priority: str
    latitude: float | None
    longitude: float | None
    address: str | None
    description: str
    deadline: datetime
    is_open: bool
    resolved_late: bool | None


MAP_COLUMNS = (
    Ticket.number,
    Ticket.status,
    Ticket.category,
    Ticket.department,
    Ticket.priority,
    Ticket.latitude,
    Ticket.longitude,
    Ticket.address,
    Ticket.description,
    Ticket.deadline,
    Ticket.is_open,
    Ticket.resolved_late,
)


async def list_board(
    session: AsyncSession, *, filters: BoardFilter, now: datetime, limit: int
) -> list[MapTicket]:
    """Up to `limit` tickets matching `filters`, the nearest deadline first."""
    # Columns, not ORM objects: at 5,000 markers, building the objects took most of the time.
    statement = (
        board_statement(filters, now)
        .with_only_columns(*MAP_COLUMNS)
        .order_by(Ticket.deadline, Ticket.id)
        .limit(limit)
    )
    return [MapTicket(*row) for row in await session.execute(statement)]


async def stream_board(
    session: AsyncSession, *, filters: BoardFilter, now: datetime, batch: int = 1000
) -> AsyncIterator[Ticket]:
    """Every ticket matching `filters`, oldest first, fetched `batch` at a time."""
    last_id = 0
    while True:
        statement = (
            board_statement(filters, now)
            .where(Ticket.id > last_id)
            .order_by(Ticket.id)
            .limit(batch)
        )
        rows = list((await session.execute(statement)).scalars())
        for ticket in rows:
            yield ticket
        if len(rows) < batch:
            return
        last_id = rows[-1].id
