"""Photo reports end to end: place, category, description, duplicates, confirm, restart."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if message.reply_markup is not None and getattr(
            message.reply_markup, "inline_keyboard", None
        ):
            return message
    raise AssertionError("no message with inline buttons")


async def _photo_report_until_category(harness: BotHarness, caption: str, address: str) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, address)


async def test_report_with_a_typed_address(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _photo_report_until_category(harness, "小区门口垃圾桶满了", "白云区同和街蟾蜍石东路12号")
    suggestion = await harness.standin.wait_for_message(
        resident.id, lambda m: "垃圾桶" in (m.text or "")
    )
    assert "环卫保洁" in (suggestion.text or "")
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)  # the suggested category
    summary = await _last_with_buttons(harness, resident.id)
    assert summary.photo and "白云区同和街" in (summary.caption or "")
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工单编号" in (m.text or "")
    )
    number = (filed.text or "").split("工单编号 ")[1].split("\n")[0]
    assert number.startswith("CG-")
    assert "环卫所" in (filed.text or "")
    staff = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or "")
    )
    assert "1001" not in (staff.text or staff.caption or "")  # the reporter stays anonymous
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.address == "白云区同和街蟾蜍石东路12号"
    assert [p.kind for p in detail.photos] == ["before"]


async def test_a_report_near_an_open_one_offers_to_join(harness: BotHarness) -> None:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    from storage import NewTicket

    existing = await file_ticket(
        harness.services.store,
        NewTicket(
            category="facilities",
            description="井盖松动",
            latitude=23.1291,
            longitude=113.2644,
            reporter_id=neighbour.id,
        ),
    )
    harness.standin.send_photo(resident, jpeg(), caption="路口井盖松动响个不停")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, 23.1295, 113.2644)  # about 45 m north
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)
    offer = await _last_with_buttons(harness, resident.id)
    assert existing.number in (offer.text or "") and "米" in (offer.text or "")
    harness.standin.press_button(resident, offer, t("report.join", "zh", number=existing.number))
    joined = t("report.joined", "zh", number=existing.number, count=2)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == joined)
    assert existing.number in harness.edited_text(resident.id, offer.message_id)
    after = await read(harness.services.store, lookups.get_detail, number=existing.number)
    assert after.ticket.also_reported_count == 1 and after.followers == 1
    # Joining files nothing new: the open queue is the one existing ticket, counted so.
    queue = await read(harness.services.store, lookups.list_queue, with_total=True)
    assert queue.total == 1
    assert [ticket.number for ticket in queue.tickets] == [existing.number]


async def test_cancelling_half_way_files_nothing(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _photo_report_until_category(harness, "树枝断了", "天河路100号")
    await _last_with_buttons(harness, resident.id)
    reply = await harness.say(resident, "/cancel")
    assert reply.text == t("cancel.done", "zh")
    assert (await read(harness.services.store, lookups.list_queue)).tickets == []
    answer = await harness.say(resident, "/cancel")
    assert answer.text == t("cancel.nothing", "zh")


async def test_a_restart_in_the_middle_of_a_report_continues_it(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    await _photo_report_until_category(harness, "有人占道摆摊", "江南大道中88号")
    keyboard = await _last_with_buttons(harness, resident.id)
    await harness.restart()
    harness.standin.press_button(resident, keyboard, 0)
    summary = await _last_with_buttons(harness, resident.id)
    assert "江南大道中88号" in (summary.caption or "")
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "工单编号" in (m.text or ""))
    [ticket] = (await read(harness.services.store, lookups.list_queue)).tickets
    assert ticket.category == "street_order"


async def test_a_non_image_file_and_a_30_mb_file_are_refused(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_document(resident, b"%PDF-1.4 not a picture", "photo.jpg", "image/jpeg")
    refused = await harness.standin.wait_for_message(
        resident.id, lambda m: "不是可以识别的图片" in (m.text or "")
    )
    assert refused.text
    harness.standin.send_document(
        resident, b"\xff\xd8\xff" + bytes(30 * 2**20), "big.jpg", "image/jpeg"
    )
    too_big = await harness.standin.wait_for_message(
        resident.id, lambda m: "图片太大" in (m.text or "")
    )
    assert "20" in (too_big.text or "")
    assert (await read(harness.services.store, lookups.list_queue)).tickets == []


async def test_the_hourly_limit_is_polite(harness: BotHarness) -> None:
    from storage import NewTicket

    resident = harness.users["resident"]
    for number in range(harness.settings.reports_per_hour):
        await file_ticket(
            harness.services.store,
            NewTicket(category="other", description=f"#{number}", reporter_id=resident.id),
        )
    harness.standin.send_photo(resident, jpeg())
    limited = await harness.standin.wait_for_message(
        resident.id, lambda m: "上限" in (m.text or "")
    )
    # Someone in danger is sent to 119, never to the 12345 hotline, and told the limit
    # does not apply to emergencies.
    assert "119" in (limited.text or "") and "12345" not in (limited.text or "")
