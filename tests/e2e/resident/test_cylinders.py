"""液化气钢瓶扫码 end to end: a resident photographs a cylinder's QR label after /cylinder (or
the menu button) and is told what the registry says; a bad cylinder becomes a 燃气安全 ticket
with its code and photo; an unreadable photo gets what to try; the photo-report flow is
untouched by it all."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from telegram import Message

from bot.messages import t
from storage.cylinders import RegistryRow, import_registry
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.qr_images import qr_photo
from tests.store_calls import read, run

TODAY = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Guangzhou
SUPPLIER = "广州示例燃气有限公司"


def _row(
    code: str, *, due: date, scrap: date | None = None, licence: str = "粤2026-0001"
) -> RegistryRow:
    return RegistryRow(
        code=code,
        filling_station="白云示例充装站",
        supplier=SUPPLIER,
        licence_number=licence or None,
        last_inspection=date(2024, 5, 1),
        next_inspection_due=due,
        scrap_date=scrap,
    )


@pytest.fixture
async def registry(harness: BotHarness) -> None:
    harness.services.store.clock = FakeClock(TODAY)
    rows = [
        _row("GZ-LPG-000001", due=date(2028, 5, 1)),
        _row("GZ-LPG-000002", due=date(2026, 11, 30)),  # due yesterday
        _row("GZ-LPG-000003", due=date(2028, 5, 1), scrap=date(2026, 10, 1)),
    ]
    await run(harness.services.store, import_registry, rows=rows)


async def _scan(harness: BotHarness, photo: bytes, *, start: str = "/cylinder") -> Message:
    resident = harness.users["resident"]
    asked = await harness.say(resident, start)
    assert asked.text == t("cylinder.ask_photo", "zh")
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, photo)
    return await harness.next_reply(resident.id, before)


async def test_a_cylinder_in_order_is_said_to_be_fine(harness: BotHarness, registry: None) -> None:
    answer = await _scan(harness, qr_photo("GZ-LPG-000001"))
    assert answer.text is not None and answer.text.startswith("✅")
    assert SUPPLIER in answer.text and "粤2026-0001" in answer.text and "2028-05-01" in answer.text
    assert answer.reply_markup is None  # nothing to report


async def test_the_menu_button_asks_for_the_label_too(harness: BotHarness, registry: None) -> None:
    answer = await _scan(harness, qr_photo("GZ-LPG-000001"), start=t("menu.cylinder", "zh"))
    assert answer.text is not None and answer.text.startswith("✅")


async def test_an_unknown_cylinder_is_reported_with_its_code_and_photo(
    harness: BotHarness, registry: None
) -> None:
    resident = harness.users["resident"]
    answer = await _scan(harness, qr_photo("GZ-LPG-999999"))
    assert "GZ-LPG-999999" in (answer.text or "")
    assert t("cylinder.finding.unknown", "zh") in (answer.text or "")
    before = len(harness.sent_to(resident))
    harness.standin.press_button(resident, answer, t("cylinder.report", "zh"))
    filed = await harness.next_reply(resident.id, before)
    assert "工单编号" in (filed.text or "")
    number = (filed.text or "").split("工单编号 ")[1].split("\n")[0]
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.category == "gas"
    assert "GZ-LPG-999999" in detail.ticket.description
    assert t("cylinder.short.unknown", "zh") in detail.ticket.description
    assert [p.kind for p in detail.photos] == ["before"]
    await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or "")
    )
    # Pressed again (a forged replay of the same button): nothing more is filed.
    harness.standin.press_data(resident, answer, "cy:rep")
    await harness.settle()
    mine = [m for m in harness.sent_to(resident) if "工单编号" in (m.text or "")]
    assert len(mine) == 1


async def test_an_overdue_cylinder_says_so_with_its_date(
    harness: BotHarness, registry: None
) -> None:
    answer = await _scan(harness, qr_photo("GZ-LPG-000002"))
    text = answer.text or ""
    assert t("cylinder.finding.overdue", "zh", due="2026-11-30") in text
    assert "报废" not in text
    assert answer.reply_markup is not None


async def test_a_scrapped_cylinder_says_so(harness: BotHarness, registry: None) -> None:
    answer = await _scan(harness, qr_photo("GZ-LPG-000003"))
    text = answer.text or ""
    assert t("cylinder.finding.scrapped", "zh", scrapped="2026-10-01") in text
    assert "检验已过期" not in text
    assert answer.reply_markup is not None


async def test_a_blurred_photo_gets_what_to_try_and_the_next_photo_is_read(
    harness: BotHarness, registry: None
) -> None:
    resident = harness.users["resident"]
    answer = await _scan(harness, qr_photo("GZ-LPG-000001", blur=8))
    assert answer.text == t("cylinder.unreadable", "zh")
    assert "靠近" in answer.text and "光线" in answer.text and "放平" in answer.text
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, qr_photo("GZ-LPG-000001"))
    again = await harness.next_reply(resident.id, before)
    assert (again.text or "").startswith("✅")


async def test_words_while_waiting_ask_for_the_photo(harness: BotHarness, registry: None) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/cylinder")
    asked = await harness.say(resident, "钢瓶怎么扫？")
    assert asked.text == t("cylinder.expected_photo", "zh")


async def test_a_photo_without_cylinder_is_a_report_as_ever(
    harness: BotHarness, registry: None
) -> None:
    resident = harness.users["resident"]
    # A QR label sent as a plain photo: the photo report begins, as for any photo.
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, qr_photo("GZ-LPG-000001"), caption="楼道堆了钢瓶")
    first = await harness.next_reply(resident.id, before)
    assert first.text == t("report.ask_location", "zh")


async def test_cancel_leaves_the_scan_and_the_next_photo_is_a_report(
    harness: BotHarness, registry: None
) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/cylinder")
    cancelled = await harness.say(resident, "/cancel")
    assert cancelled.text == t("cancel.done", "zh")
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, qr_photo("GZ-LPG-000001"))
    first = await harness.next_reply(resident.id, before)
    assert first.text == t("report.ask_location", "zh")


async def test_another_command_leaves_the_scan(harness: BotHarness, registry: None) -> None:
    resident = harness.users["resident"]
    await harness.say(resident, "/cylinder")
    asked = await harness.say(resident, "/report")
    assert asked.text == t("report.start", "zh")
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, qr_photo("GZ-LPG-000001"))
    first = await harness.next_reply(resident.id, before)
    assert first.text == t("report.ask_location", "zh")


async def test_english_residents_are_answered_in_english(
    harness: BotHarness, registry: None
) -> None:
    neighbour = harness.users["neighbour"]
    asked = await harness.say(neighbour, "/cylinder")
    assert asked.text == t("cylinder.ask_photo", "en")
    before = len(harness.sent_to(neighbour))
    harness.standin.send_photo(neighbour, qr_photo("GZ-LPG-000002"))
    answer = await harness.next_reply(neighbour.id, before)
    assert t("cylinder.finding.overdue", "en", due="2026-11-30") in (answer.text or "")
