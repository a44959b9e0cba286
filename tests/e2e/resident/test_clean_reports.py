"""Reports whatever residents send: a caption with NUL and control characters files a
ticket on both databases, and no photo metadata reaches the staff group or the summary."""

from __future__ import annotations

import pytest
from telegram import Message

from bot.messages import t
from storage.tickets import lookups
from tests import photo_metadata
from tests.e2e.harness import BotHarness
from tests.store_calls import read

DIRTY = "小区门口\x00垃圾桶\x07满了\x1b\r\n臭味很大\x0b，请处理cafe\u0301"
CLEAN = "小区门口垃圾桶满了\n臭味很大，请处理café"


@pytest.fixture
def e2e_database_url(database_url: str) -> str:
    """These run on SQLite and, when configured, on PostgreSQL (where NUL used to fail)."""
    return database_url


async def _with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


async def _report(harness: BotHarness, *, photo: bytes, caption: str, as_file: bool) -> str:
    """File a photo report with a typed address; return its number and the summary."""
    resident = harness.users["resident"]
    if as_file:
        harness.standin.send_document(resident, photo, "picture.png", "image/png", caption=caption)
    else:
        harness.standin.send_photo(resident, photo, caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, "天河区天河路100号")
    harness.standin.press_button(resident, await _with_buttons(harness, resident.id), 0)
    summary = await _with_buttons(harness, resident.id)
    assert summary.photo, "the summary shows the photo"
    photo_metadata.assert_no_metadata(harness.standin.file_bytes(summary.photo[-1].file_id))
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工单编号" in (m.text or "")
    )
    return (filed.text or "").split("工单编号 ")[1].split("\n")[0]


async def test_a_caption_with_nul_and_control_characters_files_a_ticket(
    harness: BotHarness,
) -> None:
    number = await _report(
        harness, photo=photo_metadata.jpeg_with_metadata(), caption=DIRTY, as_file=False
    )
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.description == CLEAN
    staff = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or "")
    )
    assert "垃圾桶满了" in (staff.caption or staff.text or "")
    assert not [call for call in harness.standin.calls if call.error_code]


@pytest.mark.parametrize("kind", ["jpeg", "png"])
async def test_no_photo_metadata_reaches_the_staff_group(harness: BotHarness, kind: str) -> None:
    original = photo_metadata.ALL[kind]()
    number = await _report(harness, photo=original, caption="树枝断了挡路", as_file=kind == "png")
    staff = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.caption or "") and bool(m.photo)
    )
    assert staff.photo
    photo_metadata.assert_no_metadata(harness.standin.file_bytes(staff.photo[-1].file_id))
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    for photo in detail.photos:
        photo_metadata.assert_no_metadata(harness.services.store.photos.read(photo.path))
