"""The store applies the lifecycle: events, outbox, permissions, illegal moves, idempotency."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import (
    Action,
    IllegalTransition,
    InvalidInput,
    PermissionDenied,
    Status,
    Store,
)
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups, remarks, service
from storage.tickets.lifecycle import TRANSITIONS
from storage.tickets.models import Ticket
from tests.conftest import FakeClock
from tests.integration.store_helpers import (
    ADMIN,
    DISPATCHER,
    NEIGHBOUR,
    OTHER_WORKER,
    REPORTER,
    WORKER,
    file,
    jpeg,
    report,
    walk_to,
)
from tests.store_calls import file_ticket, read, run

MOVES: dict[Action, Callable[..., Awaitable[Ticket]]] = {
    Action.ACCEPT: service.accept,
    Action.REJECT: service.reject,
    Action.MERGE: service.merge,
    Action.DISPATCH: service.dispatch,
    Action.START: service.start,
    Action.EXTEND: service.extend,
    Action.RESOLVE: service.resolve,
    Action.VERIFY: service.verify,
    Action.REWORK: service.rework,
    Action.RATE: service.rate,
}
"""Each lifecycle move's service function."""
ANY_ARGUMENTS: dict[Action, dict[str, object]] = {
    Action.REJECT: {"reason": "x"},
    Action.MERGE: {"into": "CG-1"},
    Action.DISPATCH: {"department": "gas"},
    Action.EXTEND: {"reason": "x"},
    Action.RESOLVE: {"note": "x", "photo": None},
    Action.REWORK: {"reason": "x"},
}
"""Arguments each move accepts, for moves the lifecycle refuses before looking at them."""


