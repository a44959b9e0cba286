"""The hourly limit counts photo reports only, and its reply sends an emergency to 119
(issue 14, defect 8): questions handed to staff and emergencies never use it up."""

from __future__ import annotations

import pytest
from telegram import Message

from bot.messages import LANGUAGES, t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_limits_reply_names_119_and_never_12345(lang: str) -> None:
    text = t("report.rate_limited", lang, count=5)
    assert "119" in text and "12345" not in text


async def test_questions_and_emergencies_leave_the_hourly_limit_untouched(
    harness: BotHarness,
) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"reports_per_hour": 1})
    await harness.start()
    resident = harness.users["resident"]
    for question in ("明天广州天气怎么样", "广州塔晚上几点关门"):
        unsure = await harness.say(resident, question)
        assert unsure.text == t("kb.not_sure", "zh")
        harness.standin.press_button(resident, unsure, t("ask.to_staff", "zh"))
        await harness.standin.wait_for_message(
            resident.id, lambda m, q=question: "咨询单号" in (m.text or "") and bool(q)
        )
    await harness.say(resident, "厨房好大一股煤气味，我现在怎么办")
    harness.standin.send_location(resident, 23.13, 113.26)
    await harness.standin.wait_for_message(resident.id, lambda m: "紧急工单" in (m.text or ""))
    assert len((await read(harness.services.store, lookups.list_queue)).tickets) == 3
    # Two questions and an emergency filed: the one photo report of the hour is still free.
    harness.standin.send_photo(resident, jpeg(), caption="垃圾桶满了")
    asked = await harness.standin.wait_for_message(
        resident.id,
        lambda m: (
            m.text in (t("report.ask_location", "zh"), t("report.rate_limited", "zh", count=1))
        ),
    )
    assert asked.text == t("report.ask_location", "zh")
    harness.standin.send_location(resident, 23.2, 113.3)
    harness.standin.press_button(resident, await _last_with_buttons(harness, resident.id), 0)
    summary = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "工单编号" in (m.text or ""))
    # ...and that one counts: the next photo meets the limit, told to call 119 if in danger.
    harness.standin.send_photo(resident, jpeg((1, 1, 1)))
    limited = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.rate_limited", "zh", count=1)
    )
    assert "119" in (limited.text or "")
