"""A field worker checks in by sharing a live location, is followed while on duty and
checks out: by /checkout, by ending the share, or by the share running out."""

from __future__ import annotations

from bot.messages import t
from handlers.attendance import close_expired
from tests.conftest import FakeClock
from tests.e2e.attendance.conftest import (
    CENTRE,
    enrol,
    position_count,
    sessions_of,
    share_live,
    text_of_reply,
)
from tests.e2e.harness import BotHarness


async def test_check_in_inside_the_area_on_time_then_out_by_command(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    asked = await text_of_reply(harness, worker, "/checkin")
    assert asked.startswith("请共享您的实时位置来签到") and "08:30-17:30" in asked
    live, reply = await share_live(harness, worker, CENTRE[0] + 0.001, CENTRE[1])
    assert reply == t("attendance.checked_in", "zh", time="08:25", marks="")
    [on_duty] = await sessions_of(harness, worker.id)
    assert on_duty.checkin_inside and on_duty.late_minutes == 0 and on_duty.checked_out_at is None
    for step in range(1, 4):
        clock.advance(minutes=10)
        harness.standin.move_live_location(worker, live, CENTRE[0] + 0.0005 * step, CENTRE[1])
        await harness.settle()
    assert await position_count(harness, worker.id) == 3
    already = await text_of_reply(harness, worker, "/checkin")
    assert already == t("attendance.already", "zh", time="08:25")
    clock.advance(hours=9, minutes=10)  # 18:05, after the shift
    out = await text_of_reply(harness, worker, "/checkout")
    assert out == t(
        "attendance.checked_out",
        "zh",
        checked_in="08:25",
        checked_out="18:05",
        hours="9.7",
        marks="",
    )
    # Positions are kept only while on duty: a move after /checkout keeps nothing.
    harness.standin.move_live_location(worker, live, *CENTRE)
    await harness.settle()
    assert await position_count(harness, worker.id) == 3
    again = await text_of_reply(harness, worker, "/checkout")
    assert again == t("attendance.not_on_duty", "zh")


async def test_check_in_outside_the_area_and_late_is_marked(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    clock.advance(minutes=20)  # 08:45: a quarter of an hour late for 08:30
    _live, reply = await share_live(harness, worker, CENTRE[0] + 0.02, CENTRE[1])  # 2.2 km off
    marks = t("attendance.mark.late", "zh", minutes=15) + t("attendance.mark.outside", "zh")
    assert reply == t("attendance.checked_in", "zh", time="08:45", marks=marks)
    [row] = await sessions_of(harness, worker.id)
    assert (row.late_minutes, row.checkin_inside, row.outside_count) == (15, False, 1)


async def test_a_few_minutes_within_the_grace_are_on_time(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    clock.advance(minutes=9)  # 08:34: four minutes, within the five of grace
    _live, reply = await share_live(harness, worker, *CENTRE)
    assert reply == t("attendance.checked_in", "zh", time="08:34", marks="")


async def test_ending_the_share_checks_out(harness: BotHarness, clock: FakeClock) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    live, _reply = await share_live(harness, worker, *CENTRE)
    clock.advance(minutes=30)
    harness.standin.move_live_location(worker, live, CENTRE[0] + 0.001, CENTRE[1])
    clock.advance(hours=2)  # 10:55: long before the shift ends
    before = len(harness.sent_to(worker))
    harness.standin.stop_live_location(worker, live)
    out = await harness.next_reply(worker.id, before)
    early = t("attendance.mark.early", "zh", minutes=395)
    hours = {"checked_in": "08:25", "checked_out": "10:55", "hours": "2.5"}
    assert out.text == t("attendance.checked_out", "zh", **hours, marks=early)
    [row] = await sessions_of(harness, worker.id)
    assert (row.checkout_reason, row.early_minutes) == ("stopped", 395)
    assert await position_count(harness, worker.id) == 1
    assert await text_of_reply(harness, worker, "/checkout") == t("attendance.not_on_duty", "zh")


async def test_a_share_that_runs_out_checks_out_at_its_end(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    await share_live(harness, worker, *CENTRE, period=3600)  # an hour only
    clock.advance(minutes=30)
    assert await close_expired(harness.services) == 0
    clock.advance(hours=2)
    before = len(harness.sent_to(worker))
    assert await close_expired(harness.services) == 1
    notice = await harness.next_reply(worker.id, before)
    early = t("attendance.mark.early", "zh", minutes=485)  # 09:25, the share's end
    hours = {"checked_in": "08:25", "checked_out": "09:25", "hours": "1"}
    assert notice.text == t("attendance.expired", "zh", **hours, marks=early)
    [row] = await sessions_of(harness, worker.id)
    assert row.checkout_reason == "expired"
    assert await close_expired(harness.services) == 0  # once


async def test_a_new_share_while_on_duty_is_followed_instead(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    first, _reply = await share_live(harness, worker, *CENTRE)
    clock.advance(minutes=5)
    second, reply = await share_live(harness, worker, *CENTRE)
    assert reply == t("attendance.checked_in", "zh", time="08:25", marks="")
    harness.standin.move_live_location(worker, first, CENTRE[0] + 0.001, CENTRE[1])
    harness.standin.move_live_location(worker, second, CENTRE[0] + 0.002, CENTRE[1])
    await harness.settle()
    assert await position_count(harness, worker.id) == 1  # the new share's only
    harness.standin.stop_live_location(worker, first)  # the old one's end checks no one out
    await harness.settle()
    [row] = await sessions_of(harness, worker.id)
    assert row.checked_out_at is None and row.live_message_id == second.message_id


async def test_a_share_until_stopped_checks_out_hours_after_the_shift(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    live, _reply = await share_live(harness, worker, *CENTRE, period=0x7FFFFFFF)
    clock.advance(hours=9, minutes=35)  # 18:00: a little overtime
    harness.standin.move_live_location(worker, live, CENTRE[0] + 0.001, CENTRE[1])
    await harness.settle()
    clock.advance(hours=3, minutes=29)  # 21:29: not four hours after 17:30 yet
    assert await close_expired(harness.services) == 0
    clock.advance(minutes=2)
    before = len(harness.sent_to(worker))
    assert await close_expired(harness.services) == 1
    notice = await harness.next_reply(worker.id, before)
    hours = {"checked_in": "08:25", "checked_out": "18:00", "hours": "9.6"}
    assert notice.text == t("attendance.overdue", "zh", **hours, marks="")
    harness.standin.move_live_location(worker, live, *CENTRE)  # still shared: nothing kept
    await harness.settle()
    assert await position_count(harness, worker.id) == 1
