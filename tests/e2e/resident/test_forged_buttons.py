"""Buttons carry no authority: a resident whose client sends forged or replayed callback
data gets "this button has expired", changes nothing and learns nothing of another
resident's ticket — not at the press, and not from the staff's later replies."""

from __future__ import annotations

from telegram import Message, User

from bot.messages import t
from storage import Actor, NewTicket, Role
from storage.tickets import lookups, remarks, service
from tests.e2e.forgery import assert_expired, forge, ticket_state
from tests.e2e.harness import DISPATCHER_ID, NEIGHBOUR_ID, WORKER_ID, BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read, run

DISPATCHER = Actor(DISPATCHER_ID, Role.DISPATCHER)
WORKER = Actor(WORKER_ID, Role.FIELD_WORKER)
PHONE = "13800138000"
"""A phone number the staff wrote to the neighbour: it must reach no one else."""
NO_SUCH = "CG-20200101-9999"


async def _neighbours_ticket(harness: BotHarness, *, resolved: bool = False) -> str:
    """The neighbour's ticket across town, with a photo and a staff reply with a phone."""
    store = harness.services.store
    ticket = await file_ticket(
        store,
        NewTicket(
            category="facilities",
            description="井盖丢了",
            latitude=23.20,
            longitude=113.40,
            reporter_id=NEIGHBOUR_ID,
            language="en",
        ),
        photos=[store.photos.put(jpeg((9, 9, 200)))],
    )
    number = ticket.number
    await run(store, remarks.answer_reporter, number=number, by=DISPATCHER, text=f"请致电 {PHONE}")
    if resolved:
        await run(store, service.accept, number=number, by=DISPATCHER)
        await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER_ID)
        await run(store, service.start, number=number, by=WORKER)
        photo = store.photos.put(jpeg((1, 200, 1)))
        await run(store, service.resolve, number=number, by=WORKER, note="已补盖", photo=photo)
    harness.services.outbox.kick()
    return number


async def _assert_nothing_more_reaches(harness: BotHarness, user: User, number: str) -> None:
    """A later staff reply on `number` reaches its reporter, and nothing of it reaches `user`."""
    store = harness.services.store
    await run(store, remarks.answer_reporter, number=number, by=DISPATCHER, text=f"later: {PHONE}")
    harness.services.outbox.kick()
    await harness.standin.wait_for_message(NEIGHBOUR_ID, lambda m: "later:" in (m.text or ""))
    await harness.settle()
    seen = [m.text or m.caption or "" for m in harness.sent_to(user)]
    assert not [text for text in seen if number in text or PHONE in text], seen


async def _greeted(harness: BotHarness, user: User) -> Message:
    """A bot message in the user's chat to press forged data on."""
    return await harness.say(user, "/start")


async def _report_until_offer(harness: BotHarness, caption: str) -> Message:
    """The resident's photo report near 23.1291, 113.2644, up to the duplicate offer."""
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, 23.1295, 113.2644)
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, 0)  # the suggested category
    return await harness.standin.wait_for_message(
        resident.id, lambda m: "附近已经有人报过" in (m.text or "")
    )


async def test_a_forged_join_joins_nothing_and_reveals_nothing(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    store = harness.services.store
    secret = await _neighbours_ticket(harness)
    nearby = await file_ticket(
        store,
        NewTicket(
            category="facilities",
            description="井盖松动",
            latitude=23.1291,
            longitude=113.2644,
            reporter_id=3003,
        ),
    )
    before = await ticket_state(harness, secret)
    offer = await _report_until_offer(harness, "路口井盖松动响个不停")
    assert secret not in (offer.text or "")
    # On the offer itself, on another message, and outside any report: all expired.
    assert_expired(await forge(harness, resident, f"rj:{secret}", on=offer))
    assert_expired(await forge(harness, resident, f"rj:{NO_SUCH}", on=offer))
    assert_expired(await forge(harness, resident, f"rj:{secret}"))
    assert await ticket_state(harness, secret) == before
    # The real offer still works, once; pressing it again (a replay) is expired.
    join = t("report.join", "zh", number=nearby.number)
    harness.standin.press_button(resident, offer, join)
    await harness.standin.wait_for_message(resident.id, lambda m: "已加入" in (m.text or ""))
    joined = await ticket_state(harness, nearby.number)
    assert joined["followers"] == [resident.id]
    assert_expired(await forge(harness, resident, f"rj:{nearby.number}", on=offer))
    assert_expired(await forge(harness, resident, f"rj:{secret}"))
    assert await ticket_state(harness, nearby.number) == joined
    assert await ticket_state(harness, secret) == before
    await _assert_nothing_more_reaches(harness, resident, secret)


async def test_the_residents_own_earlier_ticket_takes_the_new_photo(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    store = harness.services.store
    own = await file_ticket(
        store,
        NewTicket(
            category="facilities",
            description="井盖松动",
            latitude=23.1291,
            longitude=113.2644,
            reporter_id=resident.id,
        ),
    )
    offer = await _report_until_offer(harness, "井盖还是松的，晚上很响")
    assert own.number in (offer.text or "") and "您自己上报的" in (offer.text or "")
    harness.standin.press_button(resident, offer, t("report.add_to_own", "zh", number=own.number))
    added = t("report.added_to_own", "zh", number=own.number)
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == added)
    detail = await read(store, lookups.get_detail, number=own.number)
    comment = detail.events[-1]
    assert comment.action == "comment" and comment.note == "井盖还是松的，晚上很响"
    assert [p.kind for p in detail.photos] == ["comment"]
    assert detail.ticket.also_reported_count == 0 and detail.followers == 0
    assert len((await read(store, lookups.list_queue)).tickets) == 1  # nothing filed anew
    staff = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: own.number in (m.text or m.caption or "")
    )
    assert staff is not None
    # The report is over: the next message is a question, not part of it.
    assert (await harness.say(resident, "/cancel")).text == t("cancel.nothing", "zh")


