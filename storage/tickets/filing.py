"""Filing tickets, and the event and notice rows every command writes.

Each function works inside the caller's session (one unit of work) and writes the
change, its event row and the messages it owes in that one transaction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db.clock import Clock
from storage.errors import InvalidInput, TicketNotFound
from storage.outbox.replies import OwedReply
from storage.tickets.categories import Catalog
from storage.tickets.lifecycle import (
    Action,
    Actor,
    Role,
    Status,
)
from storage.tickets.models import DailyCounter, Photo, Ticket, TicketEvent
from storage.tickets.notify import owe_reply_about, owe_staff, ticket_params
from storage.tickets.photos import StoredImage

MAX_DESCRIPTION = 2000
MAX_NOTE = 2000
PRIORITIES = ("normal", "urgent")


class StoreEnv(Protocol):
    """What commands need besides the session: the categories, the clock and the staff
    group's language (news owed to the group is written in it); a unit of work is one."""

    @property
    def catalog(self) -> Catalog: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def staff_language(self) -> str: ...


@dataclass(frozen=True, slots=True)
class NewTicket:
    """What a resident reports."""

    category: str
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    reporter_id: int | None = None
    language: str = "zh"
    priority: str = "normal"
    intake_key: str | None = None
    asset_class: str | None = None
    """The class of 部件 the report is about (5 digits): it counts as a 部件 case, not an 事件."""
    asset_code: str | None = None
    """The registered 部件 the resident confirmed (17 digits)."""


def validate_new_ticket(report: NewTicket, catalog: Catalog) -> None:
    """Raise InvalidInput/UnknownCategory for a report the store cannot file."""
    catalog.get(report.category)
    if report.priority not in PRIORITIES:
        raise InvalidInput("priority", "priority_unknown", priorities=list(PRIORITIES))
    if len(report.description) > MAX_DESCRIPTION:
        raise InvalidInput("description", "description_too_long", limit=MAX_DESCRIPTION)
    if (report.latitude is None) != (report.longitude is None):
        raise InvalidInput("location", "location_half")
    if report.latitude is not None and report.longitude is not None:
        lat, lon = report.latitude, report.longitude
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise InvalidInput("location", "location_off_earth", latitude=lat, longitude=lon)
    if report.intake_key is not None and not 0 < len(report.intake_key) <= 64:
        raise InvalidInput("intake_key", "intake_key_length")
    for name, value, size in (
        ("asset_class", report.asset_class, 5),
        ("asset_code", report.asset_code, 17),
    ):
        if value is not None and not (len(value) == size and value.isascii() and value.isdigit()):
            raise InvalidInput(name, "asset_code_format")
    if report.asset_code is not None and report.asset_code[6:11] != report.asset_class:
        raise InvalidInput("asset_code", "asset_code_format")


def local_day(moment: datetime, catalog: Catalog) -> str:
    """The bureau's local day of `moment`, as ticket numbers carry it (YYYYMMDD)."""
    return moment.astimezone(catalog.timezone).strftime("%Y%m%d")


def full_number(typed: str, *, day: str) -> str:
    """A ticket number as staff type it, written out: '7' or '0007' is number 7 of `day`
    (CG-YYYYMMDD-0007); anything else is taken as a whole number (cg-… → CG-…)."""
    text = typed.strip()
    if text.isascii() and text.isdigit() and 0 < int(text) < 100_000:
        return f"CG-{day}-{int(text):04d}"
    return text.upper()


