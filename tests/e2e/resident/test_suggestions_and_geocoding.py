"""The category comes from the index when no keyword matches; a configured geocoder turns a
typed address into coordinates, so the distance-based duplicate check works for it too."""

from __future__ import annotations

import pytest

from bot.geocoding import GeocoderError, load_geocoder
from bot.messages import t
from storage import NewTicket
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket


async def test_no_keyword_so_the_index_suggests_the_category(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.services.knowledge_base()  # loaded, as on a bot that has run a while
    harness.standin.send_photo(resident, jpeg(), caption="楼下乱扔废旧电池和过期药品")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, "天河路100号")
    suggestion = await harness.standin.wait_for_message(
        resident.id, lambda m: "我建议" in (m.text or "")
    )
    assert "因为这与《" in (suggestion.text or "")


async def test_a_geocoded_address_finds_the_nearby_duplicate(harness: BotHarness) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(
        update={"geocoder": "tests.e2e.resident.geocoder_plugin:make"}
    )
    await harness.start()
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    existing = await file_ticket(
        harness.services.store,
        NewTicket(
            category="sanitation",
            description="垃圾桶满了",
            latitude=23.1902,
            longitude=113.3300,
            reporter_id=neighbour.id,
        ),
    )
    harness.standin.send_photo(resident, jpeg(), caption="垃圾桶满了")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, "白云区同和街蟾蜍石东路12号")
    await harness.standin.wait_for_message(resident.id, lambda m: "垃圾桶" in (m.text or ""))
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, 0)
    offer = await harness.standin.wait_for_message(
        resident.id, lambda m: existing.number in (m.text or "")
    )
    assert "22 米" in (offer.text or "")  # from the coordinates, not just similar text


def test_a_wrong_geocoder_setting_is_named(harness: BotHarness) -> None:
    bad = harness.settings.model_copy(update={"geocoder": "no.such.module:make"})
    with pytest.raises(GeocoderError, match="CITYBOT_GEOCODER"):
        load_geocoder(bad)
