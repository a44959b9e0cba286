"""What a resident sends in the middle of a report, or before one, and what it does.

Found by the model-based journeys (tests/e2e/test_journeys_model.py): /report in the middle
of a report was an unknown command; the menu's "ask" button was taken for the problem's
address; a photo after the summary got "I cannot handle this kind of message"; an album sent
while the category was asked got no answer at all.
"""

from __future__ import annotations

import pytest
from telegram import Message

from bot.messages import t
from storage.tickets import Page, lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read

ASK_LOCATION = t("report.ask_location", "zh")


async def _mine(harness: BotHarness) -> Page:
    """The resident's tickets."""
    resident = harness.users["resident"]
    return await read(
        harness.services.store, lookups.list_reporter_tickets, reporter_id=resident.id
    )


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


async def _up_to_category(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption="路灯不亮")
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == ASK_LOCATION)
    harness.standin.send_location(resident, 23.1291, 113.2644)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")


@pytest.mark.parametrize("how", ["command", "menu"])
async def test_report_in_the_middle_of_a_report_starts_a_new_one(
    harness: BotHarness, how: str
) -> None:
    resident = harness.users["resident"]
    await _up_to_category(harness)
    reply = await harness.say(resident, "/report" if how == "command" else t("menu.report", "zh"))
    assert reply.text == t("report.start", "zh")
    harness.standin.send_photo(resident, jpeg((1, 2, 3)))
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == ASK_LOCATION)


async def test_the_menus_ask_button_is_never_taken_for_an_address(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption="路灯不亮")
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == ASK_LOCATION)
    reply = await harness.say(resident, t("menu.ask", "zh"))
    assert reply.text == t("ask.prompt", "zh")
    await harness.settle()
    assert not [m for m in harness.sent_to(resident) if m.text == "👇"]  # no category asked


async def test_a_photo_after_the_summary_asks_for_the_buttons(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _up_to_category(harness)
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)
    await harness.standin.wait_for_message(resident.id, lambda m: bool(m.photo))  # the summary
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, jpeg((5, 5, 5)))
    reply = await harness.next_reply(resident.id, before)
    assert reply.text == t("report.use_buttons", "zh")


async def test_an_album_while_the_category_is_asked_is_acknowledged_once(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    await _up_to_category(harness)
    before = len(harness.sent_to(resident))
    harness.standin.send_album(resident, [jpeg((1, 1, 1)), jpeg((2, 2, 2))])
    await harness.settle()
    replies = [m.text for m in harness.sent_to(resident)[before:]]
    assert replies == [t("report.photo_added", "zh", count=2)]
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)
    summary = await _last_with_buttons(harness, resident.id)
    assert (
        t(
            "report.summary",
            "zh",
            category="市政设施",
            place="23.12910, 113.26440",
            description="路灯不亮",
            photos=3,
        )
        == summary.caption
    )  # all three photos kept


async def _to_summary(harness: BotHarness, caption: str) -> Message:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == ASK_LOCATION)
    harness.standin.send_location(resident, 23.1291, 113.2644)
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, 0)
    return await harness.standin.wait_for_message(
        resident.id, lambda m: caption in (m.caption or "")
    )
