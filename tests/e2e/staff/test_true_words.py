"""What the bot says is what is true: filing says submitted (待受理), not accepted; a rework
staff made is announced as staff's; a rating carries its stars; a ticket's card shows its
status after every move; a GPS report's view has its department, words and place; and a
joiner's photo stays with the ticket."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from storage import Actor, NewTicket, Role
from storage.tickets import lookups, service
from tests.conftest import FakeClock
from tests.e2e.harness import NEIGHBOUR_ID, RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import file_ticket, jpeg, say, status_of
from tests.store_calls import file_ticket as file_as_given
from tests.store_calls import read, run

DISPATCHER = Actor(9002, Role.DISPATCHER)
WORKER = Actor(9003, Role.FIELD_WORKER)
REPORTER = Actor(RESIDENT_ID, Role.REPORTER)


async def _last_with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.standin.messages_to(chat_id)):
        if getattr(message.reply_markup, "inline_keyboard", None):
            return message
    raise AssertionError("no message with inline buttons")


async def _walk_to_resolved(harness: BotHarness, number: str) -> None:
    store = harness.services.store
    await run(store, service.accept, number=number, by=DISPATCHER)
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
    await run(store, service.start, number=number, by=WORKER)
    photo = store.photos.put(jpeg())
    await run(store, service.resolve, number=number, by=WORKER, note="已清运", photo=photo)


async def _gps_report(harness: BotHarness, caption: str) -> str:
    """A photo report at a shared location, through the chat; its ticket number."""
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, 23.1291, 113.2644)
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)  # the suggested category
    summary = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工单编号" in (m.text or "")
    )
    text = filed.text or ""
    assert "已受理" not in text, "nobody has accepted it yet"
    assert "已提交" in text and "待受理" in text, text
    return text.split("工单编号 ")[1].split("\n")[0]


async def test_filing_says_submitted_and_the_view_of_a_gps_report_says_where_and_what(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    number = await _gps_report(harness, "小区门口垃圾桶满了")
    assert await status_of(harness, number) == "submitted"
    listing = await harness.say(resident, "/my")
    before = len(harness.sent_to(resident))
    harness.standin.press_button(resident, listing, 0)
    view = await harness.next_reply(resident.id, before)
    text = view.text or ""
    assert text.startswith(f"工单 {number}"), text
    assert "环卫所" in text, "the department"
    assert "小区门口垃圾桶满了" in text, "what the resident said"
    assert "23.12910, 113.26440" in text, "where: the shared location"


async def test_a_rework_by_staff_is_announced_as_staffs_and_a_rating_has_its_stars(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    await _walk_to_resolved(harness, ticket.number)
    store = harness.services.store
    await run(store, service.verify, number=ticket.number, by=DISPATCHER)
    await run(store, service.rate, number=ticket.number, by=REPORTER, rating=4)
    harness.services.outbox.kick()
    rated = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "⭐" in (m.text or "")
    )
    assert rated.text == f"⭐ 工单 {ticket.number} 获评 4 星。"

    assert "返工" in await say(harness, dispatcher, f"/rework {ticket.number} 仍有垃圾")
    to_group, to_resident = [
        await harness.standin.wait_for_message(chat_id, lambda m: "🔁" in (m.text or ""))
        for chat_id in (harness.staff_group.id, RESIDENT_ID)
    ]
    for text in (to_group.text or "", to_resident.text or ""):
        assert "居民认为" not in text and "工作人员" in text and "仍有垃圾" in text, text

    # A rework the reporter asked for is still announced as theirs.
    await run(store, service.start, number=ticket.number, by=WORKER)
    photo = store.photos.put(jpeg((9, 9, 9)))
    await run(store, service.resolve, number=ticket.number, by=WORKER, note="再次清运", photo=photo)
    await run(store, service.rework, number=ticket.number, by=REPORTER, reason="还是脏")
    harness.services.outbox.kick()
    by_resident = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "还是脏" in (m.text or "")
    )
    assert "居民" in (by_resident.text or "") and "工作人员" not in (by_resident.text or "")


async def test_the_card_shows_the_status_after_a_move_by_its_buttons(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness, photo=False)
    await run(harness.services.store, service.accept, number=ticket.number, by=DISPATCHER)
    card = await say(harness, dispatcher, f"/ticket {ticket.number}")
    assert "状态：已立案" in card
    [message] = [m for m in harness.sent_to(dispatcher) if (m.text or "") == card]
    harness.standin.press_button(dispatcher, message, 0)  # 🚚 派遣至环卫所
    await harness.eventually(
        lambda: "状态：已派遣" in harness.edited_text(dispatcher.id, message.message_id)
    )
    assert await status_of(harness, ticket.number) == "dispatched"
    edited = harness.edited_text(dispatcher.id, message.message_id)
    assert "已立案" not in edited.split("\n\n")[0], edited
    harness.standin.press_button(dispatcher, message, t("staff.button.claim", "zh"))
    await harness.eventually(
        lambda: "处置人：调度员" in harness.edited_text(dispatcher.id, message.message_id)
    )


async def test_a_joiners_photo_and_words_stay_with_the_ticket(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    store = harness.services.store
    existing = await file_as_given(
        store,
        NewTicket(
            category="facilities",
            description="井盖松动",
            latitude=23.1291,
            longitude=113.2644,
            reporter_id=NEIGHBOUR_ID,
        ),
        photos=[store.photos.put(jpeg((1, 1, 1)))],
    )
    harness.standin.send_photo(resident, jpeg((200, 10, 10)), caption="路口井盖松动响个不停")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, 23.1295, 113.2644)
    keyboard = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, keyboard, 0)
    offer = await _last_with_buttons(harness, resident.id)
    harness.standin.press_button(resident, offer, t("report.join", "zh", number=existing.number))
    joined = t("report.joined", "zh", number=existing.number, count=2)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == joined)
    detail = await read(store, lookups.get_detail, number=existing.number)
    assert len(detail.photos) == 2, "the joiner's photo is kept with the ticket"
    assert {p.uploaded_by for p in detail.photos} == {NEIGHBOUR_ID, RESIDENT_ID}
    [join] = [e for e in detail.events if e.action == "join"]
    assert join.note == "路口井盖松动响个不停"
