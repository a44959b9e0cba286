"""The tickets' service functions on the real database, each in a unit of work: the moves a
work order goes through, what each leaves behind, and all-or-nothing within one unit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storage import IllegalTransition, InvalidInput, PermissionDenied, Status, Store
from storage.errors import MergeMismatch, UrgentMerge
from storage.outbox import OwedReply
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups, remarks, service
from storage.tickets.models import Ticket
from tests.conftest import FakeClock
from tests.integration.store_helpers import (
    DISPATCHER,
    NEIGHBOUR,
    OTHER_WORKER,
    REPORTER,
    WORKER,
    file,
    jpeg,
)
from tests.store_calls import read


async def _ticket(store: Store, number: str) -> Ticket:
    return (await read(store, lookups.get_detail, number=number)).ticket


async def _owed(store: Store) -> int:
    async with store.unit_of_work(read_only=True) as uow:
        return (await uow.session.execute(select(func.count(OutboxMessage.id)))).scalar_one()


async def test_a_ticket_goes_from_accepted_to_rated(store: Store, clock: FakeClock) -> None:
    number = await file(store)
    async with store.unit_of_work() as uow:
        await service.accept(uow, number=number, by=DISPATCHER)
    async with store.unit_of_work() as uow:
        await service.dispatch(
            uow, number=number, by=DISPATCHER, department="sanitation", assignee_id=WORKER.user_id
        )
    async with store.unit_of_work() as uow:
        with pytest.raises(PermissionDenied):  # someone else's ticket
            await service.start(uow, number=number, by=OTHER_WORKER)
    async with store.unit_of_work() as uow:
        await service.start(uow, number=number, by=WORKER)
    clock.advance(hours=30)  # past the 24 h deadline
    async with store.unit_of_work() as uow:
        with pytest.raises(InvalidInput, match="photo"):
            await service.resolve(uow, number=number, by=WORKER, note="已清运", photo=None)
    async with store.unit_of_work() as uow:
        photo = uow.photos.put(jpeg())
        await service.resolve(uow, number=number, by=WORKER, note="已清运", photo=photo)
    async with store.unit_of_work() as uow:
        await service.verify(uow, number=number, by=DISPATCHER)
    async with store.unit_of_work() as uow:
        rated = await service.rate(uow, number=number, by=REPORTER, rating=4)

    assert rated.status == Status.CLOSED and rated.rating == 4
    assert rated.resolved_late is True
    assert rated.close_seconds == timedelta(hours=30).total_seconds()
    detail = await read(store, lookups.get_detail, number=number)
    assert [e.action for e in detail.events] == [
        "file",
        "accept",
        "dispatch",
        "start",
        "resolve",
        "verify",
        "rate",
    ]
    assert [p.kind for p in detail.photos] == ["after"]


async def test_a_rejection_needs_a_reason_and_ends_the_ticket(store: Store) -> None:
    number = await file(store)
    async with store.unit_of_work() as uow:
        with pytest.raises(InvalidInput, match="reason"):
            await service.reject(uow, number=number, by=DISPATCHER, reason="  ")
    async with store.unit_of_work() as uow:
        await service.reject(uow, number=number, by=DISPATCHER, reason="不属于城管职责")
    async with store.unit_of_work() as uow:
        with pytest.raises(IllegalTransition):
            await service.accept(uow, number=number, by=DISPATCHER)

    ticket = await _ticket(store, number)
    assert ticket.status == Status.REJECTED and not ticket.is_open


async def test_merging_makes_the_reporter_follow_the_other_ticket(store: Store) -> None:
    kept = await file(store, reporter_id=NEIGHBOUR.user_id)
    merged = await file(store)
    async with store.unit_of_work() as uow:
        await service.merge(uow, number=merged, into=kept, by=DISPATCHER)

    assert (await _ticket(store, merged)).status == Status.DUPLICATE
    assert (await _ticket(store, kept)).also_reported_count == 1
    assert (
        await read(store, lookups.find_standing, number=kept, user_id=REPORTER.user_id) is not None
    )


async def test_an_unlike_ticket_far_away_merges_only_when_forced_and_the_target_records_it(
    store: Store,
) -> None:
    kept = await file(store)
    trees = await file(store, category="greening", latitude=23.1471)  # 2 km north
    async with store.unit_of_work() as uow:
        with pytest.raises(MergeMismatch) as refused:
            await service.merge(uow, number=trees, into=kept, by=DISPATCHER)
    assert refused.value.differences == ["category", "distance"]
    assert refused.value.distance_m is not None and 1900 < refused.value.distance_m < 2100
    assert (await _ticket(store, trees)).status == Status.SUBMITTED
    assert (await _ticket(store, kept)).also_reported_count == 0

    async with store.unit_of_work() as uow:
        await service.merge(uow, number=trees, into=kept, by=DISPATCHER, force=True)
    assert (await _ticket(store, trees)).status == Status.DUPLICATE
    target = await read(store, lookups.get_detail, number=kept)
    assert target.ticket.also_reported_count == 1
    assert [(e.action, e.data, e.to_status) for e in target.events][-1] == (
        "merged_in",
        {"from": trees},
        "submitted",
    )
    async with store.unit_of_work(read_only=True) as uow:
        news = await uow.session.execute(
            select(OutboxMessage.params).where(OutboxMessage.message_key == "ticket.merge")
        )
        [params] = news.scalars().all()
    assert params["number"] == trees and params["into"] == kept, "the reporter hears the target"


async def test_an_urgent_ticket_is_never_merged_into_an_ordinary_one(store: Store) -> None:
    kept = await file(store)
    gas = await file(store, category="gas", priority="urgent")
    for force in (False, True):
        async with store.unit_of_work() as uow:
            with pytest.raises(UrgentMerge):
                await service.merge(uow, number=gas, into=kept, by=DISPATCHER, force=force)
    assert (await _ticket(store, gas)).status == Status.SUBMITTED
    assert (await _ticket(store, kept)).also_reported_count == 0


async def test_extending_by_days_and_rework_restarting_the_clock(
    store: Store, clock: FakeClock
) -> None:
    number = await file(store)
    first = await _ticket(store, number)
    async with store.unit_of_work() as uow:
        await service.accept(uow, number=number, by=DISPATCHER)
        await service.dispatch(uow, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
        extended = await service.extend(uow, number=number, by=WORKER, reason="等配件", days=3)
    assert extended.deadline == first.deadline + timedelta(days=3)
    assert extended.extension_count == 1
    async with store.unit_of_work() as uow:
        await service.start(uow, number=number, by=WORKER)
        await service.resolve(
            uow, number=number, by=WORKER, note="已修", photo=uow.photos.put(jpeg())
        )
    clock.advance(days=1)
    async with store.unit_of_work() as uow:
        reworked = await service.rework(uow, number=number, by=REPORTER, reason="还是满的")

    assert reworked.status == Status.DISPATCHED
    assert reworked.resolved_at is None
    assert reworked.deadline == clock.now + timedelta(hours=24)


async def test_moves_in_one_unit_of_work_stand_or_fall_together(store: Store) -> None:
    number = await file(store)
    owed_before = await _owed(store)
    with pytest.raises(IllegalTransition):
        async with store.unit_of_work() as uow:
            await service.accept(uow, number=number, by=DISPATCHER)
            await service.verify(uow, number=number, by=DISPATCHER)  # not resolved

    ticket = await _ticket(store, number)
    assert ticket.status == Status.SUBMITTED
    assert [e.action for e in (await read(store, lookups.get_detail, number=number)).events] == [
        "file"
    ]
    assert await _owed(store) == owed_before  # no news of the undone acceptance


async def test_a_redone_move_is_not_made_twice(store: Store) -> None:
    number = await file(store)
    done = OwedReply(-100200, "zh", "staff.done", origin="tg:-100200:7")
    async with store.unit_of_work() as uow:
        await service.accept(uow, number=number, by=DISPATCHER, reply=done)
    owed = await _owed(store)
    async with store.unit_of_work() as uow:  # the same update, handled again after a crash
        again = await service.accept(uow, number=number, by=DISPATCHER, reply=done)

    assert again.status == Status.ACCEPTED
    assert await _owed(store) == owed
    assert [e.action for e in (await read(store, lookups.get_detail, number=number)).events] == [
        "file",
        "accept",
    ]


async def test_remarks_keep_the_status(store: Store) -> None:
    number = await file(store)
    async with store.unit_of_work() as uow:
        await service.accept(uow, number=number, by=DISPATCHER)
        claimed = await remarks.assign(uow, number=number, by=WORKER)
        await remarks.add_note(uow, number=number, by=DISPATCHER, text="注意安全")
        await remarks.answer_reporter(uow, number=number, by=DISPATCHER, text="已收到")
        _, joined = await remarks.join(uow, number=number, by=NEIGHBOUR, language="en")
        _, again = await remarks.join(uow, number=number, by=NEIGHBOUR, language="en")
        await remarks.comment(
            uow,
            number=number,
            by=REPORTER,
            note="又多了两袋",
            photos=[uow.photos.put(jpeg()), uow.photos.put(jpeg((9, 9, 9)))],
        )

    assert claimed.assignee_id == WORKER.user_id
    assert (joined, again) == (True, False)
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.ticket.status == Status.ACCEPTED
    assert detail.ticket.also_reported_count == 1
    assert [e.action for e in detail.events] == [
        "file",
        "accept",
        "assign",
        "note",
        "reply",
        "join",
        "comment",
        "comment",
    ]
    assert [e.note for e in detail.events][-2:] == ["又多了两袋", ""]
    assert [p.kind for p in detail.photos] == ["comment", "comment"]
