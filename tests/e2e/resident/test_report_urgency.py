"""Urgency comes from everything the resident said, not only the photo's caption."""

from __future__ import annotations

from datetime import timedelta

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read


async def test_a_missing_cover_typed_as_the_description_gets_the_short_deadline(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg())  # no caption: nothing to triage yet
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, "天河路100号")
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, "市政设施")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_description", "zh")
    )
    harness.standin.send_text(resident, "井盖不见了")
    summary = await harness.standin.wait_for_message(
        resident.id, lambda m: "井盖不见了" in (m.caption or "")
    )
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "工单编号" in (m.text or ""))
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    assert (ticket.category, ticket.priority) == ("facilities", "urgent")
    assert ticket.deadline - ticket.created_at == timedelta(hours=2)
