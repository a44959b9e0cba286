"""The danger flow always files: a location, a venue or a typed address after the steps; a
possible danger gets its normal reply under one safety line and a button that escalates."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import Message

from bot.messages import t
from storage import Status
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.store_calls import read

STEPS = t("emergency.steps", "zh", hotline_line="")
DANGER = "厨房好大一股煤气味，我现在怎么办"
POSSIBLE = "厨房好像有点怪味，不是煤气吧"


async def _urgent_numbers(harness: BotHarness, user_id: int) -> list[str]:
    mine = await read(harness.services.store, lookups.list_reporter_tickets, reporter_id=user_id)
    return [ticket.number for ticket in mine.tickets if ticket.priority == "urgent"]


async def _filed_message(harness: BotHarness, user_id: int) -> Message:
    return await harness.standin.wait_for_message(user_id, lambda m: "紧急工单" in (m.text or ""))


async def test_a_typed_address_after_the_steps_files_the_urgent_ticket(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    first = await harness.say(resident, DANGER)
    assert first.text == STEPS
    harness.standin.send_text(resident, "天河区体育西路101号3楼")
    filed = await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    assert number in (filed.text or "")
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.category == harness.services.store.catalog.emergency_category
    assert detail.ticket.address == "天河区体育西路101号3楼"
    assert DANGER in detail.ticket.description
    alert = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or "")
    )
    assert "体育西路" in (alert.text or alert.caption or "")


async def test_a_venue_after_the_steps_files_the_urgent_ticket(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    harness.standin.send_venue(resident, 23.135, 113.32, "天河城", "天河路208号")
    await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.latitude == pytest.approx(23.135)
    assert "天河城" in (detail.ticket.address or "")


async def test_a_question_after_the_steps_is_not_taken_for_an_address(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    asked = await harness.say(resident, "要不要打电话给物业？")
    # Someone in danger is told to leave and call 119 and asked for the place again: never an
    # FAQ's "not sure, call 12345".
    assert asked.text == t("emergency.ask_place_again", "zh", hotline_line="")
    assert "119" in (asked.text or "") and "12345" not in (asked.text or "")
    assert await _urgent_numbers(harness, resident.id) == []
    # ...and the place can still come afterwards.
    harness.standin.send_location(resident, 23.13, 113.26)
    await _filed_message(harness, resident.id)
    assert len(await _urgent_numbers(harness, resident.id)) == 1


async def test_still_smelling_after_an_alert_is_a_danger_again(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    harness.standin.send_location(resident, 23.13, 113.26)
    await _filed_message(harness, resident.id)
    again = await harness.say(resident, "还是有味")
    assert again.text == STEPS


async def test_still_smelling_adds_to_the_urgent_ticket_already_filed(
    harness: BotHarness,
) -> None:
    # Staff must see one emergency going on, not a second unrelated one at a new place.
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    harness.standin.send_text(resident, "天河区体育西路101号3楼")
    await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    again = await harness.say(resident, "还是有味，比刚才还浓")
    assert again.text == STEPS
    added = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("emergency.added_to_ticket", "zh", number=number)
    )
    assert added is not None
    assert await _urgent_numbers(harness, resident.id) == [number]
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert any("比刚才还浓" in (event.note or "") for event in detail.events)
    await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "比刚才还浓" in (m.text or m.caption or "")
    )
    # The place was given already: a location now is no second ticket.
    harness.standin.send_location(resident, 23.13, 113.26)
    await harness.settle()
    assert await _urgent_numbers(harness, resident.id) == [number]


async def test_a_possible_danger_gets_a_safety_line_and_its_normal_answer(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    before = len(harness.sent_to(resident))
    first = await harness.say(resident, POSSIBLE)
    assert first.text == t("emergency.safety_line", "zh", hotline_line="")
    await harness.settle()
    replies = harness.sent_to(resident)[before:]
    assert len(replies) >= 2  # the line on top, then the normal reply
    assert all(m.text != STEPS for m in replies)
    # The escalation button turns it into the danger flow.
    update = harness.standin.press_button(resident, first, 0)
    assert update.callback_query is not None
    steps = await harness.standin.wait_for_message(resident.id, lambda m: m.text == STEPS)
    assert steps is not None
    harness.standin.send_location(resident, 23.13, 113.26)
    await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert POSSIBLE in detail.ticket.description


async def test_a_forged_escalation_press_changes_nothing(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    greeting = await harness.say(resident, "/start")
    update = harness.standin.press_data(resident, greeting, "em:escalate")
    await harness.settle()
    answer = harness.standin.callback_answer(update.callback_query.id)  # type: ignore[union-attr]
    assert answer is not None and answer.text == t("error.stale_button", "zh")
    assert all(m.text != STEPS for m in harness.sent_to(resident))


async def test_urgent_tickets_do_not_count_against_the_hourly_limit(
    harness: BotHarness,
) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"reports_per_hour": 1})
    await harness.start()
    resident = harness.users["resident"]
    for count, latitude in enumerate((23.13, 23.20), start=1):
        await harness.say(resident, DANGER)
        harness.standin.send_location(resident, latitude, 113.26)
        await harness.settle()
        assert len(await _urgent_numbers(harness, resident.id)) == count
    # ...and an ordinary report is still allowed after them.
    reply = await harness.say(resident, "/report")
    assert reply.text == t("report.start", "zh")


async def test_the_gas_hotline_and_traditional_characters(harness: BotHarness) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"gas_hotline": "020-83999999"})
    await harness.start()
    first = await harness.say(harness.users["resident"], "個罐漏緊氣呀！！成屋都係陣味")
    assert "119" in (first.text or "") and "020-83999999" in (first.text or "")
    assert "請" in (first.text or "")  # written in traditional, answered in traditional
    english = await harness.say(harness.users["neighbour"], "kitchen smell like gas very strong")
    assert english.text == t(
        "emergency.steps", "en", hotline_line=t("emergency.hotline", "en", number="020-83999999")
    )


async def test_steps_in_english_for_an_english_message_from_a_chinese_phone(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]  # Telegram set to Chinese
    first = await harness.say(resident, "the gas bottle is make ssss sound")
    assert first.text == t("emergency.steps", "en", hotline_line="")
    assert harness.standin.shown_keyboard(resident.id) == [[t("emergency.share_location", "en")]]
    again = await harness.say(resident, "I am at home")
    assert again.text == t("emergency.ask_place_again", "en", hotline_line="")
    # One Latin word is no sign of an English reader: a Chinese resident's "gas!!".
    short = await harness.say(harness.users["resident"], "/cancel")
    assert short.text == t("cancel.done", "zh")
    assert (await harness.say(resident, "gas!!")).text == STEPS


async def test_no_gas_ticket_is_lost_after_the_steps(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    harness.standin.send_location(resident, 23.13, 113.26)
    await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.status == Status.SUBMITTED.value


def test_a_categories_file_without_the_emergency_category_stops_start_up(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    shipped = Path(__import__("storage").__file__).with_name("categories.yaml")
    custom = tmp_path / "categories.yaml"
    custom.write_text(shipped.read_text("utf-8").replace("emergency_category: gas\n", ""), "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        env={
            "PATH": "/usr/bin:/bin",
            "CITYBOT_TELEGRAM_TOKEN": "123:abc",
            "CITYBOT_CATEGORIES_FILE": str(custom),
            "CITYBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
            "CITYBOT_DATA_DIR": str(tmp_path / "data"),
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "emergency_category" in lines[0], done.stderr


async def test_a_photo_report_begun_after_an_alert_keeps_its_own_place(
    harness: BotHarness,
) -> None:
    from tests.e2e.resident.conftest import jpeg

    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    harness.standin.send_photo(resident, jpeg(), caption="路灯坏了")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, 23.13, 113.26)
    await harness.standin.wait_for_message(
        resident.id, lambda m: bool(getattr(m.reply_markup, "inline_keyboard", None))
    )
    assert await _urgent_numbers(harness, resident.id) == []


@pytest.mark.parametrize("report_first", [True, False])
async def test_within_one_second_the_order_of_the_messages_decides_whose_place_it_is(
    harness: BotHarness, report_first: bool
) -> None:
    """Telegram dates messages to the second: a report begun just before the alert (found by
    the journeys, where it took the alert's place) or just after it, in the same second."""
    from tests.e2e.resident.conftest import jpeg

    resident = harness.users["resident"]
    harness.standin.world.clock = lambda: 1_795_000_000.0  # every message in one second
    if not report_first:
        await harness.say(resident, DANGER)
    harness.standin.send_photo(resident, jpeg(), caption="路灯坏了")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    if report_first:
        await harness.say(resident, DANGER)
    harness.standin.send_location(resident, 23.13, 113.26)
    await harness.settle()
    urgent = await _urgent_numbers(harness, resident.id)
    assert len(urgent) == (1 if report_first else 0)


async def test_cancel_after_the_steps_stops_waiting_for_the_place(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    assert (await harness.say(resident, "/cancel")).text == t("cancel.done", "zh")
    harness.standin.send_location(resident, 23.13, 113.26)
    await harness.settle()
    assert await _urgent_numbers(harness, resident.id) == []


async def test_at_home_after_the_steps_asks_for_the_address_then_files_it(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    again = await harness.say(resident, "在家")
    assert again.text == t("emergency.ask_place_again", "zh", hotline_line="")
    assert harness.standin.shown_keyboard(resident.id) == [[t("emergency.share_location", "zh")]]
    harness.standin.send_text(resident, "白云区同和街蟾蜍石东路12号")
    await _filed_message(harness, resident.id)
    (number,) = await _urgent_numbers(harness, resident.id)
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.address == "白云区同和街蟾蜍石东路12号"


async def test_a_menu_button_after_the_steps_goes_to_its_feature(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, DANGER)
    mine = await harness.say(resident, t("menu.my", "zh"))
    assert mine.text != t("emergency.ask_place_again", "zh", hotline_line="")
