"""The staff group: new tickets posted with buttons; buttons act on the current state only."""

from __future__ import annotations

from bot.messages import t
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import answer_to, buttons, file_ticket, group_post, say, status_of
from tests.store_calls import read


async def test_new_ticket_is_posted_with_photo_and_next_moves(
    harness: BotHarness, clock: FakeClock
) -> None:
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    assert "环卫保洁" in (post.text or post.caption or "")
    assert buttons(post) == ["✅ 受理", "❌ 不予受理", "🔎 详情"]
    data = [b.callback_data for row in post.reply_markup.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert data[0] == f"st:accept:{ticket.number}"


async def test_accept_then_dispatch_by_button_and_stale_button(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    # A second copy of the buttons, in the dispatcher's private chat (/ticket).
    before = len(harness.sent_to(dispatcher))
    harness.standin.send_text(dispatcher, f"/ticket {ticket.number}")
    card = await harness.standin.wait_for_message(
        dispatcher.id, lambda m: harness.sent_to(dispatcher).index(m) >= before and bool(m.text)
    )
    assert "处理记录" in (card.text or "")
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "✅ 受理"))
    assert await status_of(harness, ticket.number) == "accepted"
    edited = harness.standin.message(harness.staff_group.id, post.message_id)
    assert edited is not None and buttons(edited)[0] == "🚚 派遣至环卫所"
    resident_news = [m.text for m in harness.sent_to(RESIDENT_ID)]
    assert any(text and ticket.number in text and "已受理" in text for text in resident_news)
    # The old "accept" button on the card is stale now.
    press = harness.standin.press_button(dispatcher, card, "✅ 受理")
    assert await answer_to(harness, press) == t("staff.moved_on", "zh", status="已立案")
    await answer_to(harness, harness.standin.press_button(dispatcher, edited, 0))
    assert await status_of(harness, ticket.number) == "dispatched"


async def test_reject_button_offers_reasons(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "❌ 不予受理"))
    shown = harness.standin.message(harness.staff_group.id, post.message_id)
    assert shown is not None and buttons(shown)[0] == t("staff.tpl.reject.1", "zh")
    await answer_to(harness, harness.standin.press_button(dispatcher, shown, 1))
    detail = await read(harness.services.store, lookups.get_detail, number=ticket.number)
    assert detail.ticket.status == "rejected"
    assert detail.events[-1].note == t("staff.tpl.reject.2", "zh")


async def test_worker_cannot_accept_by_button(harness: BotHarness, clock: FakeClock) -> None:
    admin, worker = harness.users["admin"], harness.users["worker"]
    await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    press = harness.standin.press_button(worker, post, "✅ 受理")
    assert "外勤人员" in await answer_to(harness, press)
    assert await status_of(harness, ticket.number) == "submitted"


async def test_urgent_ticket_mentions_on_duty_dispatchers(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin, dispatcher = harness.users["admin"], harness.users["dispatcher"]
    await say(harness, admin, f"/staff add {dispatcher.id} dispatcher")
    ticket = await file_ticket(harness, category="gas", priority="urgent", description="闻到煤气味")
    post = await group_post(harness, ticket.number)
    assert "紧急" in (post.text or post.caption or "")
    mention = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "值班调度" in (m.text or ""), timeout=10
    )
    # The settings' admin is on the roster, on duty, from the start.
    assert [e.url for e in mention.entities] == [
        f"tg://user?id={admin.id}",
        f"tg://user?id={dispatcher.id}",
    ]
