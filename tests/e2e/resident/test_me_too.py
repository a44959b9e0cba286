""" "Me too" on a ticket nearby: one's own takes the new photo and words, one that closed since
the offer is not joined and the report goes on; no press leaves the chat stuck."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from storage import Actor, NewTicket, Role
from storage.tickets import lookups, service
from tests.e2e.harness import DISPATCHER_ID, NEIGHBOUR_ID, BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read, run

PLACE = (23.1291, 113.2644)


async def _ticket_of(harness: BotHarness, reporter_id: int) -> str:
    """An open ticket about a loose manhole cover at PLACE."""
    ticket = await file_ticket(
        harness.services.store,
        NewTicket(
            category="facilities",
            description="井盖松动",
            latitude=PLACE[0],
            longitude=PLACE[1],
            reporter_id=reporter_id,
        ),
    )
    return ticket.number


async def _report_until_offer(harness: BotHarness, caption: str) -> Message:
    """The resident's photo report about 45 m from PLACE, up to the offer of tickets nearby."""
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, PLACE[0] + 0.0004, PLACE[1])
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, 0)  # the suggested category
    return await harness.standin.wait_for_message(
        resident.id, lambda m: "附近已经有人报过" in (m.text or "")
    )


async def _assert_idle(harness: BotHarness) -> None:
    """The report is over: /cancel finds nothing to cancel."""
    resident = harness.users["resident"]
    assert (await harness.say(resident, "/cancel")).text == t("cancel.nothing", "zh")


async def test_me_too_on_ones_own_ticket_adds_the_photo_and_words_to_it(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    own = await _ticket_of(harness, resident.id)
    offer = await _report_until_offer(harness, "井盖还是松的，晚上很响")
    # Whatever the offer recorded (drafts saved before one's own tickets were told apart
    # name none as the resident's), the press asks the store whose the ticket is.
    assert harness.app is not None
    harness.app.user_data[resident.id]["report"]["own"] = []
    harness.standin.press_button(resident, offer, 0)
    added = t("report.added_to_own", "zh", number=own)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == added)
    texts = [m.text for m in harness.sent_to(resident)]
    assert t("store.denied", "zh") not in texts
    detail = await read(harness.services.store, lookups.get_detail, number=own)
    comment = detail.events[-1]
    assert comment.action == "comment" and comment.note == "井盖还是松的，晚上很响"
    assert [p.kind for p in detail.photos] == ["comment"]  # the new photo, with the words
    assert detail.ticket.also_reported_count == 0 and detail.followers == 0
    await _assert_idle(harness)


async def test_a_ticket_closed_since_the_offer_is_not_joined_and_the_report_goes_on(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    store = harness.services.store
    theirs = await _ticket_of(harness, NEIGHBOUR_ID)
    offer = await _report_until_offer(harness, "路口井盖松动响个不停")
    dispatcher = Actor(DISPATCHER_ID, Role.DISPATCHER)
    await run(store, service.reject, number=theirs, by=dispatcher, reason="已由燃气公司处理")
    harness.standin.press_button(resident, offer, t("report.join", "zh", number=theirs))
    # Told why, and asked to confirm the report itself: nothing is lost, nothing is stuck.
    summary = await harness.standin.wait_for_message(
        resident.id, lambda m: (m.caption or "").startswith("请确认")
    )
    assert "不予受理" in harness.edited_text(resident.id, offer.message_id)
    detail = await read(store, lookups.get_detail, number=theirs)
    assert detail.followers == 0 and detail.ticket.also_reported_count == 0
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工单编号" in (m.text or "")
    )
    assert theirs not in (filed.text or "")
    await _assert_idle(harness)
