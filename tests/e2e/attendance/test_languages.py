"""Attendance answers each worker in their language: English, and traditional Chinese."""

from __future__ import annotations

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.attendance.conftest import CENTRE, enrol, share_live, text_of_reply
from tests.e2e.harness import BotHarness


async def test_an_english_worker_checks_in_late_and_out_in_english(
    harness: BotHarness, clock: FakeClock
) -> None:
    alice = harness.standin.add_user(9201, "Alice", language_code="en")
    await enrol(harness, alice)
    clock.advance(minutes=35)  # 09:00: half an hour late
    _live, reply = await share_live(harness, alice, CENTRE[0] + 0.01, CENTRE[1])
    assert reply == (
        "✅ Checked in at 09:00 (late by 30 min) (outside your area)\n"
        "Keep sharing your live location while on duty; send /checkout or stop sharing when "
        "you finish."
    )
    clock.advance(hours=7, minutes=15)
    out = await text_of_reply(harness, alice, "/checkout")
    assert out == "👋 Checked out: 09:00–16:15, 7.2 h on duty (late by 30 min) (left 75 min early)."
    mine = await text_of_reply(harness, alice, "/mydata")
    assert mine.startswith("🔒 What attendance keeps about you:\n• Roster: field worker, ")


async def test_a_hong_kong_worker_is_answered_in_traditional_characters(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.standin.add_user(9202, "陳大文", language_code="zh-hk")
    await enrol(harness, worker)
    asked = await text_of_reply(harness, worker, "/checkin")
    assert asked.startswith("請共享您的實時位置來簽到")
    _live, reply = await share_live(harness, worker, *CENTRE)
    assert reply == t("attendance.checked_in", "zh-hant", time="08:25", marks="")
    assert reply.startswith("✅ 已簽到：08:25")
