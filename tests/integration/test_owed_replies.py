"""Replies that report a committed change are owed in the change's own transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage import Status, Store, UnknownCategory
from storage.errors import IllegalTransition
from storage.outbox import OwedReply
from storage.outbox import service as outbox
from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL, PRIORITY_URGENT
from storage.tickets import remarks, service
from storage.tickets.models import TicketEvent
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, report, walk_to
from tests.store_calls import file_ticket, run


async def _replies(store: Store) -> list[OutboxMessage]:
    async with store.reading() as session:
        rows = await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.dedupe_key.like("reply:%"))
            .order_by(OutboxMessage.id)
        )
        return list(rows.scalars())


async def _events(store: Store) -> int:
    async with store.reading() as session:
        return int((await session.execute(select(func.count(TicketEvent.id)))).scalar_one())


def _filed_reply(intake_key: str = "tg:1001:7") -> OwedReply:
    return OwedReply(1001, "en", "report.filed", origin=f"file:{intake_key}")


async def test_filing_owes_the_number_with_what_the_ticket_shows(store: Store) -> None:
    # Owed once however often the filing is redone: tests/integration/storage/test_intake.py.
    ticket = await file_ticket(
        store, report(intake_key="tg:1001:7", language="en"), reply=_filed_reply()
    )
    [owed] = await _replies(store)
    assert (owed.chat_id, owed.language, owed.message_key) == (1001, "en", "report.filed")
    assert owed.params["number"] == ticket.number
    assert owed.params["department"] == ticket.department
    assert owed.params["deadline"] == ticket.deadline.isoformat()
    assert owed.priority == PRIORITY_NORMAL
    claimed = {m.message_key for m in await run(store, outbox.claim_due)}
    assert claimed == {"report.filed", "staff.ticket_new"}


async def test_an_urgent_ticket_s_number_is_urgent_too(store: Store) -> None:
    await file_ticket(
        store,
        report(category="gas", priority="urgent", intake_key="tg:1001:8"),
        reply=OwedReply(1001, "zh", "emergency.filed", origin="file:tg:1001:8"),
    )
    [owed] = await _replies(store)
    assert owed.priority == PRIORITY_URGENT


async def test_a_failed_filing_owes_nothing(store: Store) -> None:
    with pytest.raises(UnknownCategory):
        await file_ticket(store, report(category="no-such-category"), reply=_filed_reply())
    assert await _replies(store) == []


async def test_a_staff_move_owes_its_confirmation_and_a_redo_changes_nothing(
    store: Store,
) -> None:
    ticket = await file_ticket(store, report())
    confirm = OwedReply(-100200, "zh", "staff.done", origin="tg:-100200:55")
    await run(store, service.accept, number=ticket.number, by=DISPATCHER, reply=confirm)
    events = await _events(store)
    redone = await run(store, service.accept, number=ticket.number, by=DISPATCHER, reply=confirm)
    assert redone.status == Status.ACCEPTED.value
    assert await _events(store) == events
    [owed] = await _replies(store)
    assert (owed.chat_id, owed.message_key) == (-100200, "staff.done")
    assert (owed.params["action"], owed.params["status"]) == ("accept", "accepted")
    # A new command (another message) is a new move, refused as the lifecycle says.
    with pytest.raises(IllegalTransition):
        await run(
            store,
            service.accept,
            number=ticket.number,
            by=DISPATCHER,
            reply=OwedReply(-100200, "zh", "staff.done", origin="tg:-100200:56"),
        )


async def test_an_illegal_move_owes_no_confirmation(store: Store) -> None:
    ticket = await file_ticket(store, report())
    await walk_to(store, ticket.number, Status.REJECTED)
    with pytest.raises(IllegalTransition):
        await run(
            store,
            service.accept,
            number=ticket.number,
            by=DISPATCHER,
            reply=OwedReply(9002, "zh", "staff.done", origin="cq:1"),
        )
    assert await _replies(store) == []


async def test_joining_owes_the_count_and_joining_again_owes_nothing(store: Store) -> None:
    ticket = await file_ticket(store, report())
    first = OwedReply(1002, "en", "report.joined", origin="cq:11")
    _, changed = await run(
        store, remarks.join, number=ticket.number, by=NEIGHBOUR, language="en", reply=first
    )
    second = OwedReply(1002, "en", "report.joined", origin="cq:12")
    _, changed_again = await run(
        store, remarks.join, number=ticket.number, by=NEIGHBOUR, language="en", reply=second
    )
    assert changed and not changed_again
    [owed] = await _replies(store)
    assert owed.params["count"] == 2 and owed.message_key == "report.joined"


async def test_a_comment_owes_its_receipt(store: Store) -> None:
    ticket = await file_ticket(store, report())
    saved = OwedReply(1001, "zh", "my.comment_saved", origin="tg:1001:90")
    await run(store, remarks.comment, number=ticket.number, by=REPORTER, note="又满了", reply=saved)
    [owed] = await _replies(store)
    assert owed.params["number"] == ticket.number and owed.message_key == "my.comment_saved"
