"""/merge end to end: a merge that does not look like one problem is refused unless forced,
and the reporter is told which ticket theirs became part of."""

from __future__ import annotations

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import card_of, file_ticket, say, status_of

ENGLISH_DISPATCHER_ID = 9005
TWO_KM_NORTH = 23.129 + 0.018  # 0.018° of latitude is about 2 km


async def test_an_unlike_merge_is_refused_unless_forced_and_the_reporter_follows_the_target(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    bin_ticket = await file_ticket(harness)
    greening = await file_ticket(harness, category="greening", latitude=TWO_KM_NORTH)
    refused = await say(harness, dispatcher, f"/merge {greening.number} into {bin_ticket.number}")
    assert greening.number in refused and bin_ticket.number in refused
    assert "绿化管养" in refused and "环卫保洁" in refused, "the categories differ"
    assert "2.0 公里" in refused, "they are 2 km apart"
    assert f"/merge {greening.number} {bin_ticket.number} force" in refused, "how to force it"
    assert await status_of(harness, greening.number) == "submitted"

    before = len(harness.sent_to(RESIDENT_ID))
    merged = await say(harness, dispatcher, f"/merge {greening.number} {bin_ticket.number} force")
    assert "已合并" in merged
    assert await status_of(harness, greening.number) == "duplicate"
    news = await harness.next_reply(RESIDENT_ID, before)
    assert news.text == t(
        "notify.ticket.merge", "zh", number=greening.number, into=bin_ticket.number
    )
    assert bin_ticket.number in news.text, "the reporter is told the ticket to follow"


async def test_an_urgent_gas_ticket_is_never_merged_into_an_ordinary_one_even_forced(
    harness: BotHarness, clock: FakeClock
) -> None:
    # Merged, the leak would take the bin's 24-hour deadline and department and lose its
    # alerts: a dispatcher who means "one problem" merges the ordinary ticket into it.
    dispatcher = harness.users["dispatcher"]
    bin_ticket = await file_ticket(harness)
    gas = await file_ticket(harness, category="gas", priority="urgent", description="楼道有煤气味")
    for typed in (
        f"/merge {gas.number} {bin_ticket.number}",
        f"/merge {gas.number} {bin_ticket.number} force",
    ):
        refused = await say(harness, dispatcher, typed)
        assert refused == t("staff.merge.urgent", "zh", number=gas.number, into=bin_ticket.number)
        assert "紧急" in refused and f"/merge {bin_ticket.number} {gas.number} force" in refused
        assert await status_of(harness, gas.number) == "submitted"
    card = await card_of(harness, dispatcher, bin_ticket.number)
    assert "附议：0 人" in card and "并入工单" not in card

    merged = await say(harness, dispatcher, f"/merge {bin_ticket.number} {gas.number} force")
    assert "已合并" in merged
    assert await status_of(harness, bin_ticket.number) == "duplicate"
    assert await status_of(harness, gas.number) == "submitted"


async def test_a_merge_is_recorded_on_the_ticket_merged_into_and_counts_as_a_report(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    first = await file_ticket(harness)
    second = await file_ticket(harness, latitude=23.1291)  # the same resident, 11 m away
    await say(harness, dispatcher, f"/merge {second.number} {first.number}")
    card = await card_of(harness, dispatcher, first.number)
    assert "附议：1 人" in card, card
    entry = [line for line in card.splitlines() if "并入工单" in line]
    assert len(entry) == 1 and second.number in entry[0] and "调度员" in entry[0], card
    merged_card = await card_of(harness, dispatcher, second.number)
    assert any("合并" in line and first.number in line for line in merged_card.splitlines())


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
