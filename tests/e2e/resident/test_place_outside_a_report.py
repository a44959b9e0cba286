"""A place sent outside a report is an offer to report there (issue 14, defect 15), never
"we cannot handle this kind of message"."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.forgery import assert_expired, forge
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read


async def _buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


async def test_a_location_outside_a_report_offers_to_report_there(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_location(resident, 23.1291, 113.2644)
    offer = await harness.standin.wait_for_message(resident.id)
    assert offer.text == t("report.place_offer", "zh")
    assert t("unsupported.kind", "zh", kind=t("kind.other", "zh")) != offer.text
    harness.standin.press_button(resident, offer, t("report.here", "zh"))
    asked = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.start", "zh")
    )
    harness.standin.send_photo(resident, jpeg(), caption="垃圾桶满了")
    # The place is known: straight on to the category, no question where.
    categories = await _buttons(harness, resident.id)
    assert categories.message_id > asked.message_id
    assert all(m.text != t("report.ask_location", "zh") for m in harness.sent_to(resident))
    harness.standin.press_button(resident, categories, 0)
    summary = await _buttons(harness, resident.id)
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "工单编号" in (m.text or ""))
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    assert (ticket.latitude, ticket.longitude) == (23.1291, 113.2644)
    # The offer was taken: pressing it again begins nothing.
    assert_expired(await forge(harness, resident, "rp:here", on=offer))


async def test_a_venue_and_no_photo_go_straight_on_to_the_category(harness: BotHarness) -> None:
    neighbour = harness.users["neighbour"]  # in English
    harness.standin.send_venue(neighbour, 23.13, 113.32, "Tianhe Park", "Tianhe Rd")
    offer = await harness.standin.wait_for_message(neighbour.id)
    assert offer.text == t("report.place_offer", "en")
    harness.standin.press_button(neighbour, offer, 0)
    asked = await harness.standin.wait_for_message(
        neighbour.id, lambda m: m.text == t("report.start", "en")
    )
    harness.standin.press_button(neighbour, asked, t("report.skip_photo", "en"))
    categories = await _buttons(harness, neighbour.id)
    assert categories.message_id > asked.message_id
    assert all(m.text != t("report.ask_location", "en") for m in harness.sent_to(neighbour))


async def test_a_location_during_the_photo_step_is_the_reports_place(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/report")
    harness.standin.send_location(resident, 23.2, 113.3)
    noted = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.place_noted", "zh")
    )
    assert noted is not None
    harness.standin.send_photo(resident, jpeg(), caption="井盖缺失")
    categories = await _buttons(harness, resident.id)
    assert all(m.text != t("report.ask_location", "zh") for m in harness.sent_to(resident))
    assert categories.reply_markup is not None


async def test_an_old_place_offer_begins_nothing(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_location(resident, 23.1, 113.2)
    first = await harness.standin.wait_for_message(resident.id)
    harness.standin.send_location(resident, 23.3, 113.4)
    await harness.standin.wait_for_message(resident.id)
    assert_expired(await forge(harness, resident, "rp:here", on=first))
