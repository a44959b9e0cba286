"""The web's views of tickets: query strings read into filters, tickets into JSON.

No view names a reporter: staff reach a reporter through the bot (/reply), as in chat, and
a timeline entry shows who acted by role only. The dashboard speaks Chinese (the bureau's
language); the words come from the same catalogues as the bot's.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from starlette.datastructures import QueryParams

from bot.messages.words import PRIORITY, ROLE, STAFF_ACTION, STAFF_STATUS, STATUS, word
from storage import Catalog, Status
from storage.dashboard.queries import ALL, OPEN, BoardFilter
from storage.tickets.queries import TicketDetail

LANG = "zh"
STATUS_WORDS = (OPEN, ALL, *(status.value for status in Status))


class BadQuery(ValueError):
    """A query string the dashboard cannot read; the message says which field and why."""


def _day(params: QueryParams, name: str) -> date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadQuery(f"{name}: {raw[:20]!r} is not a date like 2026-11-23") from None


def local_day_start(day: date, catalog: Catalog) -> datetime:
    """The UTC moment the bureau's day `day` begins."""
    return datetime.combine(day, time(0), tzinfo=catalog.timezone)


def read_filter(params: QueryParams, catalog: Catalog) -> BoardFilter:
    """The map's filter from a query string (`status`, `category`, `department`,
    `overdue`, `since` and `until` as local days, `until` included); BadQuery if wrong."""
    status = params.get("status", OPEN) or OPEN
    if status not in STATUS_WORDS:
        raise BadQuery(f"status: {status[:20]!r} is not one of {', '.join(STATUS_WORDS)}")
    category = params.get("category") or None
    if category is not None and category not in catalog.categories:
        raise BadQuery(f"category: {category[:32]!r} is not a category")
    department = params.get("department") or None
    if department is not None and department not in catalog.departments:
        raise BadQuery(f"department: {department[:32]!r} is not a department")
    since, until = _day(params, "since"), _day(params, "until")
    if since and until and until < since:
        raise BadQuery("until: comes before since")
    return BoardFilter(
        status=status,
        category=category,
        department=department,
        overdue=params.get("overdue", "") in ("1", "true", "on"),
        since=local_day_start(since, catalog) if since else None,
        until=local_day_start(until + timedelta(days=1), catalog) if until else None,
    )


class Markable(Protocol):
    """A ticket as a marker reads it: a whole Ticket, or the map query's MapTicket."""

    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def address(self) -> str | None: ...
    @property
    def description(self) -> str: ...
    @property
    def deadline(self) -> datetime: ...
    @property
    def is_open(self) -> bool: ...
    @property
    def resolved_late(self) -> bool | None: ...


def is_overdue(ticket: Markable, now: datetime) -> bool:
    """Open past its deadline, or resolved after it."""
    return (ticket.is_open and ticket.deadline < now) or bool(ticket.resolved_late)


def marker(
    ticket: Markable, catalog: Catalog, now: datetime, *, lang: str = LANG, staff: bool = True
) -> dict[str, Any]:
    """What a map marker and the list beside the map show of a ticket, in `lang`, its
    status in staff's words or (`staff=False`) in its reporter's."""
    category = catalog.categories.get(ticket.category)
    return {
        "number": ticket.number,
        "status": ticket.status,
        "status_name": word(STAFF_STATUS if staff else STATUS, ticket.status, lang),
        "category": ticket.category,
        "category_name": category.name(lang) if category else ticket.category,
        "department_name": catalog.department_name(ticket.department, lang),
        "priority": ticket.priority,
        "lat": ticket.latitude,
        "lon": ticket.longitude,
        "address": ticket.address,
        "description": ticket.description[:200],
        "deadline": ticket.deadline.astimezone(catalog.timezone).strftime("%Y-%m-%d %H:%M"),
        "overdue": is_overdue(ticket, now),
    }


def _local(moment: datetime | None, catalog: Catalog) -> str | None:
    return moment.astimezone(catalog.timezone).strftime("%Y-%m-%d %H:%M") if moment else None


def detail(found: TicketDetail, catalog: Catalog, now: datetime) -> dict[str, Any]:
    """A ticket with its timeline and its photos' addresses, for the detail panel."""
    ticket = found.ticket
    photos = {photo.id: photo for photo in found.photos}
    return {
        **marker(ticket, catalog, now),
        "description": ticket.description,
        "priority_name": word(PRIORITY, ticket.priority, LANG),
        "created_at": _local(ticket.created_at, catalog),
        "resolved_at": _local(ticket.resolved_at, catalog),
        "closed_at": _local(ticket.closed_at, catalog),
        "also_reported": ticket.also_reported_count,
        "followers": found.followers,
        "extensions": ticket.extension_count,
        "rating": ticket.rating,
        "timeline": [
            {
                "at": _local(event.at, catalog),
                "action_name": word(STAFF_ACTION, event.action, LANG),
                "role_name": word(ROLE, event.actor_role, LANG),
                "to_name": word(STAFF_STATUS, event.to_status, LANG),
                "note": event.note,
                "photo": (
                    photo_url(ticket.number, event.photo_id) if event.photo_id in photos else None
                ),
            }
            for event in found.events
        ],
        "photos": [
            {"url": photo_url(ticket.number, photo.id), "kind": photo.kind}
            for photo in found.photos
        ],
    }


def photo_url(number: str, photo_id: int | None) -> str:
    """Where the dashboard serves a ticket's photo."""
    return f"/dashboard/photos/{number}/{photo_id}.jpg"
