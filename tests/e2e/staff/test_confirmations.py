"""Staff confirmations are sentences of their language, and deadlines read as people say
them: "已立案：CG-…，处理时限 明天 10:00。", "Accepted CG-…; due 12:00 PM today (in 2 hours)."."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import file_ticket, say

ENGLISH_DISPATCHER_ID = 9005
NOON = "12:00\u202fPM"  # as CLDR writes it in English


async def test_a_chinese_dispatcher_reads_what_the_move_did_and_when_it_is_due(
    harness: BotHarness, clock: FakeClock
) -> None:
    # Monday 10:00 in Guangzhou: a sanitation ticket is due in 24 hours, tomorrow at 10:00.
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    before = len(harness.sent_to(RESIDENT_ID))
    accepted = await say(harness, dispatcher, f"/accept {ticket.number}")
    assert accepted == f"✅ 已立案：{ticket.number}，处理时限 明天 10:00。"
    news = await harness.next_reply(RESIDENT_ID, before)
    assert "处理时限：明天 10:00" in (news.text or ""), news.text
    dispatched = await say(harness, dispatcher, f"/dispatch {ticket.number} 环卫")
    assert dispatched == f"✅ 已派遣：{ticket.number} 交环卫所，处理时限 明天 10:00。"
    card = await say(harness, dispatcher, "/queue")
    assert "时限 明天 10:00" in card, card

    clock.advance(days=2)  # Wednesday: the deadline was yesterday
    card = await say(harness, dispatcher, "/queue")
    assert "时限 昨天 10:00" in card, card
    clock.advance(days=1)
    card = await say(harness, dispatcher, "/queue")
    assert "时限 2026年11月24日 10:00" in card, "further off: the date"


async def test_an_english_dispatcher_reads_english_sentences_and_how_long_is_left(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.standin.add_user(ENGLISH_DISPATCHER_ID, "Sam", language_code="en")
    harness.standin.private_chat(dispatcher)
    await say(harness, harness.users["admin"], f"/staff add {dispatcher.id} dispatcher")
    gas = await file_ticket(harness, category="gas", priority="urgent", description="煤气味")
    accepted = await say(harness, dispatcher, f"/accept {gas.number}")
    assert accepted == f"✅ Accepted {gas.number}; due {NOON} today (in 2 hours)."
    clock.advance(minutes=75)
    dispatched = await say(harness, dispatcher, f"/dispatch {gas.number} gas")
    assert dispatched == (
        f"✅ Dispatched {gas.number} to Gas safety section; due {NOON} today (in 45 minutes)."
    )
