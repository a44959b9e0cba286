"""The whole cited passage on request: a button under an answer shows it once, in the
asker's language; a press anywhere else, or a second press, shows nothing."""

from __future__ import annotations

from bot.messages import t
from tests.e2e.forgery import answer_text, assert_expired, forge
from tests.e2e.harness import BotHarness

QUESTION = "旧楼装管道燃气有补贴吗？"


def _buttons(message: object) -> list[str]:
    markup = getattr(message, "reply_markup", None)
    return [b.text for row in getattr(markup, "inline_keyboard", ()) for b in row]


async def test_the_full_passage_button_shows_the_cited_passage_once(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    reply = await harness.say(resident, QUESTION)
    assert _buttons(reply) == [t("kb.full_passage", "zh")]
    answer = reply.text or ""

    press = harness.standin.press_button(resident, reply, t("kb.full_passage", "zh"))
    passage = await harness.standin.wait_for_message(
        resident.id, lambda m: (m.text or "").startswith("📄 原文：《")
    )
    text = passage.text or ""
    assert "广州市推进旧楼加装管道燃气设施优惠补助政策" in text  # the document's title
    assert "1000元/户" in text  # the passage the answer rests on, whole
    # Its headings stand on lines of their own, after a blank line, not run into the text.
    assert "\n\n补助发给谁、标准是多少\n据上述报道" in text, text
    assert "未能核实。补助发给谁" not in text
    assert len(text) > len(answer.split(t("kb.sources_heading", "zh"))[0])
    assert await answer_text(harness, press) == ""  # answered without an alert
    await harness.eventually(
        lambda: not _buttons(harness.standin.message(resident.id, reply.message_id))
    )

    assert press.callback_query is not None
    assert_expired(await forge(harness, resident, str(press.callback_query.data), on=reply))


async def test_an_english_asker_gets_the_english_button(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    reply = await harness.say(
        resident,
        "What's the most a resident of an old building has to pay to get piped gas connected?",
    )
    assert _buttons(reply) == [t("kb.full_passage", "en")]
    harness.standin.press_button(resident, reply, t("kb.full_passage", "en"))
    passage = await harness.standin.wait_for_message(
        resident.id, lambda m: (m.text or "").startswith("📄 Full passage: ")
    )
    assert "1200元/户" in (passage.text or "")


async def test_the_button_pressed_on_another_message_shows_nothing(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, QUESTION)
    other = await harness.say(resident, "/help")
    assert_expired(await forge(harness, resident, "kb:full", on=other))


async def test_an_abstention_offers_the_staff_not_a_passage(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["resident"], "明天广州天气怎么样")
    assert _buttons(reply) == [t("ask.to_staff", "zh")]
