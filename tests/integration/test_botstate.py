"""Bot state survives in the database; the update ledger hands each update out once;
forgetting a resident removes their identity and keeps anonymised tickets."""

from __future__ import annotations

import asyncio

from storage import Action, Status, Store
from storage.outbox import service as outbox
from tests.conftest import FakeClock
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, file, walk_to
from tests.store_calls import run


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


async def test_each_update_is_received_once(store: Store) -> None:
    firsts = await asyncio.gather(
        *(store.receive_updates(1, [(555, {"update_id": 555})], instance="a") for _ in range(5))
    )
    assert sorted(len(ids) for ids in firsts) == [0, 0, 0, 0, 1]
    await store.finish_updates(1, [555])
    assert await store.receive_updates(1, [(555, {"update_id": 555})], instance="a") == set()
    # Another bot's update 555 is another update.
    assert await store.receive_updates(2, [(555, {"update_id": 555})], instance="a") == {555}


async def test_a_restarted_instance_redoes_its_unfinished_updates(
    store: Store, clock: FakeClock
) -> None:
    await store.receive_updates(1, [(7, {"update_id": 7}), (8, {"update_id": 8})], instance="a")
    await store.receive_updates(1, [(9, {"update_id": 9})], instance="b")
    await store.finish_updates(1, [8])
    # Its own unfinished update at once; another live worker's only once its claim is stale.
    assert await store.take_over_unfinished(1, instance="a") == [(7, {"update_id": 7})]
    clock.advance(minutes=3)
    assert [i for i, _ in await store.take_over_unfinished(1, instance="a")] == [7, 9]


async def test_state_and_done_mark_are_saved_together(store: Store) -> None:
    await store.receive_updates(1, [(10, {"update_id": 10})], instance="a")
    await store.finish_updates_with_state(
        1, [10], [("conversation:report", '["5", "5"]', "location"), ("user_data", "5", None)]
    )
    assert await store.load_state("conversation:report") == {'["5", "5"]': "location"}
    assert await store.take_over_unfinished(1, instance="a") == []


async def test_old_finished_ledger_rows_are_pruned(store: Store, clock: FakeClock) -> None:
    await store.receive_updates(1, [(1, {}), (3, {})], instance="a")
    await store.finish_updates(1, [1])
    clock.advance(days=8)
    await store.receive_updates(1, [(2, {})], instance="a")
    await store.finish_updates(1, [2])
    assert await store.prune_updates() == 1  # 3 is old but unfinished: kept to be redone
    assert await store.receive_updates(1, [(1, {})], instance="a") == {1}  # forgotten


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
    assert [m.chat_id for m in await run(store, outbox.claim_due) if m.recipient == "user"] == []
    # Staff can still move the anonymised ticket; nobody is owed a message for it.
    await store.act(mine, Action.DISPATCH, DISPATCHER, department="sanitation")
