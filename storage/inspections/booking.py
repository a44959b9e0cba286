"""Booking a home gas inspection: the resident's request, the inspector's confirmation of a
slot, and the reminder owed for the day before (an outbox row not due until then)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from storage.db.uow import UnitOfWork
from storage.errors import StoreError
from storage.inspections.models import PERIODS, GasInspector, InspectionRequest
from storage.outbox.models import OutboxMessage
from storage.outbox.replies import OwedReply, reply_message

PERIOD_START = {"morning": time(9, 0), "afternoon": time(14, 0), "evening": time(18, 0)}
"""When each period of the day begins (the bureau's local time)."""
REMIND_AT = time(18, 0)
"""The reminder goes out at 18:00 the day before the visit."""
MAX_DAYS_AHEAD = 14


class InspectionError(StoreError):
    """A move on an inspection that cannot be made; `code` names why for the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        super().__init__(code, **params)


@dataclass(frozen=True, slots=True)
class Booking:
    """A request as the bot shows it."""

    id: int
    resident_id: int
    address: str
    day: date
    period: str
    status: str
    inspector_name: str | None = None
    inspector_badge: str | None = None
    hazard: bool | None = None
    ticket_number: str | None = None


def booking_of(request: InspectionRequest, inspector: GasInspector | None = None) -> Booking:
    """The Booking of a request row (with its inspector, if one is known)."""
    return Booking(
        id=request.id,
        resident_id=request.resident_id,
        address=request.address,
        day=request.day,
        period=request.period,
        status=request.status,
        inspector_name=inspector.name if inspector is not None else None,
        inspector_badge=request.inspector_badge,
        hazard=request.hazard,
        ticket_number=request.ticket_number,
    )


def local_today(uow: UnitOfWork) -> date:
    """Today in the bureau's time zone."""
    return uow.now().astimezone(uow.catalog.timezone).date()


def staff_message(uow: UnitOfWork, key: str, dedupe: str, params: dict[str, Any]) -> OutboxMessage:
    """An outbox row for the staff group, in its language."""
    now = uow.now()
    return OutboxMessage(
        dedupe_key=dedupe,
        recipient="staff",
        chat_id=None,
        language=uow.staff_language,
        message_key=key,
        params=params,
        created_at=now,
        next_attempt_at=now,
    )


def params_of(request: InspectionRequest) -> dict[str, Any]:
    """What every inspection message may show."""
    return {
        "id": request.id,
        "address": request.address,
        "day": request.day.isoformat(),
        "period": request.period,
    }


async def request_inspection(
    uow: UnitOfWork,
    *,
    resident_id: int,
    chat_id: int,
    language: str,
    address: str,
    day: date,
    period: str,
    intake_key: str,
    reply: OwedReply,
) -> Booking:
    """Book a visit (once per intake key), owing the resident `reply` and staff a notice."""
    session = uow.session
    found = await session.scalar(
        select(InspectionRequest).where(InspectionRequest.intake_key == intake_key)
    )
    if found is not None:
        return booking_of(found)
    today = local_today(uow)
    if period not in PERIODS:
        raise InspectionError("period_unknown", period=period)
    if not today < day <= today + timedelta(days=MAX_DAYS_AHEAD):
        raise InspectionError("day_out_of_range", day=day.isoformat())
    if not address.strip():
        raise InspectionError("address_missing")
    request = InspectionRequest(
        intake_key=intake_key,
        resident_id=resident_id,
        chat_id=chat_id,
        language=language,
        address=address.strip()[:500],
        day=day,
        period=period,
        status="requested",
        created_at=uow.now(),
    )
    session.add(request)
    await session.flush()
    params = params_of(request)
    session.add(reply_message(reply, params=params, now=uow.now()))
    dedupe = f"inspection:{request.id}:new"
    session.add(staff_message(uow, "inspection.staff_new", dedupe, params))
    return booking_of(request)


async def list_requests(uow: UnitOfWork, *, status: str, badge: str | None = None) -> list[Booking]:
    """The requests in `status` (of one inspector's, with `badge`), soonest first."""
    chosen = select(InspectionRequest).where(InspectionRequest.status == status)
    if badge is not None:
        chosen = chosen.where(InspectionRequest.inspector_badge == badge)
    chosen = chosen.order_by(InspectionRequest.day, InspectionRequest.id).limit(50)
    return [booking_of(r) for r in (await uow.session.scalars(chosen)).all()]


async def inspector_of(uow: UnitOfWork, *, user_id: int) -> GasInspector:
    """The active inspector with this Telegram id, or InspectionError no_badge."""
    inspector = await uow.session.scalar(
        select(GasInspector).where(GasInspector.user_id == user_id, GasInspector.active)
    )
    if inspector is None:
        raise InspectionError("no_badge")
    return inspector


async def confirm_visit(
    uow: UnitOfWork, *, request_id: int, by_user_id: int, reply: OwedReply
) -> Booking:
    """The inspector takes the request at its preferred slot: the resident is told (and
    reminded at 18:00 the day before), the inspector owed `reply`."""
    inspector = await inspector_of(uow, user_id=by_user_id)
    request = await uow.session.get(InspectionRequest, request_id)
    if request is None:
        raise InspectionError("not_found", id=request_id)
    if request.status != "requested":
        raise InspectionError("not_requested", id=request_id)
    zone = uow.catalog.timezone
    request.status = "confirmed"
    request.inspector_badge = inspector.badge
    request.slot_start = datetime.combine(request.day, PERIOD_START[request.period], zone)
    request.confirmed_at = now = uow.now()
    params = {**params_of(request), "name": inspector.name, "badge": inspector.badge}
    session = uow.session
    session.add(reply_message(reply, params=params, now=now))
    told = OwedReply(
        request.chat_id, request.language, "inspection.confirmed", f"insp:{request.id}:c"
    )
    session.add(reply_message(told, params=params, now=now))
    remind_at = datetime.combine(request.day - timedelta(days=1), REMIND_AT, zone)
    if remind_at > now:  # booked for tomorrow after 18:00: the confirmation is the reminder
        due = OwedReply(
            request.chat_id, request.language, "inspection.reminder", f"insp:{request.id}:r"
        )
        row = reply_message(due, params=params, now=now)
        row.next_attempt_at = remind_at
        session.add(row)
    return booking_of(request, inspector)
