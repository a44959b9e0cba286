"""Staff buttons carry no authority either: a resident (or anyone not staff) who sends their
callback data gets "this button has expired" and moves, shows and pages nothing; a staff
member's malformed data is answered the same way instead of failing the update."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.e2e.forgery import assert_expired, forge, ticket_state
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket, group_post


async def test_a_resident_pressing_staff_buttons_gets_expired(
    harness: BotHarness, clock: FakeClock
) -> None:
    neighbour = harness.users["neighbour"]
    ticket = await file_ticket(harness, description="门口有人乱倒垃圾，电话13800138000")
    number = ticket.number
    post = await group_post(harness, number)
    before = await ticket_state(harness, number)
    await harness.say(neighbour, "/start")
    for data in (
        f"st:accept:{number}",
        f"st:reject:{number}",
        f"st:rj:{number}:1",
        f"st:dispatch:{number}",
        f"st:claim:{number}",
        f"st:start:{number}",
        f"st:verify:{number}",
        f"st:show:{number}",
        "st:show:CG-20200101-9999",
        "sq:0:::",
        "sq:10:sanitation:submitted:o",
    ):
        # In their own chat: nothing of the ticket is shown there.
        assert_expired(await forge(harness, neighbour, data), "en")
    # A member of the staff group who is not staff, on the post itself, moves nothing.
    worker = harness.users["worker"]
    for data in (f"st:accept:{number}", f"st:show:{number}", f"st:rj:{number}:2"):
        assert_expired(await forge(harness, worker, data, on=post))
    assert await ticket_state(harness, number) == before
    seen = [m.text or m.caption or "" for m in harness.sent_to(neighbour)]
    assert not [text for text in seen if number in text or "13800138000" in text], seen


async def test_malformed_staff_data_is_expired_not_a_crash(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    number = ticket.number
    post = await group_post(harness, number)
    before = await ticket_state(harness, number)
    for data in (
        "st:",
        f"st:teleport:{number}",
        f"st:accept:{number}:extra",
        "st:accept:",
        f"st:rj:{number}:99",
        f"st:rj:{number}:x",
        f"st:rj:{number}",
        "sq:x:::",
        "sq:0:nonsense::",
        "sq:0::nonsense:",
        "sq:0:::zz",
        "sq:99999999999999999999:::",
        "sq:0",
    ):
        outcome = await forge(harness, dispatcher, data, on=post, chat=harness.staff_group.id)
        assert_expired(outcome)
    assert await ticket_state(harness, number) == before
