"""Questions get cited answers or an honest hand-over; gas emergencies get the steps first."""

from __future__ import annotations

import pytest

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read
from tests.unit.test_emergency import EMERGENCIES

STEPS = t("emergency.steps", "zh", hotline_line="")
STEPS_TRADITIONAL = t("emergency.steps", "zh-hant", hotline_line="")  # who writes traditional

ORDINARY_GAS_QUESTIONS = [
    "旧楼装管道燃气有补贴吗？",
    "煤气罐能放地下室吗",
    "燃气热水器可以装在浴室吗",
]


async def test_a_policy_question_is_answered_with_its_sources(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["resident"], "旧楼装管道燃气有补贴吗？")
    text = reply.text or ""
    assert "1000" in text or "1200" in text
    assert t("kb.sources_heading", "zh") in text
    assert "广州市城市管理和综合执法局" in text


async def test_an_out_of_scope_question_abstains_and_can_go_to_staff(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    reply = await harness.say(resident, "明天广州天气怎么样")
    assert reply.text == t("kb.not_sure", "zh")
    harness.standin.press_button(resident, reply, t("ask.to_staff", "zh"))
    # The number is owed (a message of its own); the answer above only loses its button.
    await harness.standin.wait_for_message(resident.id, lambda m: "咨询单号" in (m.text or ""))
    await harness.eventually(
        lambda: (
            (message := harness.standin.message(resident.id, reply.message_id)) is not None
            and not message.reply_markup
        )
    )
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    assert ticket.category == "consultation" and ticket.description == "明天广州天气怎么样"
    await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: ticket.number in (m.text or "")
    )


async def test_greetings_get_no_policy_passages(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["resident"], "你好")
    assert t("kb.sources_heading", "zh") not in (reply.text or "")


@pytest.mark.parametrize("text", EMERGENCIES)
async def test_every_emergency_phrasing_gets_the_steps_first(
    harness: BotHarness, text: str
) -> None:
    resident = harness.users["resident"]
    first = await harness.say(resident, text)
    if text.isascii() and len(text.split()) >= 3:
        # Written in English: the steps in English, whatever the phone's language.
        assert first.text == t("emergency.steps", "en", hotline_line="")
    else:  # Chinese, or "ｇａｓ ｌｅａｋ" typed with a Chinese keyboard
        assert first.text in (STEPS, STEPS_TRADITIONAL)


@pytest.mark.parametrize("text", ORDINARY_GAS_QUESTIONS)
async def test_ordinary_gas_questions_do_not_raise_the_alarm(
    harness: BotHarness, text: str
) -> None:
    first = await harness.say(harness.users["resident"], text)
    assert first.text != STEPS
    # At most the one safety line on top of the answer, never the full alarm.
    assert "🚨" not in (first.text or "")


async def test_an_emergency_photo_then_location_files_an_urgent_ticket(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption="餐厅后厨燃气泄漏了")
    first = await harness.standin.wait_for_message(resident.id)
    assert first.text == STEPS  # before any report question
    harness.standin.send_location(resident, 23.13, 113.26)
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "紧急工单" in (m.text or "")
    )
    number = (filed.text or "").split("紧急工单 ")[1].split("，")[0]
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert (detail.ticket.category, detail.ticket.priority) == ("gas", "urgent")
    assert [p.kind for p in detail.photos] == ["before"]
    alert = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or "")
    )
    assert "🚨" in (alert.text or alert.caption or "")
    texts = [m.text for m in harness.sent_to(resident)]
    assert t("report.ask_location", "zh") not in texts  # the report flow did not start
