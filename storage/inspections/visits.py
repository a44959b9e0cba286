"""After the visit: the inspector records the result; a hazard opens a 燃气安全 ticket, filed
by the one intake service in the same unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.db.uow import UnitOfWork
from storage.inspections.booking import (
    Booking,
    InspectionError,
    booking_of,
    inspector_of,
    params_of,
)
from storage.inspections.models import InspectionRequest
from storage.outbox.replies import OwedReply, reply_message
from storage.tickets.intake import Triage, file_report
from storage.tickets.intake_draft import ReportDraft
from storage.tickets.photos import StoredImage


@dataclass(frozen=True, slots=True)
class Hazard:
    """What the inspector found: their words and photos."""

    note: str
    photos: Sequence[StoredImage] = ()


async def record_result(
    uow: UnitOfWork,
    *,
    request_id: int,
    by_user_id: int,
    hazard: Hazard | None,
    triage: Triage,
    reply: OwedReply,
) -> Booking:
    """Close the visit as done (no hazard, or `hazard`, which files a 燃气安全 ticket for the
    resident's address); the inspector is owed `reply`, the resident the result."""
    inspector = await inspector_of(uow, user_id=by_user_id)
    request = await uow.session.get(InspectionRequest, request_id)
    if request is None or request.inspector_badge != inspector.badge:
        raise InspectionError("not_found", id=request_id)
    if request.status != "confirmed":
        raise InspectionError("not_confirmed", id=request_id)
    request.status = "done"
    request.done_at = now = uow.now()
    request.hazard = hazard is not None
    params = {**params_of(request), "name": inspector.name, "badge": inspector.badge}
    if hazard is not None:
        request.result_note = hazard.note[:2000]
        draft = ReportDraft(
            intake_key=f"insp:{request.id}",
            reporter_id=request.resident_id,
            language=request.language,
            started=now.isoformat(),
            photos=tuple(hazard.photos),
            caption=hazard.note[:2000],
            address=request.address,
            category=uow.catalog.emergency_category,
        )
        told = OwedReply(
            request.chat_id, request.language, "inspection.done_hazard", f"insp:{request.id}:d"
        )
        filed = await file_report(uow, draft=draft, suggest=triage, reply=told)
        request.ticket_number = filed.number
        params["number"] = filed.number
    else:
        told = OwedReply(
            request.chat_id, request.language, "inspection.done_ok", f"insp:{request.id}:d"
        )
        uow.session.add(reply_message(told, params=params, now=now))
    uow.session.add(reply_message(reply, params=params, now=now))
    return booking_of(request, inspector)
