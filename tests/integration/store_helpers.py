"""Helpers for store tests: actors, a tiny real JPEG, and walking a ticket to a status."""

from __future__ import annotations

import io

from PIL import Image

from storage import Actor, NewTicket, Role, Status, Store
from storage.tickets import service
from tests.store_calls import file_ticket, run

REPORTER = Actor(1001, Role.RESIDENT)
NEIGHBOUR = Actor(1002, Role.RESIDENT)
DISPATCHER = Actor(2001, Role.DISPATCHER)
WORKER = Actor(3001, Role.FIELD_WORKER)
OTHER_WORKER = Actor(3002, Role.FIELD_WORKER)
ADMIN = Actor(4001, Role.ADMIN)


def jpeg(color: tuple[int, int, int] = (10, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, format="JPEG")
    return out.getvalue()


def report(**overrides: object) -> NewTicket:
    fields: dict[str, object] = {
        "category": "sanitation",
        "description": "垃圾桶满了，溢出到人行道",
        "latitude": 23.1291,
        "longitude": 113.2644,
        "reporter_id": REPORTER.user_id,
        "language": "zh",
    }
    fields.update(overrides)
    return NewTicket(**fields)  # type: ignore[arg-type]


async def file(store: Store, **overrides: object) -> str:
    ticket = await file_ticket(store, report(**overrides))
    return ticket.number


async def walk_to(store: Store, number: str, target: Status) -> None:
    """Make the moves that take a fresh ticket to `target`, one unit of work each."""
    if target == Status.REJECTED:
        await run(store, service.reject, number=number, by=DISPATCHER, reason="不属于城管职责")
        return
    if target == Status.DUPLICATE:
        other = await file(store, description="另一个")
        await run(store, service.merge, number=number, into=other, by=DISPATCHER)
        return
    if target == Status.SUBMITTED:
        return
    await run(store, service.accept, number=number, by=DISPATCHER)
    if target == Status.ACCEPTED:
        return
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
    if target == Status.DISPATCHED:
        return
    await run(store, service.start, number=number, by=WORKER)
    if target == Status.IN_PROGRESS:
        return
    photo = store.photos.put(jpeg((1, 2, 3)))
    await run(store, service.resolve, number=number, by=WORKER, note="已清运", photo=photo)
    if target == Status.RESOLVED:
        return
    await run(store, service.verify, number=number, by=DISPATCHER)