async def next_public_number(session: AsyncSession, *, day: str) -> str:
    """Hand out the next number of `day` (YYYYMMDD) atomically: CG-YYYYMMDD-NNNN."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(DailyCounter)
        .values(day=day, last_value=1)
        .on_conflict_do_update(
            index_elements=[DailyCounter.day],
            set_={"last_value": DailyCounter.last_value + 1},
        )
        .returning(DailyCounter.last_value)
    )
    value = (await session.execute(statement)).scalar_one()
    return f"CG-{day}-{value:04d}"


async def find_by_intake_key(session: AsyncSession, intake_key: str) -> Ticket | None:
    """The ticket filed from this Telegram message, if any."""
    return (
        await session.execute(select(Ticket).where(Ticket.intake_key == intake_key))
    ).scalar_one_or_none()


async def file_ticket(
    session: AsyncSession,
    env: StoreEnv,
    *,
    report: NewTicket,
    photos: Sequence[StoredImage] = (),
    reply: OwedReply | None = None,
) -> Ticket:
    """Create a submitted ticket with its photos, event, staff notice and, if asked, the
    reply that gives the reporter its number (owed, like any other message)."""
    validate_new_ticket(report, env.catalog)
    now = env.clock()
    category = env.catalog.get(report.category)
    ticket = Ticket(
        number=await next_public_number(session, day=local_day(now, env.catalog)),
        intake_key=report.intake_key,
        category=category.code,
        description=report.description.strip(),
        latitude=report.latitude,
        longitude=report.longitude,
        address=(report.address or "").strip()[:500] or None,
        reporter_id=report.reporter_id,
        reporter_language=report.language,
        priority=report.priority,
        department=category.department,
        status=Status.SUBMITTED.value,
        is_open=True,
        deadline=env.catalog.deadline_for(category.code, now, urgent=report.priority == "urgent"),
        created_at=now,
        updated_at=now,
        also_reported_count=0,
        extension_count=0,
        alert_stage=0,
        asset_class=report.asset_class,
        asset_code=report.asset_code,
    )
    session.add(ticket)
    await session.flush()
    rows = [photo_row(ticket, image, "before", report.reporter_id, now) for image in photos]
    session.add_all(rows)
    actor = Actor(report.reporter_id, Role.REPORTER)
    event = await record_event(session, ticket, actor, Action.FILE, None, now=now)
    # What staff need to act on the post alone: the photo, the words, the place.
    params = ticket_params(ticket, Action.FILE, photo=rows[0] if rows else None)
    place = ticket.address or (
        f"{ticket.latitude:.5f}, {ticket.longitude:.5f}" if ticket.latitude is not None else ""
    )
    params.update(
        description=ticket.description,
        place=place,
        latitude=ticket.latitude,
        longitude=ticket.longitude,
    )
    owe_staff(
        session,
        ticket=ticket,
        event=event,
        message_key="staff.ticket_new",
        params=params,
        now=now,
        language=env.staff_language,
    )
    if reply is not None:
        owe_reply_about(session, ticket, event, Action.FILE, reply, now)
    return ticket


async def get_ticket(session: AsyncSession, number: str, *, for_update: bool = False) -> Ticket:
    """The ticket with this public number, or TicketNotFound."""
    statement = select(Ticket).where(Ticket.number == number.strip().upper())
    if for_update:
        statement = statement.with_for_update()
    ticket = (await session.execute(statement)).scalar_one_or_none()
    if ticket is None:
        raise TicketNotFound(number)
    return ticket


def photo_row(
    ticket: Ticket, image: StoredImage, kind: str, by: int | None, now: datetime
) -> Photo:
    return Photo(
        ticket_id=ticket.id,
        kind=kind,
        sha256=image.sha256,
        path=image.path,
        width=image.width,
        height=image.height,
        size_bytes=image.size_bytes,
        uploaded_by=by,
        created_at=now,
    )


async def record_event(
    session: AsyncSession,
    ticket: Ticket,
    actor: Actor,
    action: Action,
    before: Status | None,
    *,
    now: datetime,
    note: str | None = None,
    data: dict[str, Any] | None = None,
    photo: Photo | None = None,
    role: Role | None = None,
) -> TicketEvent:
    event = TicketEvent(
        ticket_id=ticket.id,
        at=now,
        actor_id=actor.user_id,
        actor_role=(role or actor.role).value,
        action=action.value,
        from_status=before.value if before else None,
        to_status=ticket.status,
        note=note,
        photo_id=photo.id if photo else None,
        data=data or {},
    )
    session.add(event)
    await session.flush()
    return event
