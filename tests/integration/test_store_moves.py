"""Moves beyond the lifecycle table: merging, joining, extending, rework, replies, atomicity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import (
    PermissionDenied,
    Status,
    Store,
)
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups, remarks, service
from storage.tickets.models import Ticket, TicketEvent
from tests.integration.store_helpers import (
    DISPATCHER,
    NEIGHBOUR,
    REPORTER,
    WORKER,
    file,
    walk_to,
)
from tests.store_calls import read, run


async def outbox_rows(store: Store) -> list[OutboxMessage]:
    async with store.reading() as session:
        return list(
            (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        )


async def test_merge_counts_and_makes_the_reporter_a_follower(store: Store) -> None:
    original = await file(store, reporter_id=NEIGHBOUR.user_id)
    later = await file(store)
    await run(store, service.merge, number=later, by=DISPATCHER, into=original)
    target = await read(store, lookups.get_detail, number=original)
    assert target.ticket.also_reported_count == 1
    assert target.followers == 1
    merged = await read(store, lookups.get_detail, number=later)
    assert merged.ticket.status == Status.DUPLICATE
    assert merged.ticket.duplicate_of_id == target.ticket.id
    page = await read(store, lookups.list_reporter_tickets, reporter_id=REPORTER.user_id)  # type: ignore[arg-type]
    assert {t.number for t in page.tickets} == {original, later}


async def test_joining_twice_counts_once(store: Store) -> None:
    number = await file(store)
    _, changed = await run(store, remarks.join, number=number, by=NEIGHBOUR, language="zh")
    _, changed_again = await run(store, remarks.join, number=number, by=NEIGHBOUR, language="zh")
    assert changed and not changed_again
    assert (await read(store, lookups.get_detail, number=number)).ticket.also_reported_count == 1
    with pytest.raises(PermissionDenied):
        await run(
            store, remarks.join, number=number, by=REPORTER, language="zh"
        )  # the reporter follows already


async def test_extension_is_logged_and_moves_the_deadline(store: Store) -> None:
    number = await file(store)
    await walk_to(store, number, Status.IN_PROGRESS)
    before = (await read(store, lookups.get_detail, number=number)).ticket.deadline
    await run(store, service.extend, number=number, by=WORKER, reason="等待配件", days=3)
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.ticket.deadline == before + timedelta(days=3)
    assert detail.ticket.extension_count == 1
    assert detail.events[-1].data["old_deadline"] == before.isoformat()
    assert detail.events[-1].note == "等待配件"


async def test_rework_by_reporter_reopens_and_tells_staff(store: Store) -> None:
    number = await file(store)
    await walk_to(store, number, Status.RESOLVED)
    await run(store, service.rework, number=number, by=REPORTER, reason="垃圾还在")
    ticket = (await read(store, lookups.get_detail, number=number)).ticket
    assert ticket.status == Status.DISPATCHED and ticket.is_open
    assert ticket.resolved_at is None
    staff = [m.message_key for m in await outbox_rows(store) if m.recipient == "staff"]
    assert "staff.ticket_rework" in staff


async def test_reply_reaches_the_reporter_and_notes_stay_internal(store: Store) -> None:
    number = await file(store)
    await run(store, remarks.add_note, number=number, by=DISPATCHER, text="内部：先联系物业")
    await run(
        store, remarks.answer_reporter, number=number, by=DISPATCHER, text="您好，已联系物业处理"
    )
    user_messages = [m for m in await outbox_rows(store) if m.recipient == "user"]
    assert [(m.message_key, m.params["note"]) for m in user_messages] == [
        ("ticket.reply", "您好，已联系物业处理")
    ]


async def test_a_failed_unit_of_work_leaves_no_half_change(store: Store) -> None:
    number = await file(store)
    with pytest.raises(RuntimeError):
        async with store.unit_of_work() as uow:
            session = uow.session
            ticket = (
                await session.execute(select(Ticket).where(Ticket.number == number))
            ).scalar_one()
            ticket.status = Status.ACCEPTED.value
            session.add(
                TicketEvent(
                    ticket_id=ticket.id,
                    at=ticket.created_at,
                    actor_role="admin",
                    action="accept",
                    to_status="accepted",
                    data={},
                )
            )
            await session.flush()
            raise RuntimeError("crash between the change and the commit")
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.ticket.status == Status.SUBMITTED
    assert [e.action for e in detail.events] == ["file"]
