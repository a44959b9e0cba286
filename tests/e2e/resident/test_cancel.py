"""/cancel at any step of a report leaves the chat idle, and the next message is handled anew.

Before: /cancel was answered "已取消" by a handler that ran before the report conversation,
whose state stayed put; the next photo got no answer and /report was "unknown", for good.
"""

from __future__ import annotations

import pytest
from telegram import Message

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.journeys.texts import is_answer
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read

ASK_LOCATION = t("report.ask_location", "zh")


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


async def _walk_to(harness: BotHarness, step: str) -> None:
    """Take the resident's report up to `step`: photo, location, category or confirm."""
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption="垃圾桶满了")
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == ASK_LOCATION)
    if step == "location":
        return
    harness.standin.send_location(resident, 23.1291, 113.2644)
    keyboard = await _last_with_buttons(harness, resident.id)
    if step == "category":
        return
    harness.standin.press_button(resident, keyboard, 0)
    await harness.standin.wait_for_message(resident.id, lambda m: bool(m.photo))


@pytest.mark.parametrize("step", ["location", "category", "confirm"])
async def test_cancel_at_any_step_then_a_photo_starts_a_new_report(
    harness: BotHarness, step: str
) -> None:
    resident = harness.users["resident"]
    await _walk_to(harness, step)
    reply = await harness.say(resident, "/cancel")
    assert reply.text == t("cancel.done", "zh")
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, jpeg((10, 200, 30)), caption="路灯不亮")
    answer = await harness.next_reply(resident.id, before)
    assert answer.text == ASK_LOCATION
    # ...and the new report runs to the end.
    harness.standin.send_location(resident, 23.2, 113.3)
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)
    summary = await harness.standin.wait_for_message(
        resident.id, lambda m: bool(m.photo) and "路灯不亮" in (m.caption or "")
    )
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "CG-" in (m.text or ""))
    mine = await read(
        harness.services.store, lookups.list_reporter_tickets, reporter_id=resident.id
    )
    assert [ticket.description for ticket in mine.tickets] == ["路灯不亮"]


async def test_report_command_works_after_cancel(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _walk_to(harness, "location")
    await harness.say(resident, "/cancel")
    reply = await harness.say(resident, "/report")
    assert reply.text == t("report.start", "zh")


async def test_a_button_of_the_cancelled_report_is_answered_and_files_nothing(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    await _walk_to(harness, "confirm")
    summary = await _last_with_buttons(harness, resident.id)
    await harness.say(resident, "/cancel")
    update = harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    assert update.callback_query is not None
    await harness.settle()
    answer = harness.standin.callback_answer(update.callback_query.id)
    assert answer is not None and answer.text == t("error.stale_button", "zh")
    mine = await read(
        harness.services.store, lookups.list_reporter_tickets, reporter_id=resident.id
    )
    assert mine.tickets == []


async def test_cancel_with_nothing_going_on_says_so(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["resident"], "/cancel")
    assert reply.text == t("cancel.nothing", "zh")


async def test_a_restart_after_cancel_keeps_the_chat_idle(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _walk_to(harness, "category")
    await harness.say(resident, "/cancel")
    await harness.restart()
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, jpeg((200, 10, 30)))
    assert (await harness.next_reply(resident.id, before)).text == ASK_LOCATION


@pytest.mark.parametrize("step", ["location", "category", "confirm"])
async def test_after_cancel_a_question_and_a_place_are_answered_afresh(
    harness: BotHarness, step: str
) -> None:
    """Walk-through defect 1: after /cancel, words are a question again (not the report's
    address or description) and a shared place is offered as a new report's."""
    resident = harness.users["resident"]
    await _walk_to(harness, step)
    await harness.say(resident, "/cancel")
    before = len(harness.sent_to(resident))
    harness.standin.send_text(resident, "液化气钢瓶多久检验一次")
    await harness.next_reply(resident.id, before)
    await harness.settle()
    answers = [m.text or "" for m in harness.sent_to(resident)[before:]]
    assert any(is_answer(text) for text in answers), answers
    before = len(harness.sent_to(resident))
    harness.standin.send_location(resident, 23.2, 113.3)
    assert (await harness.next_reply(resident.id, before)).text == t("report.place_offer", "zh")
