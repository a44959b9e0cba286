"""Traditional Chinese (zh-Hant): residents whose Telegram is set to zh-hant, zh-hk, zh-tw or
zh-mo (or Cantonese) are answered in it, and may choose it with /language."""

from __future__ import annotations

import pytest
from telegram import Message, User

from bot.messages import t
from bot.messages.script import traditional
from storage import Actor, Role
from storage.tickets import lookups, service
from tests.e2e.harness import DISPATCHER_ID, BotHarness, resident_help
from tests.e2e.resident.conftest import jpeg
from tests.e2e.staff.conftest import file_ticket
from tests.store_calls import read, run

HONG_KONG_ID, TAIPEI_ID = 1101, 1102


def _resident(harness: BotHarness, language_code: str, user_id: int = HONG_KONG_ID) -> User:
    user = harness.standin.add_user(user_id, "阿明", language_code=language_code)
    harness.standin.private_chat(user)
    return user


def _in_traditional(text: str) -> bool:
    return bool(text) and traditional(text) == text


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


def _labels(message: Message) -> list[str]:
    keyboard = getattr(message.reply_markup, "inline_keyboard", ())
    return [button.text for row in keyboard for button in row]


@pytest.mark.parametrize("code", ["zh-hant", "zh-hk", "zh-tw", "zh-mo", "yue"])
async def test_a_traditional_telegram_gets_traditional_chinese(
    harness: BotHarness, code: str
) -> None:
    resident = _resident(harness, code)
    welcome = await harness.say(resident, "/start")
    assert welcome.text == t("start.welcome", "zh-hant", name="，阿明")
    assert "選單" in (welcome.text or "") and _in_traditional(welcome.text or "")
    assert (await harness.say(resident, "/cancel")).text == "目前沒有進行中的操作。"


async def test_a_photo_report_from_hong_kong_is_traditional_from_photo_to_progress(
    harness: BotHarness,
) -> None:
    resident = _resident(harness, "zh-hk")
    harness.standin.send_photo(resident, jpeg(), caption="小區門口垃圾桶滿了")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh-hant")
    )
    harness.standin.send_text(resident, "白雲區同和街蟾蜍石東路12號")
    suggestion = await harness.standin.wait_for_message(
        resident.id, lambda m: "垃圾桶" in (m.text or "")
    )
    assert "「環衛保潔」" in (suggestion.text or "")  # the store's category, in traditional
    categories = await _last_with_buttons(harness, resident.id)
    labels = _labels(categories)
    assert labels[0] == "✅ 環衛保潔（建議）" and "燃氣安全" in labels
    assert all(_in_traditional(label) for label in labels)
    harness.standin.press_button(resident, categories, 0)
    summary = await _last_with_buttons(harness, resident.id)
    assert (summary.caption or "").startswith("請確認：\n類別：環衛保潔")
    harness.standin.press_button(resident, summary, t("report.confirm", "zh-hant"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工單編號" in (m.text or "")
    )
    text = filed.text or ""
    assert "處理部門：環衛所" in text and _in_traditional(text)
    number = text.split("工單編號 ")[1].split("\n")[0]

    await run(
        harness.services.store,
        service.accept,
        number=number,
        by=Actor(DISPATCHER_ID, Role.DISPATCHER),
    )
    harness.services.outbox.kick()
    news = await harness.standin.wait_for_message(
        resident.id, lambda m: number in (m.text or "") and "受理" in (m.text or "")
    )
    assert (news.text or "").startswith(f"📋 工單 {number}（環衛保潔）已受理立案")
    my = await harness.say(resident, "/my")
    assert (my.text or "").startswith("您的工單") and "待受理" not in (my.text or "")


async def test_language_offers_traditional_chinese_and_the_choice_sticks(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]  # Telegram in simplified Chinese
    offer = await harness.say(resident, "/language")
    assert _labels(offer) == ["简体中文", "繁體中文", "English"]
    harness.standin.press_button(resident, offer, "繁體中文")
    await harness.eventually(
        lambda: harness.edited_text(resident.id, offer.message_id) == "已切換為繁體中文。"
    )
    await harness.settle()  # the menu in the new language comes after the edit
    menu = harness.standin.shown_keyboard(resident.id)
    assert menu is not None and "📋 我的工單" in [label for row in menu for label in row]
    await harness.restart()
    assert (await harness.say(resident, "/help")).text == resident_help("zh-hant")
    harness.standin.send_text(resident, "📋 我的工單")  # the traditional menu button works
    mine = await harness.next_reply(resident.id, len(harness.sent_to(resident)) - 1)
    assert mine.text == t("my.none", "zh-hant")


async def test_a_question_is_answered_in_traditional_characters_with_its_sources(
    harness: BotHarness,
) -> None:
    resident = _resident(harness, "zh-tw", TAIPEI_ID)
    reply = await harness.say(resident, "舊樓裝管道燃氣有補貼嗎？")
    text = reply.text or ""
    assert "1000" in text or "1200" in text
    assert "依據：" in text and "廣州市城市管理和綜合執法局" in text
    assert _in_traditional(text), traditional(text)


async def test_an_english_question_from_a_traditional_reader_is_answered_in_english(
    harness: BotHarness,
) -> None:
    resident = _resident(harness, "zh-hk")
    reply = await harness.say(resident, "Is there a subsidy for piped gas in old buildings?")
    assert t("kb.sources_heading", "en") in (reply.text or "") or "not sure" in (reply.text or "")


async def test_a_gas_leak_gets_the_safety_steps_in_traditional(harness: BotHarness) -> None:
    resident = _resident(harness, "zh-hk")
    first = await harness.say(resident, "厨房好大煤气味，怎么办")  # typed in simplified
    assert first.text == t("emergency.steps", "zh-hant", hotline_line="")
    assert "升降機" in (first.text or "") and "119" in (first.text or "")


async def test_a_simplified_reader_who_writes_traditional_gets_the_steps_in_traditional(
    harness: BotHarness,
) -> None:
    first = await harness.say(harness.users["resident"], "個罐漏緊氣呀，好大陣味")
    assert first.text == t("emergency.steps", "zh-hant", hotline_line="")


async def test_a_member_of_staff_on_a_traditional_telegram_reads_cards_in_it(
    harness: BotHarness,
) -> None:
    dispatcher = harness.standin.add_user(DISPATCHER_ID, "調度員", language_code="zh-hk")

    ticket = await file_ticket(harness, description="路边垃圾堆积")
    harness.standin.send_text(dispatcher, f"/ticket {ticket.number}")
    card = await harness.standin.wait_for_message(dispatcher.id, lambda m: bool(m.text))
    text = card.text or ""
    assert "處理記錄" in text and "環衛保潔" in text and "路邊垃圾堆積" in text
    assert _in_traditional(text)
    # The staff group keeps CITYBOT_DEFAULT_LANGUAGE (simplified here).
    post = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: ticket.number in (m.text or m.caption or "")
    )
    assert "环卫保洁" in (post.text or post.caption or "")