async def outbox_rows(store: Store) -> list[OutboxMessage]:
    async with store.reading() as session:
        return list(
            (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        )


async def test_filing_gives_a_public_number_deadline_and_staff_notice(
    store: Store, clock: FakeClock
) -> None:
    photo = store.photos.put(jpeg())
    ticket = await file_ticket(store, report(), photos=[photo])
    assert ticket.number == "CG-20261123-0001"
    assert ticket.status == Status.SUBMITTED
    assert ticket.department == "sanitation"
    assert ticket.deadline == clock.now + timedelta(hours=24)
    detail = await read(store, lookups.get_detail, number=ticket.number)
    assert [p.kind for p in detail.photos] == ["before"]
    assert [(e.action, e.from_status, e.to_status) for e in detail.events] == [
        ("file", None, "submitted")
    ]
    [notice] = await outbox_rows(store)
    assert (notice.recipient, notice.message_key) == ("staff", "staff.ticket_new")
    assert notice.params["number"] == ticket.number


async def test_numbers_count_per_local_day(store: Store, clock: FakeClock) -> None:
    assert await file(store) == "CG-20261123-0001"
    assert await file(store) == "CG-20261123-0002"
    clock.advance(hours=14)  # 00:00 on Tuesday in Guangzhou, still Monday in UTC
    assert await file(store) == "CG-20261124-0001"


async def test_full_lifecycle_writes_an_event_and_tells_the_reporter_each_step(
    store: Store,
) -> None:
    number = await file(store)
    await run(store, remarks.join, number=number, by=NEIGHBOUR, language="en")
    await walk_to(store, number, Status.CLOSED)
    await run(store, service.rate, number=number, by=REPORTER, rating=5)
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.ticket.status == Status.CLOSED
    assert detail.ticket.rating == 5
    assert detail.ticket.close_seconds is not None
    assert [e.action for e in detail.events] == [
        "file",
        "join",
        "accept",
        "dispatch",
        "start",
        "resolve",
        "verify",
        "rate",
    ]
    assert [p.kind for p in detail.photos] == ["after"]
    owed = [
        (m.chat_id, m.message_key, m.language)
        for m in await outbox_rows(store)
        if m.recipient == "user"
    ]
    for step in ("accept", "dispatch", "start", "resolve", "verify"):
        assert (REPORTER.user_id, f"ticket.{step}", "zh") in owed
        # A follower hears of the resolution, but only the reporter is asked to rate.
        followed = "resolve_followed" if step == "resolve" else step
        assert (NEIGHBOUR.user_id, f"ticket.{followed}", "en") in owed
    assert len(owed) == 10  # exactly once each, no message for the rating itself


@pytest.mark.parametrize("start", [s for s in Status])
async def test_every_forbidden_move_is_refused_and_changes_nothing(
    store: Store, start: Status
) -> None:
    number = await file(store)
    await walk_to(store, number, start)
    before = await read(store, lookups.get_detail, number=number)
    for action in (
        Action.ACCEPT,
        Action.REJECT,
        Action.MERGE,
        Action.DISPATCH,
        Action.START,
        Action.EXTEND,
        Action.RESOLVE,
        Action.VERIFY,
        Action.REWORK,
    ):
        if (start, action) in TRANSITIONS:
            continue
        with pytest.raises(IllegalTransition) as caught:
            await run(
                store, MOVES[action], number=number, by=ADMIN, **ANY_ARGUMENTS.get(action, {})
            )
        assert caught.value.status == start
    after = await read(store, lookups.get_detail, number=number)
    assert after.ticket.status == before.ticket.status
    assert len(after.events) == len(before.events)


@pytest.mark.parametrize(("start", "action"), sorted(TRANSITIONS, key=str))
async def test_every_allowed_move_through_the_store(
    store: Store, start: Status, action: Action
) -> None:
    number = await file(store)
    await walk_to(store, number, start)
    target = TRANSITIONS[(start, action)][0]
    actor = {
        Action.START: WORKER,
        Action.EXTEND: WORKER,
        Action.RESOLVE: WORKER,
        Action.RATE: REPORTER,
    }.get(action, DISPATCHER)
    kwargs: dict[str, object] = {
        Action.REJECT: {"reason": "非本局职责"},
        Action.MERGE: {"into": await file(store, description="先报的")},
        Action.DISPATCH: {"department": "sanitation"},
        Action.EXTEND: {"reason": "等待配件", "days": 2},
        Action.RESOLVE: {"note": "已修复", "photo": store.photos.put(jpeg((9, 9, 9)))},
        Action.REWORK: {"reason": "还是很脏"},
        Action.RATE: {"rating": 4},
    }.get(action, {})
    ticket = await run(store, MOVES[action], number=number, by=actor, **kwargs)
    assert ticket.status == target
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.events[-1].action == action.value
    assert detail.events[-1].from_status == start.value


async def test_permissions_are_enforced_by_the_store(store: Store) -> None:
    number = await file(store)
    with pytest.raises(PermissionDenied):
        await run(store, service.accept, number=number, by=REPORTER)
    with pytest.raises(PermissionDenied):
        await run(store, service.accept, number=number, by=WORKER)
    await walk_to(store, number, Status.DISPATCHED)  # assigned to WORKER
    with pytest.raises(PermissionDenied, match="someone else"):
        await run(store, service.start, number=number, by=OTHER_WORKER)
    await run(store, service.start, number=number, by=WORKER)
    await run(
        store,
        service.resolve,
        number=number,
        by=WORKER,
        note="好了",
        photo=store.photos.put(jpeg()),
    )
    with pytest.raises(PermissionDenied, match="reporter"):
        await run(store, service.rate, number=number, by=NEIGHBOUR, rating=1)
    with pytest.raises(PermissionDenied):
        await run(store, service.rate, number=number, by=DISPATCHER, rating=5)
    with pytest.raises(PermissionDenied):
        await run(store, remarks.add_note, number=number, by=REPORTER, text="我能写内部备注吗")


async def test_required_values_are_checked(store: Store) -> None:
    number = await file(store)
    with pytest.raises(InvalidInput, match="reason"):
        await run(store, service.reject, number=number, by=DISPATCHER, reason="  ")
    with pytest.raises(InvalidInput, match="into"):
        await run(store, service.merge, number=number, by=DISPATCHER, into=number)
    await run(store, service.accept, number=number, by=DISPATCHER)
    with pytest.raises(InvalidInput, match="department"):
        await run(store, service.dispatch, number=number, by=DISPATCHER, department="police")
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
    with pytest.raises(InvalidInput, match="deadline"):
        await run(store, service.extend, number=number, by=WORKER, reason="等", days=-1)
    await run(store, service.start, number=number, by=WORKER)
    with pytest.raises(InvalidInput, match="photo"):
        await run(store, service.resolve, number=number, by=WORKER, note="好了", photo=None)
    photo = store.photos.put(jpeg())
    await run(store, service.resolve, number=number, by=WORKER, note="好了", photo=photo)
    for bad in (0, 6, -1):
        with pytest.raises(InvalidInput, match="rating"):
            await run(store, service.rate, number=number, by=REPORTER, rating=bad)
    await run(store, service.rate, number=number, by=REPORTER, rating=2)
    with pytest.raises(InvalidInput, match="already"):
        await run(store, service.rate, number=number, by=REPORTER, rating=5)
