"""Following a report: progress reaches reporter and follower once each; rating; rework."""

from __future__ import annotations

from bot.messages import t
from storage import Action, Actor, NewTicket, Role
from tests.e2e.forgery import answer_text
from tests.e2e.harness import DISPATCHER_ID, WORKER_ID, BotHarness
from tests.e2e.resident.conftest import jpeg

DISPATCHER = Actor(DISPATCHER_ID, Role.DISPATCHER)
WORKER = Actor(WORKER_ID, Role.FIELD_WORKER)


async def _filed_and_followed(harness: BotHarness) -> str:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    store = harness.services.store
    ticket, _ = await store.file_ticket(
        NewTicket(
            category="sanitation", description="垃圾满溢", reporter_id=resident.id, language="zh"
        )
    )
    await store.annotate(
        ticket.number, Action.JOIN, Actor(neighbour.id, Role.RESIDENT), language="en"
    )
    return ticket.number


async def _resolve(harness: BotHarness, number: str) -> None:
    store = harness.services.store
    await store.act(number, Action.ACCEPT, DISPATCHER)
    await store.act(number, Action.DISPATCH, DISPATCHER, assignee_id=WORKER_ID)
    await store.act(number, Action.START, WORKER)
    await store.act(
        number, Action.RESOLVE, WORKER, note="已清运", photo=store.save_photo(jpeg((1, 200, 1)))
    )
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
    assert (await harness.services.store.ticket(number)).ticket.rating == 5


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
    detail = await harness.services.store.ticket(number)
    assert detail.ticket.status == "dispatched"
    assert detail.events[-1].note == "垃圾还在路边"


async def test_a_follower_cannot_rate(harness: BotHarness) -> None:
    neighbour = harness.users["neighbour"]
    number = await _filed_and_followed(harness)
    await _resolve(harness, number)
    resolved = await harness.standin.wait_for_message(
        neighbour.id, lambda m: "dealt with" in (m.caption or "")
    )
    before = len(harness.sent_to(neighbour))
    for label in (t("rate.fixed", "en"), t("rate.not_fixed", "en")):
        press = harness.standin.press_button(neighbour, resolved, label)
        assert await answer_text(harness, press) == t("rate.reporter_only", "en")
    assert len(harness.sent_to(neighbour)) == before  # no stars, no "what is still wrong?"
    harness.standin.send_text(neighbour, "still dirty")  # not taken as a rework reason
    await harness.settle()
    detail = await harness.services.store.ticket(number)
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