async def test_staff_may_type_in_traditional_characters(harness: BotHarness) -> None:
    dispatcher = harness.standin.add_user(DISPATCHER_ID, "調度員", language_code="zh-hk")
    ticket = await file_ticket(harness)
    await harness.say(dispatcher, f"/accept {ticket.number}")
    done = await harness.say(dispatcher, f"/dispatch {ticket.number} 環衛所")
    assert (done.text or "").startswith(f"✅ 已派遣：{ticket.number} 交環衛所，處理時限 "), (
        done.text
    )
    detail = await read(harness.services.store, lookups.get_detail, number=ticket.number)
    assert detail.ticket.status == "dispatched" and detail.ticket.department == "sanitation"


async def test_a_staff_group_set_to_traditional_hears_in_traditional(harness: BotHarness) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"default_language": "zh-hant"})
    await harness.start()
    ticket = await file_ticket(harness, description="路边垃圾堆积")
    post = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: ticket.number in (m.text or m.caption or "")
    )
    text = post.caption or post.text or ""
    assert text.startswith(f"🆕 新工單 {ticket.number}｜環衛保潔") and "路邊垃圾堆積" in text
    labels = [b.text for row in post.reply_markup.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert t("staff.button.accept", "zh-hant") in labels


CANTONESE_SMALL_TALK = [
    ("早晨", "kb.smalltalk.greeting"),
    ("早晨呀！", "kb.smalltalk.greeting"),
    ("你好呀", "kb.smalltalk.greeting"),
    ("唔該晒", "kb.smalltalk.thanks"),
    ("多謝晒", "kb.smalltalk.thanks"),
    ("唔該晒喇", "kb.smalltalk.thanks"),
    ("拜拜", "kb.smalltalk.goodbye"),
    ("係咁先", "kb.smalltalk.goodbye"),
    ("冇問題", "kb.smalltalk.acknowledge"),
]


async def test_cantonese_small_talk_gets_a_friendly_reply_not_a_hand_over(
    harness: BotHarness,
) -> None:
    resident = _resident(harness, "zh-hk")
    for said, key in CANTONESE_SMALL_TALK:
        reply = await harness.say(resident, said)
        assert reply.text == t(key, "zh-hant"), (said, reply.text)
        assert not _labels(reply), f"{said}: no hand-over button or passage under it"
