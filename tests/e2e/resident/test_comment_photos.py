"""A picture added to an open ticket is checked like a report's: a file that is not an image
or one too large gets the report's own clear reply, and the resident may send another."""

from __future__ import annotations

from telegram import Message, User

from bot.messages import t
from storage import NewTicket
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read


async def _asked_for_a_comment(harness: BotHarness, resident: User) -> str:
    """File the resident's ticket and press "add to it" under its view; its number."""
    ticket = await file_ticket(
        harness.services.store,
        NewTicket(category="sanitation", description="垃圾满溢", reporter_id=resident.id),
    )
    harness.standin.send_text(resident, "/my")
    listing = await harness.standin.wait_for_message(
        resident.id, lambda m: m.reply_markup is not None and ticket.number in str(m.reply_markup)
    )
    harness.standin.press_button(resident, listing, 0)
    view = await harness.standin.wait_for_message(
        resident.id, lambda m: _has_button(m, t("my.add_comment", "zh"))
    )
    harness.standin.press_button(resident, view, t("my.add_comment", "zh"))
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("my.comment_prompt", "zh")
    )
    return ticket.number


def _has_button(message: Message, label: str) -> bool:
    markup = message.reply_markup
    rows = getattr(markup, "inline_keyboard", None) or ()
    return any(button.text == label for row in rows for button in row)


async def _photos_on(harness: BotHarness, number: str) -> list[str]:
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    return [photo.kind for photo in detail.photos]


async def test_a_file_that_is_no_image_gets_the_reports_reply(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    number = await _asked_for_a_comment(harness, resident)
    before = len(harness.sent_to(resident))
    harness.standin.send_document(resident, b"%PDF-1.4 not a picture", "photo.jpg", "image/jpeg")
    refused = await harness.next_reply(resident.id, before)
    assert "不是可以识别的图片" in (refused.text or "")  # report.not_image, with the reason
    assert t("error.generic", "zh") not in [m.text for m in harness.sent_to(resident)]
    assert await _photos_on(harness, number) == []
    queue = await read(harness.services.store, lookups.list_queue)
    assert len(queue.tickets) == 1  # no new report begun
    # Still adding to the ticket: a picture sent as a file now is taken.
    harness.standin.send_document(resident, jpeg(), "street.jpg", "image/jpeg")
    saved = t("my.comment_saved", "zh", number=number)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == saved)
    assert await _photos_on(harness, number) == ["comment"]


async def test_a_photo_too_large_gets_the_reports_reply(harness: BotHarness) -> None:
    await harness.stop()
    harness.settings = harness.settings.model_copy(update={"max_photo_bytes": 2_000})
    await harness.start()
    resident = harness.users["resident"]
    number = await _asked_for_a_comment(harness, resident)
    picture = jpeg(size=(1600, 1200))
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, picture)
    refused = await harness.next_reply(resident.id, before)
    limit = round(2_000 / 2**20, 1)
    assert (refused.text or "").startswith("图片太大")  # report.too_big, with the sizes
    assert f"上限 {limit} MB" in (refused.text or "")
    assert await _photos_on(harness, number) == []
    # Still adding to the ticket: a photo within the limit now is taken.
    harness.standin.send_photo(resident, jpeg(size=(16, 16)), caption="还是很多垃圾")
    saved = t("my.comment_saved", "zh", number=number)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == saved)
    assert await _photos_on(harness, number) == ["comment"]
    queue = await read(harness.services.store, lookups.list_queue)
    assert len(queue.tickets) == 1  # no new report begun
