"""The tickets' read-only service functions, each in the caller's unit of work (a read-only
one is enough: `store.unit_of_work(read_only=True)`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from storage.db.uow import UnitOfWork
from storage.tickets import filing, queries, serialize, stats
from storage.tickets.categories import Catalog
from storage.tickets.models import Ticket


def full_number(typed: str, *, catalog: Catalog, now: datetime) -> str:
    """A ticket number as staff type it, written out: '7' or '0007' is today's
    CG-YYYYMMDD-0007 (the bureau's today at `now`); a whole number stays as it is."""
    return filing.full_number(typed, day=filing.local_day(now, catalog))


async def get_ticket(uow: UnitOfWork, *, number: str) -> Ticket:
    """The ticket with this public number, or TicketNotFound."""
    return await filing.get_ticket(uow.session, number)


async def get_detail(uow: UnitOfWork, *, number: str) -> queries.TicketDetail:
    """One ticket with its timeline and photos, or TicketNotFound."""
    return await queries.load_ticket_detail(uow.session, number=number)


async def list_queue(
    uow: UnitOfWork,
    *,
    filters: queries.QueueFilter | None = None,
    limit: int = 50,
    offset: int = 0,
    with_total: bool = False,
) -> queries.Page:
    """The open queue, most urgent first."""
    return await queries.list_queue(
        uow.session,
        filters=filters or queries.QueueFilter(),
        now=uow.now(),
        limit=limit,
        offset=offset,
        with_total=with_total,
    )


async def list_reporter_tickets(
    uow: UnitOfWork, *, reporter_id: int, limit: int = 20, offset: int = 0
) -> queries.Page:
    """A resident's own and joined tickets, newest first."""
    return await queries.list_reporter_tickets(
        uow.session, reporter_id=reporter_id, limit=limit, offset=offset
    )


async def find_standing(uow: UnitOfWork, *, number: str, user_id: int) -> queries.Standing | None:
    """How `user_id` stands to ticket `number` (reporter, follower), or None."""
    return await queries.find_standing(uow.session, number=number, user_id=user_id)


async def find_nearby(
    uow: UnitOfWork,
    *,
    category: str,
    latitude: float,
    longitude: float,
    radius_m: float | None = None,
    max_age_days: int | None = None,
    limit: int = 5,
) -> list[queries.NearbyTicket]:
    """Open tickets of the same category close by (the duplicate check)."""
    return await queries.find_nearby(
        uow.session,
        category=category,
        latitude=latitude,
        longitude=longitude,
        radius_m=radius_m or uow.settings.duplicate_radius_m,
        max_age_days=max_age_days or uow.settings.duplicate_max_age_days,
        now=uow.now(),
        limit=limit,
    )


async def find_similar_address(
    uow: UnitOfWork, *, category: str, address: str
) -> list[tuple[Ticket, float]]:
    """Open tickets of the category at a similar typed address (no coordinates)."""
    return await queries.find_similar_address(
        uow.session,
        category=category,
        address=address,
        max_age_days=uow.settings.duplicate_max_age_days,
        now=uow.now(),
    )


async def count_reports_in_last_hour(uow: UnitOfWork, *, reporter_id: int) -> int:
    """How many ordinary reports this resident filed in the past hour."""
    return await queries.count_reports_since(
        uow.session,
        reporter_id=reporter_id,
        since=uow.now() - timedelta(hours=1),
        question_category=uow.catalog.question_category,
    )


async def compute_stats(
    uow: UnitOfWork, *, since: datetime | None = None, until: datetime | None = None
) -> stats.Stats:
    """Counts, overdue rate, median time to close and mean rating for a period."""
    return await stats.compute_stats(uow.session, now=uow.now(), since=since, until=until)


async def export_records(
    uow: UnitOfWork, *, since: datetime | None = None, until: datetime | None = None
) -> AsyncIterator[dict[str, Any]]:
    """The tickets filed in [since, until), oldest first, as export rows (serialize.py's
    EXPORT_FIELDS: codes, numbers, UTC moments), fetched in batches."""
    now = uow.now()
    async for ticket in queries.stream_tickets(uow.session, since=since, until=until):
        yield serialize.export_record(ticket, now)
