"""Bot state survives in the database; the update ledger hands each update out once;
forgetting a resident removes their identity and keeps anonymised tickets."""

from __future__ import annotations

import asyncio

from storage import Status, Store
from storage.botstate import service as botstate
from storage.outbox import service as outbox
from storage.tickets import lookups, privacy, remarks, service
from tests.conftest import FakeClock
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, file, walk_to
from tests.store_calls import read, run


async def test_state_round_trip_and_delete(store: Store) -> None:
    await run(
        store,
        botstate.save_entries,
        namespace="user_data",
        entries=[("1001", {"lang": "en", "draft": {"category": "gas"}})],
    )
    await run(
        store,
        botstate.save_entries,
        namespace="conversation:report",
        entries=[('["1001", "1001"]', 3)],
    )
    assert await read(store, botstate.load_namespace, namespace="user_data") == {
        "1001": {"lang": "en", "draft": {"category": "gas"}}
    }
    await run(
        store, botstate.save_entries, namespace="user_data", entries=[("1001", {"lang": "zh"})]
    )  # replaces
    assert await read(store, botstate.load_namespace, namespace="user_data") == {
        "1001": {"lang": "zh"}
    }
    await run(store, botstate.save_entries, namespace="user_data", entries=[("1001", None)])
    assert await read(store, botstate.load_namespace, namespace="user_data") == {}
    assert await read(store, botstate.load_namespace, namespace="conversation:report") == {
        '["1001", "1001"]': 3
    }


async def test_each_update_is_received_once(store: Store) -> None:
    firsts = await asyncio.gather(
        *(
            run(
                store,
                botstate.receive_updates,
                bot_id=1,
                updates=[(555, {"update_id": 555})],
                instance="a",
            )
            for _ in range(5)
        )
    )
    assert sorted(len(ids) for ids in firsts) == [0, 0, 0, 0, 1]
    await run(store, botstate.finish_updates, bot_id=1, update_ids=[555])
    assert (
        await run(
            store,
            botstate.receive_updates,
            bot_id=1,
            updates=[(555, {"update_id": 555})],
            instance="a",
        )
        == set()
    )
    # Another bot's update 555 is another update.
    assert await run(
        store, botstate.receive_updates, bot_id=2, updates=[(555, {"update_id": 555})], instance="a"
    ) == {555}


async def test_a_restarted_instance_redoes_its_unfinished_updates(
    store: Store, clock: FakeClock
) -> None:
    await run(
        store,
        botstate.receive_updates,
        bot_id=1,
        updates=[(7, {"update_id": 7}), (8, {"update_id": 8})],
        instance="a",
    )
    await run(
        store, botstate.receive_updates, bot_id=1, updates=[(9, {"update_id": 9})], instance="b"
    )
    await run(store, botstate.finish_updates, bot_id=1, update_ids=[8])
    # Its own unfinished update at once; another live worker's only once its claim is stale.
    assert await run(store, botstate.take_over_unfinished, bot_id=1, instance="a") == [
        (7, {"update_id": 7})
    ]
    clock.advance(minutes=3)
    assert [
        i for i, _ in await run(store, botstate.take_over_unfinished, bot_id=1, instance="a")
    ] == [7, 9]


async def test_state_and_done_mark_are_saved_together(store: Store) -> None:
    await run(
        store, botstate.receive_updates, bot_id=1, updates=[(10, {"update_id": 10})], instance="a"
    )
    await run(
        store,
        botstate.finish_updates_with_state,
        bot_id=1,
        update_ids=[10],
        entries=[("conversation:report", '["5", "5"]', "location"), ("user_data", "5", None)],
    )
    assert await read(store, botstate.load_namespace, namespace="conversation:report") == {
        '["5", "5"]': "location"
    }
    assert await run(store, botstate.take_over_unfinished, bot_id=1, instance="a") == []


async def test_old_finished_ledger_rows_are_pruned(store: Store, clock: FakeClock) -> None:
    await run(store, botstate.receive_updates, bot_id=1, updates=[(1, {}), (3, {})], instance="a")
    await run(store, botstate.finish_updates, bot_id=1, update_ids=[1])
    clock.advance(days=8)
    await run(store, botstate.receive_updates, bot_id=1, updates=[(2, {})], instance="a")
    await run(store, botstate.finish_updates, bot_id=1, update_ids=[2])
    assert (
        await run(store, botstate.prune_updates) == 1
    )  # 3 is old but unfinished: kept to be redone
    assert await run(
        store, botstate.receive_updates, bot_id=1, updates=[(1, {})], instance="a"
    ) == {1}  # forgotten


async def test_forgetting_a_resident(store: Store) -> None:
    mine = await file(store)
    theirs = await file(store, reporter_id=NEIGHBOUR.user_id)
    await run(store, remarks.join, number=theirs, by=REPORTER, language="zh")
    await walk_to(store, mine, Status.ACCEPTED)  # owes REPORTER a message
    await run(
        store,
        botstate.save_entries,
        namespace="user_data",
        entries=[(str(REPORTER.user_id), {"lang": "zh"})],
    )
    forgotten = await run(store, privacy.forget, user_id=REPORTER.user_id)  # type: ignore[arg-type]
    assert forgotten.tickets_anonymised == 1 and forgotten.follows_removed == 1
    assert forgotten.messages_dropped >= 1
    detail = await read(store, lookups.get_detail, number=mine)
    assert detail.ticket.reporter_id is None
    assert detail.ticket.description  # the problem itself stays
    assert all(e.actor_id != REPORTER.user_id for e in detail.events)
    assert (
        await read(store, lookups.list_reporter_tickets, reporter_id=REPORTER.user_id)
    ).tickets == []  # type: ignore[arg-type]
    assert await read(store, botstate.load_namespace, namespace="user_data") == {}
    assert [m.chat_id for m in await run(store, outbox.claim_due) if m.recipient == "user"] == []
    # Staff can still move the anonymised ticket; nobody is owed a message for it.
    await run(store, service.dispatch, number=mine, by=DISPATCHER, department="sanitation")
