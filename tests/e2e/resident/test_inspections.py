"""燃气入户安检 end to end: a resident books a visit in a short conversation with buttons, an
inspector of the gas company takes it, the resident is told and reminded the day before (the
store's clock moved, the reminder an outbox row not due till then); at the door the resident
checks the badge (a real inspector and a fake one); after the visit a hazard opens a 燃气安全
ticket for the address."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Message, User

from bot.messages import t
from storage import Actor, Role
from storage.inspections import register_inspector
from storage.staff import service as staff
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import read

INSPECTOR_ID, BADGE = 7001, "GR2026"
ADDRESS = "白云区同和街蟾蜍石东路12号3栋502"
MONDAY_10AM = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # 10:00 in Guangzhou


@pytest.fixture
async def clock(harness: BotHarness) -> FakeClock:
    fake = FakeClock(MONDAY_10AM)
    harness.services.store.clock = fake
    return fake


@pytest.fixture
async def inspector(harness: BotHarness, clock: FakeClock) -> User:
    user = harness.standin.add_user(INSPECTOR_ID, "李师傅")
    harness.standin.private_chat(user)
    async with harness.services.store.unit_of_work() as uow:
        await staff.add_member(
            uow, by=Actor(None, Role.ADMIN), user_id=user.id, role=Role.GAS_INSPECTOR
        )
        await register_inspector(uow, badge=BADGE, user_id=user.id, name="李师傅")
    return user


def _text(harness: BotHarness, message: Message) -> str:
    return harness.edited_text(message.chat.id, message.message_id)


async def _book(harness: BotHarness, resident: User) -> Message:
    """Book tomorrow (Tuesday 1 December) morning; the owed confirmation of the request."""
    asked = await harness.say(resident, "/inspection")
    assert asked.text == t("inspection.ask_address", "zh")
    days = await harness.say(resident, ADDRESS)
    assert days.text == t("inspection.ask_day", "zh")
    harness.standin.press_button(resident, days, "2026年12月1日")
    await harness.eventually(lambda: "时间段" in _text(harness, days))
    harness.standin.press_button(resident, days, t("inspection.period.morning", "zh"))
    await harness.eventually(lambda: ADDRESS in _text(harness, days))
    assert "2026年12月1日" in _text(harness, days)
    before = len(harness.sent_to(resident))
    harness.standin.press_button(resident, days, t("inspection.book", "zh"))
    return await harness.next_reply(resident.id, before)


async def _take(harness: BotHarness, inspector: User) -> Message:
    listed = await harness.say(inspector, "/inspections")
    assert ADDRESS in (listed.text or "")
    before = len(harness.sent_to(inspector))
    harness.standin.press_button(inspector, listed, t("inspection.take", "zh"))
    return await harness.next_reply(inspector.id, before)


async def test_booking_confirmation_reminder_badge_and_a_hazard(
    harness: BotHarness, clock: FakeClock, inspector: User
) -> None:
    resident = harness.users["resident"]
    requested = await _book(harness, resident)
    assert "预约号" in (requested.text or "") and ADDRESS in (requested.text or "")
    await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: ADDRESS in (m.text or "")
    )

    before = len(harness.sent_to(resident))
    taken = await _take(harness, inspector)
    assert "居民已收到通知" in (taken.text or "")
    told = await harness.standin.wait_for_message(resident.id, lambda m: "已确认" in (m.text or ""))
    assert (
        "李师傅" in (told.text or "") and BADGE in (told.text or "") and "上午" in (told.text or "")
    )

    # The reminder is owed for 18:00 the day before: not before, then at once.
    await harness.settle()
    assert not any("提醒" in (m.text or "") for m in harness.sent_to(resident)[before:])
    clock.advance(hours=8, minutes=1)  # Monday 18:01 in Guangzhou
    reminder = await harness.standin.wait_for_message(
        resident.id, lambda m: (m.text or "").startswith("⏰")
    )
    assert "明天" in (reminder.text or "") and f"/inspector {BADGE}" in (reminder.text or "")

    # At the door on Tuesday: the real inspector checks out, a made-up badge does not.
    clock.advance(hours=14)
    real = await harness.say(resident, f"/inspector {BADGE.lower()}")
    assert (real.text or "").startswith("✅") and "李师傅" in (real.text or "")
    # Or the button under the reminder, then the number.
    before = len(harness.sent_to(resident))
    harness.standin.press_button(resident, reminder, t("inspection.check_button", "zh"))
    asked = await harness.next_reply(resident.id, before)
    assert asked.text == t("inspection.ask_badge", "zh")
    by_button = await harness.say(resident, BADGE)
    assert (by_button.text or "").startswith("✅")
    harness.standin.press_button(resident, told, t("inspection.check_button", "zh"))
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("inspection.ask_badge", "zh")
    )
    fake = await harness.say(resident, "/inspector 12345")
    assert "这不是我们派出的人员，请勿开门" in (fake.text or "")
    await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "12345" in (m.text or "") and "冒充" in (m.text or "")
    )
    # The real badge at a door it was not booked for (the neighbour's) is no visit of ours.
    elsewhere = await harness.say(harness.users["neighbour"], f"/inspector {BADGE}")
    assert (elsewhere.text or "") == t("inspection.not_ours", "en")
    checks = await harness.say(inspector, "/inspections checks")
    assert "12345" in (checks.text or "") and BADGE in (checks.text or "")

    # After the visit: a hazard, with its photo, opens a gas safety ticket for the address.
    listed = await harness.say(inspector, "/inspections")
    assert BADGE in (listed.text or "")
    asked = len(harness.sent_to(inspector))
    harness.standin.press_button(inspector, listed, t("inspection.hazard", "zh"))
    ask = await harness.next_reply(inspector.id, asked)
    assert "照片" in (ask.text or "")
    # An inspector records what they found: a leak in the caption is their finding, not a
    # cry for help (no safety steps to swallow the photo, no safety line).
    caption = "灶具软管老化开裂，接口漏气，未装熄火保护"
    harness.standin.send_photo(inspector, jpeg(), caption=caption)
    saved = await harness.standin.wait_for_message(
        inspector.id, lambda m: "工单" in (m.text or ""), timeout=15
    )
    number = (saved.text or "").split("工单 ")[1].split("。")[0]
    warned = await harness.standin.wait_for_message(resident.id, lambda m: number in (m.text or ""))
    assert "隐患" in (warned.text or "")
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.category == "gas" and detail.ticket.address == ADDRESS
    assert detail.ticket.reporter_id == resident.id
    assert "软管老化" in detail.ticket.description
    assert [p.kind for p in detail.photos] == ["before"]
    # The inspector's photo was the result's, not the beginning of a photo report.
    assert not any(m.text == t("report.ask_location", "zh") for m in harness.sent_to(inspector))
    assert not any("119" in (m.text or "") for m in harness.sent_to(inspector))


async def test_no_hazard_tells_the_resident(
    harness: BotHarness, clock: FakeClock, inspector: User
) -> None:
    resident = harness.users["resident"]
    await _book(harness, resident)
    await _take(harness, inspector)
    listed = await harness.say(inspector, "/inspections")
    harness.standin.press_button(inspector, listed, t("inspection.no_hazard", "zh"))
    done = await harness.standin.wait_for_message(
        resident.id, lambda m: "未发现燃气安全隐患" in (m.text or "")
    )
    assert "李师傅" in (done.text or "")
    # Its buttons are gone; pressed again anyway (a replayed press), nothing is recorded twice.
    assert listed.reply_markup is not None
    harness.standin.press_data(
        inspector, listed, listed.reply_markup.inline_keyboard[0][0].callback_data
    )
    await harness.settle()
    finished = [m for m in harness.sent_to(resident) if "未发现燃气安全隐患" in (m.text or "")]
    assert len(finished) == 1


async def test_cancel_half_way_books_nothing(
    harness: BotHarness, clock: FakeClock, inspector: User
) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/inspection")
    days = await harness.say(resident, ADDRESS)
    cancelled = await harness.say(resident, "/cancel")
    assert cancelled.text == t("cancel.done", "zh")
    harness.standin.press_button(resident, days, 0)  # the old day button: nothing happens
    await harness.settle()
    assert _text(harness, days) == t("inspection.ask_day", "zh")
    none = await harness.say(inspector, "/inspections")
    assert none.text == t("inspection.staff_none", "zh")


async def test_residents_cannot_take_or_close_visits(
    harness: BotHarness, clock: FakeClock, inspector: User
) -> None:
    resident = harness.users["resident"]
    requested = await _book(harness, resident)
    number = (requested.text or "").split("预约号 ")[1].split("\n")[0]
    denied = await harness.say(resident, "/inspections")
    assert denied.text == t("unknown.command", "zh")
    # A forged press of the inspector's button, on a message of the resident's own chat.
    harness.standin.press_data(resident, requested, f"is:confirm:{number}")
    await harness.settle()
    none = await harness.say(inspector, "/inspections")
    assert t("inspection.take", "zh") in str(none.reply_markup)  # still waiting to be taken
    assert not any("已确认" in (m.text or "") for m in harness.sent_to(resident))


async def test_an_address_too_short_is_asked_again(harness: BotHarness, clock: FakeClock) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/inspection")
    harness.standin.send_text(resident, "家")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("inspection.bad_address", "zh", limit=200)
    )
    days = await harness.say(resident, ADDRESS)
    assert days.text == t("inspection.ask_day", "zh")


async def test_a_menu_button_half_way_leaves_the_booking_for_its_feature(
    harness: BotHarness, clock: FakeClock
) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/inspection")
    started = await harness.say(resident, t("menu.report", "zh"))
    assert started.text == t("report.start", "zh")  # a report, not an address
    expected = await harness.say(resident, ADDRESS)
    assert expected.text == t("report.expected_photo", "zh")  # the report's step, not ours
