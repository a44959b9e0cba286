"""Filing a ticket: a bad report is refused whole, concurrent filings get distinct numbers
(a redelivered intake making no second ticket: tests/integration/storage/test_intake.py)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from storage import InvalidInput, Store, TicketNotFound, UnknownCategory
from storage.tickets import service
from storage.tickets.models import Ticket
from tests.integration.store_helpers import DISPATCHER, file, report
from tests.store_calls import file_ticket, run


async def test_bad_reports_are_refused(store: Store) -> None:
    with pytest.raises(UnknownCategory):
        await file_ticket(store, report(category="parking"))
    with pytest.raises(InvalidInput, match="location"):
        await file_ticket(store, report(latitude=95.0))
    with pytest.raises(InvalidInput, match="location"):
        await file_ticket(store, report(longitude=None))
    with pytest.raises(InvalidInput, match="description"):
        await file_ticket(store, report(description="脏" * 2001))
    with pytest.raises(TicketNotFound):
        await run(store, service.accept, number="CG-20990101-0001", by=DISPATCHER)
    async with store.reading() as session:
        assert (await session.execute(select(func.count(Ticket.id)))).scalar_one() == 0


async def test_concurrent_filings_get_distinct_numbers(store: Store) -> None:
    numbers = await asyncio.gather(*(file(store, description=f"第{i}件") for i in range(12)))
    assert sorted(numbers) == [f"CG-20261123-{i:04d}" for i in range(1, 13)]
