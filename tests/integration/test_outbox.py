"""The outbox: claimed with a lease, delivered once, retried with backoff, given up at last."""

from __future__ import annotations

from datetime import timedelta

from storage import Status, Store
from storage.outbox import MAX_ATTEMPTS
from tests.conftest import FakeClock
from tests.integration.store_helpers import file, walk_to


async def test_claimed_messages_are_leased_then_delivered_once(
    store: Store, clock: FakeClock
) -> None:
    number = await file(store)
    await walk_to(store, number, Status.ACCEPTED)
    claimed = await store.claim_outbox()
    assert [(m.recipient, m.message_key) for m in claimed] == [
        ("staff", "staff.ticket_new"),
        ("user", "ticket.accept"),
    ]
    assert claimed[1].params["number"] == number
    assert await store.claim_outbox() == []  # leased to the first sender
    for message in claimed:
        await store.outbox_delivered(message.id)
    clock.advance(minutes=10)
    assert await store.claim_outbox() == []  # delivered is final


async def test_a_dead_sender_loses_only_its_lease(store: Store, clock: FakeClock) -> None:
    await file(store)
    [message] = await store.claim_outbox(lease=timedelta(minutes=2))
    clock.advance(minutes=3)
    [again] = await store.claim_outbox()
    assert again.id == message.id


async def test_failures_back_off_and_honour_retry_after(store: Store, clock: FakeClock) -> None:
    await file(store)
    [message] = await store.claim_outbox()
    await store.outbox_failed(message.id, error="429 Too Many Requests", retry_after=30)
    clock.advance(seconds=29)
    assert await store.claim_outbox() == []
    clock.advance(seconds=2)
    [retry] = await store.claim_outbox()
    assert retry.attempts == 1
    await store.outbox_failed(retry.id, error="timeout")
    clock.advance(seconds=19)
    assert await store.claim_outbox() == []
    clock.advance(seconds=2)
    assert len(await store.claim_outbox()) == 1


async def test_permanent_failure_and_attempt_limit_give_up(store: Store, clock: FakeClock) -> None:
    await file(store)
    await file(store)
    first, second = await store.claim_outbox()
    await store.outbox_failed(first.id, error="403 bot was blocked by the user", permanent=True)
    for _ in range(MAX_ATTEMPTS):
        await store.outbox_failed(second.id, error="network down")
        clock.advance(hours=2)
        await store.claim_outbox()
    clock.advance(days=1)
    assert await store.claim_outbox() == []


async def test_order_is_oldest_first_and_limit_applies(store: Store) -> None:
    numbers = [await file(store) for _ in range(5)]
    batch = await store.claim_outbox(limit=3)
    assert [m.params["number"] for m in batch] == numbers[:3]
    rest = await store.claim_outbox(limit=10)
    assert [m.params["number"] for m in rest] == numbers[3:]
