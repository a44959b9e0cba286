"""Staff are written to in their own language: a member of staff in the one they use the bot
in, the staff group in CITYBOT_DEFAULT_LANGUAGE (not always in Chinese)."""

from __future__ import annotations

from bot.messages import t
from handlers.staff_reports import check_deadlines
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket, group_post, say

ENGLISH_WORKER_ID = 9004


async def test_a_deadline_alert_reaches_the_assignee_in_their_language(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin, dispatcher = harness.users["admin"], harness.users["dispatcher"]
    worker = harness.standin.add_user(ENGLISH_WORKER_ID, "Sam", language_code="en")
    harness.standin.private_chat(worker)
    await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    queue = await say(harness, worker, "/queue")  # the bot sees the language Sam uses
    assert queue and queue != t("unknown.command", "en")
    ticket = await file_ticket(harness)  # sanitation: due in 24 h, nearing in the last 4 h
    await group_post(harness, ticket.number)
    await say(harness, dispatcher, f"/accept {ticket.number}")
    await say(harness, dispatcher, f"/dispatch {ticket.number} @{worker.id}")
    clock.advance(hours=20, minutes=1)
    [alert] = await check_deadlines(harness.services)
    assert alert.number == ticket.number

    to_worker = await harness.standin.wait_for_message(
        worker.id, lambda m: ticket.number in (m.text or "") and "⏰" in (m.text or "")
    )
    assert (to_worker.text or "").startswith(f"⏰ Ticket {ticket.number} (Sanitation")
    to_group = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "⏰" in (m.text or "")
    )
    assert (to_group.text or "").startswith(f"⏰ 工单 {ticket.number}（环卫保洁）即将到期")


async def test_the_staff_group_hears_in_the_default_language(harness: BotHarness) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"default_language": "en"})
    await harness.start()
    ticket = await file_ticket(harness, description="rubbish by the road")
    post = await group_post(harness, ticket.number)
    assert (post.caption or post.text or "").startswith(f"🆕 New ticket {ticket.number} |")
    assert post.reply_markup is not None
    labels = [button.text for row in post.reply_markup.inline_keyboard for button in row]
    assert t("staff.button.accept", "en") in labels
