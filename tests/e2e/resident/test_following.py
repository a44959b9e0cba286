"""Following a report: progress reaches reporter and follower once each; rating; rework."""

from __future__ import annotations

from bot.messages import t
from storage import Actor, NewTicket, Role
from storage.tickets import lookups, remarks, service
from tests.e2e.forgery import forge
from tests.e2e.harness import DISPATCHER_ID, WORKER_ID, BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read, run

DISPATCHER = Actor(DISPATCHER_ID, Role.DISPATCHER)
WORKER = Actor(WORKER_ID, Role.FIELD_WORKER)


async def _filed_and_followed(harness: BotHarness) -> str:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    store = harness.services.store
    ticket = await file_ticket(
        store,
        NewTicket(
            category="sanitation", description="垃圾满溢", reporter_id=resident.id, language="zh"
        ),
    )
    follower = Actor(neighbour.id, Role.RESIDENT)
    await run(store, remarks.join, number=ticket.number, by=follower, language="en")
    return ticket.number


async def _resolve(harness: BotHarness, number: str) -> None:
    store = harness.services.store
    await run(store, service.accept, number=number, by=DISPATCHER)
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER_ID)
    await run(store, service.start, number=number, by=WORKER)
    photo = store.photos.put(jpeg((1, 200, 1)))
    await run(store, service.resolve, number=number, by=WORKER, note="已清运", photo=photo)
    harness.services.outbox.kick()


async def test_each_status_change_reaches_reporter_and_follower_exactly_once(
    harness: BotHarness,
) -> None:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    resolved_zh = await harness.standin.wait_for_message(
        resident.id, lambda m: "已处置" in (m.caption or "")
    )
    await harness.standin.wait_for_message(
        neighbour.id, lambda m: "dealt with" in (m.caption or "")
    )
    await harness.settle(quiet=0.5)
    for user in (resident, neighbour):
        texts = [
            m.text or m.caption or ""
            for m in harness.sent_to(user)
            if number in (m.text or m.caption or "")
        ]
        assert len(texts) == 4, texts  # accepted, dispatched, started, resolved: once each
    assert resolved_zh.photo  # the after photo


async def test_fixed_and_rated(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    resolved = await harness.standin.wait_for_message(
        resident.id, lambda m: "已处置" in (m.caption or "")
    )
    harness.standin.press_button(resident, resolved, t("rate.fixed", "zh"))
    stars = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("rate.ask_stars", "zh")
    )
    harness.standin.press_button(resident, stars, 4)  # five stars
    # The thanks is owed (through the outbox); the stars show what was chosen.
    thanks = t("rate.thanks", "zh", rating=5)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == thanks)
    assert harness.edited_text(resident.id, stars.message_id) == "⭐" * 5
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.rating == 5


async def test_not_fixed_sends_it_back_with_the_reason(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    resolved = await harness.standin.wait_for_message(
        resident.id, lambda m: "已处置" in (m.caption or "")
    )
    harness.standin.press_button(resident, resolved, t("rate.not_fixed", "zh"))
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("rate.ask_reason", "zh")
    )
    harness.standin.send_text(resident, "垃圾还在路边")
    await harness.standin.wait_for_message(resident.id, lambda m: "退回" in (m.text or ""))
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.status == "dispatched"
    assert detail.events[-1].note == "垃圾还在路边"


async def test_a_follower_hears_of_the_resolution_but_only_the_reporter_is_asked_to_rate(
    harness: BotHarness,
) -> None:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    reporters = await harness.standin.wait_for_message(
        resident.id, lambda m: "已处置" in (m.caption or "")
    )
    followers = await harness.standin.wait_for_message(
        neighbour.id, lambda m: "dealt with" in (m.caption or "")
    )
    assert "问题解决了吗" in (reporters.caption or "") and reporters.reply_markup is not None
    assert followers.caption == f"✅ Ticket {number} has been dealt with: 已清运"
    assert followers.reply_markup is None and followers.photo  # the news, the after photo


async def test_a_follower_cannot_rate(harness: BotHarness) -> None:
    neighbour = harness.users["neighbour"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    resolved = await harness.standin.wait_for_message(
        neighbour.id, lambda m: "dealt with" in (m.caption or "")
    )
    # The buttons an earlier version put under a follower's news still answer, and refuse.
    for data in (f"fx:{number}", f"nf:{number}", f"rt:{number}:5"):
        outcome = await forge(harness, neighbour, data, on=resolved)
        assert outcome.answer == t("rate.reporter_only", "en")
        assert outcome.messages == []  # no stars, no "what is still wrong?"
    harness.standin.send_text(neighbour, "still dirty")  # not taken as a rework reason
    await harness.settle()
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.rating is None and detail.ticket.status == "resolved"


async def test_my_tickets_and_the_timeline(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    number = await _filed_and_followed(harness)
    listing = await harness.say(resident, "/my")
    assert number in str(listing.reply_markup)
    harness.standin.press_button(resident, listing, 0)
    detail = await harness.standin.wait_for_message(
        resident.id, lambda m: (m.text or "").startswith("工单")
    )
    assert "待受理" in (detail.text or "") and "提交" in (detail.text or "")
    assert "Alice" not in (detail.text or "")  # no other resident's identity
