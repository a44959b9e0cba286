"""/merge end to end: a merge that does not look like one problem is refused unless forced,
and the reporter is told which ticket theirs became part of."""

from __future__ import annotations

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import file_ticket, say, status_of

ENGLISH_DISPATCHER_ID = 9005
TWO_KM_NORTH = 23.129 + 0.018  # 0.018° of latitude is about 2 km


async def test_an_urgent_gas_ticket_is_not_merged_into_a_bin_ticket_far_away_unless_forced(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    bin_ticket = await file_ticket(harness)
    gas = await file_ticket(
        harness,
        category="gas",
        priority="urgent",
        description="楼道有煤气味",
        latitude=TWO_KM_NORTH,
    )
    refused = await say(harness, dispatcher, f"/merge {gas.number} into {bin_ticket.number}")
    assert gas.number in refused and bin_ticket.number in refused
    assert "燃气安全" in refused and "环卫保洁" in refused, "the categories differ"
    assert "紧急" in refused, "the priorities differ"
    assert "2.0 公里" in refused, "they are 2 km apart"
    assert f"/merge {gas.number} {bin_ticket.number} force" in refused, "how to force it"
    assert await status_of(harness, gas.number) == "submitted"

    before = len(harness.sent_to(RESIDENT_ID))
    merged = await say(harness, dispatcher, f"/merge {gas.number} {bin_ticket.number} force")
    assert "已合并" in merged
    assert await status_of(harness, gas.number) == "duplicate"
    news = await harness.next_reply(RESIDENT_ID, before)
    assert news.text == t("notify.ticket.merge", "zh", number=gas.number, into=bin_ticket.number)
    assert bin_ticket.number in news.text, "the reporter is told the ticket to follow"


async def test_the_same_problem_close_by_merges_without_force(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    first = await file_ticket(harness)
    second = await file_ticket(harness, latitude=23.1291)  # about 11 m away
    merged = await say(harness, dispatcher, f"/merge {second.number} {first.number}")
    assert "已合并" in merged
    assert await status_of(harness, second.number) == "duplicate"


async def test_an_unlike_merge_is_refused_in_english_too(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.standin.add_user(ENGLISH_DISPATCHER_ID, "Sam", language_code="en")
    harness.standin.private_chat(dispatcher)
    await say(harness, harness.users["admin"], f"/staff add {dispatcher.id} dispatcher")
    bin_ticket = await file_ticket(harness)
    greening = await file_ticket(harness, category="greening", description="树枝折断")
    refused = await say(harness, dispatcher, f"/merge {greening.number} {bin_ticket.number}")
    assert "Greening" in refused and "Sanitation" in refused
    assert f"/merge {greening.number} {bin_ticket.number} force" in refused
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in refused), refused
    assert await status_of(harness, greening.number) == "submitted"
