"""FAQ answers through the real bot: the asker's language, the source, the hand-over."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket
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


def _labels(message: Message) -> list[str]:
    keyboard = getattr(message.reply_markup, "inline_keyboard", ())
    return [button.text for row in keyboard for button in row]


async def test_a_handed_over_question_staff_answered_is_closed_and_reads_answered_in_my(
    harness: BotHarness,
) -> None:
    resident, dispatcher = harness.users["resident"], harness.users["dispatcher"]
    reply = await harness.say(resident, "我哋栋楼想装电梯，政府会唔会俾钱？")
    harness.standin.press_button(resident, reply, t("ask.to_staff", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "咨询单号" in (m.text or ""))
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    mine = await harness.say(resident, "/my")
    assert _labels(mine) == [
        t(
            "my.item",
            "zh",
            number=ticket.number,
            category="咨询",
            status=t("status.submitted", "zh"),
        )
    ]

    answer = "加装电梯可申请财政补贴，请向所在区住房城乡建设部门咨询。"
    before = len(harness.sent_to(resident))
    await harness.say(dispatcher, f"/reply {ticket.number} {answer}")
    news = await harness.next_reply(resident.id, before)
    assert answer in (news.text or "")
    detail = await read(harness.services.store, lookups.get_detail, number=ticket.number)
    assert (detail.ticket.status, detail.ticket.is_open) == ("closed", False)
    assert detail.ticket.closed_at is not None
    assert [(e.action, e.from_status, e.to_status) for e in detail.events][-1] == (
        "reply",
        "submitted",
        "closed",
    )
    mine = await harness.say(resident, "/my")
    assert _labels(mine) == [
        t("my.item", "zh", number=ticket.number, category="咨询", status=t("status.answered", "zh"))
    ]
    assert not (await read(harness.services.store, lookups.list_queue)).tickets, "off the queue"


async def test_a_reply_to_an_ordinary_ticket_keeps_its_status(harness: BotHarness) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    await harness.say(dispatcher, f"/reply {ticket.number} 已通知环卫所，今天处理。")
    detail = await read(harness.services.store, lookups.get_detail, number=ticket.number)
    assert detail.ticket.status == "submitted" and detail.ticket.is_open


async def test_a_price_question_is_not_answered_with_yes(harness: BotHarness) -> None:
    # The entry's standard answer was written for "有补贴吗": it opens with 有。
    resident = harness.users["resident"]
    price = await harness.say(resident, "旧楼装管道燃气补贴多少钱")
    assert (price.text or "").startswith("居民报装价格最高不超过1200元/户"), price.text
    yes_no = await harness.say(resident, "旧楼装管道燃气有补贴吗")
    assert (yes_no.text or "").startswith("有。居民报装价格最高不超过1200元/户"), yes_no.text
