"""Filing through the store: a bad report is refused whole, a redelivery makes no second
ticket, concurrent filings get distinct numbers."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from storage import Action, InvalidInput, Store, TicketNotFound, UnknownCategory
from storage.outbox.models import OutboxMessage
from storage.tickets.models import Ticket
from tests.integration.store_helpers import DISPATCHER, file, report


async def test_bad_reports_are_refused(store: Store) -> None:
    with pytest.raises(UnknownCategory):
        await store.file_ticket(report(category="parking"))
    with pytest.raises(InvalidInput, match="location"):
        await store.file_ticket(report(latitude=95.0))
    with pytest.raises(InvalidInput, match="location"):
        await store.file_ticket(report(longitude=None))
    with pytest.raises(InvalidInput, match="description"):
        await store.file_ticket(report(description="脏" * 2001))
    with pytest.raises(TicketNotFound):
        await store.act("CG-20990101-0001", Action.ACCEPT, DISPATCHER)
    async with store.reading() as session:
        assert (await session.execute(select(func.count(Ticket.id)))).scalar_one() == 0


async def test_same_report_delivered_twice_makes_one_ticket(store: Store) -> None:
    first, created = await store.file_ticket(report(intake_key="tg:1001:55"))
    again, created_again = await store.file_ticket(report(intake_key="tg:1001:55"))
    assert created and not created_again
    assert again.number == first.number


async def test_concurrent_duplicate_deliveries_make_one_ticket(store: Store) -> None:
    results = await asyncio.gather(
        *(store.file_ticket(report(intake_key="tg:1001:77")) for _ in range(6))
    )
    assert len({ticket.number for ticket, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    async with store.reading() as session:
        assert (await session.execute(select(func.count(Ticket.id)))).scalar_one() == 1
        staff = select(func.count(OutboxMessage.id)).where(OutboxMessage.recipient == "staff")
        assert (await session.execute(staff)).scalar_one() == 1


async def test_concurrent_filings_get_distinct_numbers(store: Store) -> None:
    numbers = await asyncio.gather(*(file(store, description=f"第{i}件") for i in range(12)))
    assert sorted(numbers) == [f"CG-20261123-{i:04d}" for i in range(1, 13)]
