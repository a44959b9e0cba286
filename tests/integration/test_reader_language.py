"""A resident who changes language reads the news of their tickets in the new one: their
tickets, their follows and the messages owed but not yet sent change with them."""

from __future__ import annotations

from sqlalchemy import select

from storage import Store, tickets
from storage.outbox.models import OutboxMessage
from storage.tickets import remarks, service
from storage.tickets.models import Follower, Ticket
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, file
from tests.store_calls import run


async def _owed(store: Store, chat_id: int) -> list[tuple[str, bool]]:
    async with store.reading() as session:
        rows = await session.execute(
            select(OutboxMessage.language, OutboxMessage.delivered_at)
            .where(OutboxMessage.chat_id == chat_id)
            .order_by(OutboxMessage.id)
        )
        return [(language, delivered is not None) for language, delivered in rows.all()]


async def test_choosing_a_language_changes_tickets_follows_and_unsent_news(store: Store) -> None:
    mine = await file(store)
    followed = await file(store, reporter_id=NEIGHBOUR.user_id, latitude=23.2)
    await run(store, remarks.join, number=followed, by=REPORTER, language="zh")
    await run(store, service.accept, number=mine, by=DISPATCHER)  # news owed to me, not sent yet
    async with store.unit_of_work() as uow:
        changed = await tickets.set_reader_language(uow, user_id=REPORTER.user_id, language="en")
    assert changed >= 3
    async with store.reading() as session:
        mine_row = (await session.execute(select(Ticket).where(Ticket.number == mine))).scalar_one()
        follow = (
            await session.execute(select(Follower).where(Follower.user_id == REPORTER.user_id))
        ).scalar_one()
        theirs = (
            await session.execute(select(Ticket).where(Ticket.number == followed))
        ).scalar_one()
    assert mine_row.reporter_language == "en" and follow.language == "en"
    assert theirs.reporter_language == "zh"  # the neighbour's own choice is theirs
    assert await _owed(store, REPORTER.user_id) == [("en", False)]
    await run(store, service.accept, number=followed, by=DISPATCHER)
    assert {language for language, _ in await _owed(store, REPORTER.user_id)} == {"en"}
    assert {language for language, _ in await _owed(store, NEIGHBOUR.user_id)} == {"zh"}
    async with store.unit_of_work() as uow:  # the same choice again changes nothing
        assert await tickets.set_reader_language(uow, user_id=REPORTER.user_id, language="en") == 0
