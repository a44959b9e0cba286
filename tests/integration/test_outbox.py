"""The outbox: claimed with a lease, delivered once, retried with backoff, given up at last."""

from __future__ import annotations

from datetime import timedelta

from storage import Status, Store
from storage.outbox import service as outbox
from storage.outbox.queue import MAX_ATTEMPTS, PRIORITY_URGENT
from tests.conftest import FakeClock
from tests.integration.store_helpers import file, walk_to
from tests.store_calls import run


async def test_claimed_messages_are_leased_then_delivered_once(
    store: Store, clock: FakeClock
) -> None:
    number = await file(store)
    await walk_to(store, number, Status.ACCEPTED)
    claimed = await run(store, outbox.claim_due)
    assert [(m.recipient, m.message_key) for m in claimed] == [
        ("staff", "staff.ticket_new"),
        ("user", "ticket.accept"),
    ]
    assert claimed[1].params["number"] == number
    assert await run(store, outbox.claim_due) == []  # leased to the first sender
    for message in claimed:
        await run(store, outbox.mark_delivered, message_id=message.id)
    clock.advance(minutes=10)
    assert await run(store, outbox.claim_due) == []  # delivered is final


async def test_a_dead_sender_loses_only_its_lease(store: Store, clock: FakeClock) -> None:
    await file(store)
    [message] = await run(store, outbox.claim_due, lease=timedelta(minutes=2))
    clock.advance(minutes=3)
    [again] = await run(store, outbox.claim_due)
    assert again.id == message.id


async def test_flood_control_postpones_without_counting_and_failures_back_off(
    store: Store, clock: FakeClock
) -> None:
    await file(store)
    [message] = await run(store, outbox.claim_due)
    await run(
        store, outbox.postpone, message_ids=[message.id], seconds=30, reason="429 Too Many Requests"
    )
    clock.advance(seconds=29)
    assert await run(store, outbox.claim_due) == []
    clock.advance(seconds=2)
    [retry] = await run(store, outbox.claim_due)
    assert retry.attempts == 0  # a 429 is not a failed attempt
    await run(store, outbox.mark_failed, message_id=retry.id, error="timeout")
    clock.advance(seconds=9)
    assert await run(store, outbox.claim_due) == []
    clock.advance(seconds=2)
    [again] = await run(store, outbox.claim_due)
    assert again.attempts == 1


async def test_permanent_failure_and_attempt_limit_give_up(store: Store, clock: FakeClock) -> None:
    await file(store)
    await file(store)
    first, second = await run(store, outbox.claim_due)
    await run(
        store,
        outbox.mark_failed,
        message_id=first.id,
        error="403 bot was blocked by the user",
        permanent=True,
    )
    for _ in range(MAX_ATTEMPTS):
        await run(store, outbox.mark_failed, message_id=second.id, error="network down")
        clock.advance(hours=2)
        await run(store, outbox.claim_due)
    clock.advance(days=1)
    assert await run(store, outbox.claim_due) == []


async def test_order_is_oldest_first_and_limit_applies(store: Store) -> None:
    numbers = [await file(store) for _ in range(5)]
    batch = await run(store, outbox.claim_due, limit=3)
    assert [m.params["number"] for m in batch] == numbers[:3]
    rest = await run(store, outbox.claim_due, limit=10)
    assert [m.params["number"] for m in rest] == numbers[3:]


async def test_urgent_messages_are_claimed_before_ordinary_ones_owed_earlier(
    store: Store,
) -> None:
    ordinary = [await file(store) for _ in range(3)]
    urgent = await file(store, category="gas", description="闻到煤气味", priority="urgent")
    [first, *rest] = await run(store, outbox.claim_due, limit=2)
    assert first.params["number"] == urgent and first.priority == PRIORITY_URGENT
    assert [m.params["number"] for m in rest] == ordinary[:1]
    later = await run(store, outbox.claim_due)
    assert [m.params["number"] for m in later] == ordinary[1:]


async def test_a_message_postponed_by_flood_control_is_never_given_up(
    store: Store, clock: FakeClock
) -> None:
    await file(store)
    for _ in range(MAX_ATTEMPTS * 2):
        [message] = await run(store, outbox.claim_due)
        await run(store, outbox.postpone, message_ids=[message.id], seconds=5, reason="429")
        clock.advance(seconds=6)
    [message] = await run(store, outbox.claim_due)
    assert message.attempts == 0


async def test_busy_chats_are_skipped_and_one_chat_is_leased_a_few_at_a_time(
    store: Store,
) -> None:
    for _ in range(4):
        await file(store)  # four staff posts
    await walk_to(store, await file(store, reporter_id=1002), Status.ACCEPTED)
    busy = await run(store, outbox.claim_due, skip_staff=True)
    assert [(m.recipient, m.chat_id) for m in busy] == [("user", 1002)]
    staff = await run(store, outbox.claim_due, per_chat=2)
    assert [m.recipient for m in staff] == ["staff", "staff"]
    rest = await run(store, outbox.claim_due, skip_chats=[1002])
    assert [m.recipient for m in rest] == ["staff", "staff", "staff"]