async def test_forged_ticket_views_and_follow_ups_change_and_reveal_nothing(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    open_one = await _neighbours_ticket(harness)
    resolved = await _neighbours_ticket(harness, resolved=True)
    await harness.standin.wait_for_message(
        NEIGHBOUR_ID, lambda m: "dealt with" in (m.caption or "")
    )
    states = {n: await ticket_state(harness, n) for n in (open_one, resolved)}
    await _greeted(harness, resident)
    for number in (open_one, resolved, NO_SUCH):
        # A ticket that is not yours answers exactly as one that does not exist.
        for data in (f"my:{number}", f"fx:{number}", f"nf:{number}", f"mc:{number}"):
            assert_expired(await forge(harness, resident, data))
        for stars in (5, 1, 0, 9):
            assert_expired(await forge(harness, resident, f"rt:{number}:{stars}"))
    # After the forged "not fixed" and "add a comment", words and a photo are not taken
    # as a reason or a comment.
    harness.standin.send_text(resident, "根本没修好")
    harness.standin.send_photo(resident, jpeg((250, 0, 0)), caption="看")
    await harness.settle()
    assert {n: await ticket_state(harness, n) for n in (open_one, resolved)} == states
    await _assert_nothing_more_reaches(harness, resident, resolved)
    await _assert_nothing_more_reaches(harness, resident, open_one)


async def test_forged_report_steps_are_expired(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption="垃圾桶满了")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    assert_expired(await forge(harness, resident, "rp:gps"))  # the photo had no GPS
    harness.standin.send_text(resident, "天河路100号")
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    for data in ("rc:consultation", "rc:nonsense", "rj:new", "rf:ok", "rd:skip"):
        assert_expired(await forge(harness, resident, data, on=keyboard))
    assert (await read(harness.services.store, lookups.list_queue)).tickets == []


async def test_forged_language_forget_and_staff_hand_over_are_expired(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    store = harness.services.store
    mine = await file_ticket(
        store, NewTicket(category="other", description="路灯不亮", reporter_id=resident.id)
    )
    greeting = await _greeted(harness, resident)
    for data in (
        "lang:en",
        "forget:yes",
        "ask:staff",
        "zz:1",
        "rc:sanitation",
        "practice:0:0",
        "em:escalate",
    ):
        assert_expired(await forge(harness, resident, data, on=greeting))
    kept = await read(store, lookups.get_detail, number=mine.number)
    assert kept.ticket.reporter_id == resident.id  # not forgotten
    assert (await harness.say(resident, "/start")).text == greeting.text  # still Chinese
    # A question the index cannot answer offers the staff; only that button hands it over.
    offered = await harness.say(resident, "明天广州天气怎么样")
    assert offered.text == t("kb.not_sure", "zh")
    assert_expired(await forge(harness, resident, "ask:staff", on=greeting))
    assert len((await read(store, lookups.list_queue)).tickets) == 1
    harness.standin.press_button(resident, offered, t("ask.to_staff", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: "咨询单号" in (m.text or ""))
    assert len((await read(store, lookups.list_queue)).tickets) == 2
    assert_expired(await forge(harness, resident, "ask:staff", on=offered))  # a replay
    assert len((await read(store, lookups.list_queue)).tickets) == 2
