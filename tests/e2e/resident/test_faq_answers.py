"""FAQ answers through the real bot: the asker's language, the source, the hand-over."""

from __future__ import annotations

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.store_calls import read


async def test_an_english_faq_question_gets_the_english_answer_with_its_source(
    harness: BotHarness,
) -> None:
    # The resident's chat is Chinese; the question is English, so the answer is too.
    reply = await harness.say(
        harness.users["resident"],
        "What's the most a resident of an old building has to pay to get piped gas connected?",
    )
    text = reply.text or ""
    assert "No more than 1,200 yuan per household" in text
    assert t("kb.sources_heading", "en") in text
    assert "广州市推进旧楼加装管道燃气设施优惠补助政策" in text  # the document's title
    assert "用户报装价格最高不超过1200元/户" in text  # and the passage it rests on


async def test_an_out_of_scope_question_gets_the_hand_over_in_the_askers_language(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    reply = await harness.say(resident, "How do I renew my passport?")
    assert reply.text == t("kb.not_sure", "en")
    harness.standin.press_button(resident, reply, t("ask.to_staff", "en"))
    await harness.standin.wait_for_message(
        resident.id, lambda m: "咨询单号" in (m.text or "") or "consultation" in (m.text or "")
    )
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    assert ticket.category == "consultation"
    assert ticket.description == "How do I renew my passport?"


async def test_a_chinese_elevator_subsidy_question_is_not_answered_with_the_gas_subsidy(
    harness: BotHarness,
) -> None:
    reply = await harness.say(harness.users["resident"], "我哋栋楼想装电梯，政府会唔会俾钱？")
    assert reply.text == t("kb.not_sure", "zh")
