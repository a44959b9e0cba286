"""The bot shell end to end: commands, language, privacy, restarts, duplicates, 429s."""

from __future__ import annotations

import time

from telegram import BotCommandScopeChat

from bot.messages import t
from tests.e2e.harness import ADMIN_ID, BotHarness, resident_help


async def test_start_shows_welcome_and_menu(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    reply = await harness.say(resident, "/start")
    assert reply.text is not None and reply.text.startswith("您好，小明！我是城管小助手")
    assert harness.standin.shown_keyboard(resident.id) is not None


async def test_english_users_are_answered_in_english(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["neighbour"], "/help")
    assert reply.text == resident_help("en")


async def test_cancel_with_nothing_to_cancel(harness: BotHarness) -> None:
    reply = await harness.say(harness.users["resident"], "/cancel")
    assert reply.text == t("cancel.nothing", "zh")


async def test_language_choice_sticks_and_survives_a_restart(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    offer = await harness.say(resident, "/language")
    before = len(harness.sent_to(resident))
    harness.standin.press_button(resident, offer, "English")
    await harness.next_reply(resident.id, before)
    await harness.eventually(
        lambda: harness.edited_text(resident.id, offer.message_id) == t("language.set", "en")
    )
    await harness.restart()
    assert (await harness.say(resident, "/cancel")).text == t("cancel.nothing", "en")


async def test_privacy_and_forget_me(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    assert (await harness.say(resident, "/privacy")).text == t("privacy.text", "zh")
    question = await harness.say(resident, "/forget_me")
    harness.standin.press_button(resident, question, t("forget.yes", "zh"))
    done = t("forget.done", "zh", tickets=0, follows=0)
    await harness.eventually(lambda: harness.edited_text(resident.id, question.message_id) == done)


async def test_the_same_update_delivered_twice_is_handled_once(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    update = harness.standin.send_text(resident, "/help")
    await harness.settle()
    harness.standin.redeliver(update)
    await harness.settle()
    replies = [m for m in harness.sent_to(resident) if m.text == resident_help("zh")]
    assert len(replies) == 1


async def test_telegram_429_is_waited_out_and_the_reply_arrives(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.fail_next("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    reply = await harness.say(resident, "/help")
    assert reply.text == resident_help("zh")
    assert time.monotonic() - started >= 1.0
    assert [c.error_code for c in harness.standin.calls_to("sendMessage")] == [429, None]


async def test_menus_per_scope(harness: BotHarness) -> None:
    await harness.settle()
    resident_menu = harness.standin.commands()
    english_menu = harness.standin.commands(language_code="en")
    staff_menu = harness.standin.commands(BotCommandScopeChat(ADMIN_ID))
    assert resident_menu and resident_menu[0].command == "start"
    assert english_menu and english_menu[0].description == t("cmd.start", "en")
    assert staff_menu is not None and len(staff_menu) >= len(resident_menu)
