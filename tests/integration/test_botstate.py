"""Bot state survives in the database; the update ledger hands each update out once;
forgetting a resident removes their identity and keeps anonymised tickets."""

from __future__ import annotations

import asyncio

from storage import Action, Status, Store
from tests.conftest import FakeClock
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, file, walk_to


async def test_state_round_trip_and_delete(store: Store) -> None:
    await store.save_state("user_data", [("1001", {"lang": "en", "draft": {"category": "gas"}})])
    await store.save_state("conversation:report", [('["1001", "1001"]', 3)])
    assert await store.load_state("user_data") == {
        "1001": {"lang": "en", "draft": {"category": "gas"}}
    }
    await store.save_state("user_data", [("1001", {"lang": "zh"})])  # replaces
    assert await store.load_state("user_data") == {"1001": {"lang": "zh"}}
    await store.save_state("user_data", [("1001", None)])
    assert await store.load_state("user_data") == {}
    assert await store.load_state("conversation:report") == {'["1001", "1001"]': 3}


async def test_each_update_is_claimed_once(store: Store) -> None:
    claims = await asyncio.gather(*(store.claim_update(1, 555) for _ in range(5)))
    assert sorted(claims) == [False, False, False, False, True]
    await store.finish_update(1, 555)
    assert not await store.claim_update(1, 555)


async def test_a_dead_workers_claim_can_be_taken_over(store: Store, clock: FakeClock) -> None:
    assert await store.claim_update(1, 7)
    assert not await store.claim_update(1, 7)  # still being handled
    clock.advance(minutes=3)
    assert await store.claim_update(1, 7)  # the first worker never finished
    await store.finish_update(1, 7)
    assert await store.claim_update(2, 7)  # another bot's update 7 is another update
    clock.advance(minutes=30)
    assert not await store.claim_update(1, 7)  # finished is final


async def test_old_ledger_rows_are_pruned(store: Store, clock: FakeClock) -> None:
    await store.claim_update(1, 1)
    clock.advance(days=8)
    await store.claim_update(1, 2)
    assert await store.prune_updates() == 1
    assert await store.claim_update(1, 1)  # forgotten, so claimable again


async def test_forgetting_a_resident(store: Store) -> None:
    mine = await file(store)
    theirs = await file(store, reporter_id=NEIGHBOUR.user_id)
    await store.annotate(theirs, Action.JOIN, REPORTER)
    await walk_to(store, mine, Status.ACCEPTED)  # owes REPORTER a message
    await store.save_state("user_data", [(str(REPORTER.user_id), {"lang": "zh"})])
    forgotten = await store.forget_resident(REPORTER.user_id)  # type: ignore[arg-type]
    assert forgotten.tickets_anonymised == 1 and forgotten.follows_removed == 1
    assert forgotten.messages_dropped >= 1
    detail = await store.ticket(mine)
    assert detail.ticket.reporter_id is None
    assert detail.ticket.description  # the problem itself stays
    assert all(e.actor_id != REPORTER.user_id for e in detail.events)
    assert (await store.reporter_tickets(REPORTER.user_id)).tickets == []  # type: ignore[arg-type]
    assert await store.load_state("user_data") == {}
    assert [m.chat_id for m in await store.claim_outbox() if m.recipient == "user"] == []
    # Staff can still move the anonymised ticket; nobody is owed a message for it.
    await store.act(mine, Action.DISPATCH, DISPATCHER, department="sanitation")


async def test_claims_in_one_statement(store: Store, clock: FakeClock) -> None:
    assert await store.claim_updates(1, [10, 11, 12]) == {10, 11, 12}
    await store.finish_updates(1, [10])
    assert await store.claim_updates(1, [10, 11, 13]) == {13}  # 10 done, 11 being handled
    clock.advance(minutes=3)
    assert await store.claim_updates(1, [10, 11]) == {11}  # 11's worker died; 10 is final


async def test_the_claim_batcher_hands_each_update_out_once(store: Store) -> None:
    from bot.claims import ClaimBatcher

    batcher = ClaimBatcher(store, bot_id=1)
    results = await asyncio.gather(*(batcher.claim(update_id) for update_id in (5, 6, 5, 7, 5)))
    assert results == [True, True, False, True, False]
    assert await batcher.claim(6) is False
