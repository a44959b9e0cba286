"""A rating outlives a rework: the 4 stars a reporter gave still count in /stats after staff
send the ticket back, the card's timeline keeps them, and the reporter may rate the work
done again (a rework opens a new round of rating)."""

from __future__ import annotations

from storage.errors import InvalidInput
from storage.tickets import Actor, Role, lookups, service
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import card_of, file_ticket, jpeg, say
from tests.store_calls import read, run

DISPATCHER = Actor(9002, Role.DISPATCHER)
WORKER = Actor(9003, Role.FIELD_WORKER)
REPORTER = Actor(RESIDENT_ID, Role.RESIDENT)


async def _stats(harness: BotHarness) -> str:
    """The text of /stats all (its chart follows; waited for, so nothing arrives late)."""
    text = await say(harness, harness.users["dispatcher"], "/stats all")
    await harness.settle()
    return text


async def _resolve(harness: BotHarness, number: str) -> None:
    store = harness.services.store
    await run(store, service.start, number=number, by=WORKER)
    photo = store.photos.put(jpeg())
    await run(store, service.resolve, number=number, by=WORKER, note="已清运", photo=photo)


async def test_a_rating_still_counts_after_the_ticket_is_reworked(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    store = harness.services.store
    ticket = await file_ticket(harness, photo=False)
    number = ticket.number
    await run(store, service.accept, number=number, by=DISPATCHER)
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
    await _resolve(harness, number)
    await run(store, service.verify, number=number, by=DISPATCHER)
    await run(store, service.rate, number=number, by=REPORTER, rating=4)
    assert "平均评分：4.00" in await _stats(harness)

    assert "返工" in await say(harness, dispatcher, f"/rework {number} 仍有垃圾")
    stats = await _stats(harness)
    assert "平均评分：4.00" in stats, stats
    card = await card_of(harness, dispatcher, number)
    assert "评价（上报人）4 星" in card, card
    standing = await read(store, lookups.find_standing, number=number, user_id=RESIDENT_ID)
    assert standing is not None and not standing.rated, "a new round of rating"

    await _resolve(harness, number)
    await run(store, service.rate, number=number, by=REPORTER, rating=2)
    assert "平均评分：2.00" in await _stats(harness), "the latest counts"
    card = await card_of(harness, dispatcher, number)
    assert "4 星" in card and "2 星" in card, "the card keeps every rating"
    try:
        await run(store, service.rate, number=number, by=REPORTER, rating=5)
    except InvalidInput as error:
        assert error.code == "rated_already"
    else:
        raise AssertionError("rated twice in one round")
