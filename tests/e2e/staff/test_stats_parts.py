"""/stats counts 部件 cases (by class of asset) and 事件 apart, as GB/T 30428 does."""

from __future__ import annotations

from storage.tickets.filing import NewTicket
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import file_ticket, say
from tests.store_calls import file_ticket as file_as_given


async def _part(harness: BotHarness, asset_class: str, asset_code: str | None = None) -> None:
    report = NewTicket(
        category="facilities",
        description="井盖不见了" if asset_class == "01001" else "路灯不亮",
        reporter_id=RESIDENT_ID,
        latitude=23.19,
        longitude=113.32,
        asset_class=asset_class,
        asset_code=asset_code,
    )
    await file_as_given(harness.services.store, report)


async def test_stats_show_parts_by_class_and_events(harness: BotHarness) -> None:
    dispatcher = harness.users["dispatcher"]
    await _part(harness, "01001", "44011101001000001")
    await _part(harness, "01001")
    await _part(harness, "01024")
    await file_ticket(harness)  # rubbish by the road: an 事件
    text = await say(harness, dispatcher, "/stats 7d")
    assert "工单总数：4" in text
    assert text.splitlines()[-1] == "部件 3｜事件 1（井盖 2、路灯 1）"
    sam = harness.standin.add_user(9008, "Sam", language_code="en")
    harness.standin.private_chat(sam)
    await say(harness, harness.users["admin"], f"/staff add {sam.id} dispatcher")
    english = await say(harness, sam, "/stats 7d")
    assert english.splitlines()[-1] == (
        "Assets (部件) 3 | events (事件) 1 (manhole cover 2, street light 1)"
    )
