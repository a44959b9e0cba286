"""Helpers for store tests: actors, a tiny real JPEG, and walking a ticket to a status."""

from __future__ import annotations

import io

from PIL import Image

from storage import Action, Actor, NewTicket, Role, Status, Store

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
    ticket, _ = await store.file_ticket(report(**overrides))
    return ticket.number


PATH_TO: dict[Status, list[tuple[Action, Actor, dict[str, object]]]] = {}


async def walk_to(store: Store, number: str, target: Status) -> None:
    """Make the moves that take a fresh ticket to `target`."""
    steps: list[tuple[Action, Actor, dict[str, object]]] = []
    if target == Status.REJECTED:
        steps = [(Action.REJECT, DISPATCHER, {"note": "不属于城管职责"})]
    elif target == Status.DUPLICATE:
        other = await file(store, description="另一个")
        steps = [(Action.MERGE, DISPATCHER, {"into": other})]
    else:
        order = [
            Status.ACCEPTED,
            Status.DISPATCHED,
            Status.IN_PROGRESS,
            Status.RESOLVED,
            Status.CLOSED,
        ]
        moves: list[tuple[Action, Actor, dict[str, object]]] = [
            (Action.ACCEPT, DISPATCHER, {}),
            (Action.DISPATCH, DISPATCHER, {"assignee_id": WORKER.user_id}),
            (Action.START, WORKER, {}),
            (
                Action.RESOLVE,
                WORKER,
                {"note": "已清运", "photo": store.save_photo(jpeg((1, 2, 3)))},
            ),
            (Action.VERIFY, DISPATCHER, {}),
        ]
        if target != Status.SUBMITTED:
            steps = moves[: order.index(target) + 1]
    for action, actor, kwargs in steps:
        await store.act(number, action, actor, **kwargs)  # type: ignore[arg-type]
