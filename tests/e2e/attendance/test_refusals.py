"""Who may not check in or set areas gets a clear answer, and what they sent changes nothing."""

from __future__ import annotations

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.attendance.conftest import CENTRE, enrol, sessions_of, share_live, text_of_reply
from tests.e2e.harness import BotHarness


async def test_a_resident_trying_checkin_gets_a_clear_refusal(
    harness: BotHarness, clock: FakeClock
) -> None:
    resident = harness.users["resident"]
    assert await text_of_reply(harness, resident, "/checkin") == t("attendance.not_staff", "zh")
    assert await text_of_reply(harness, resident, "/checkout") == t("attendance.not_staff", "zh")
    # A resident's live location is no check-in: it goes on to the report's place, as any.
    _live, reply = await share_live(harness, resident, *CENTRE)
    assert "签到" not in reply
    assert await sessions_of(harness, resident.id) == []
    mydata = await text_of_reply(harness, resident, "/mydata")
    assert mydata == t("attendance.mydata.resident", "zh")


async def test_a_worker_with_no_area_set_gets_a_clear_reply(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker, area=None)
    assert await text_of_reply(harness, worker, "/checkin") == t("attendance.no_area", "zh")
    _live, reply = await share_live(harness, worker, *CENTRE)
    assert reply == t("attendance.no_area", "zh")
    assert await sessions_of(harness, worker.id) == []


async def test_a_one_off_location_after_checkin_asks_for_a_live_one(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    await text_of_reply(harness, worker, "/checkin")
    before = len(harness.sent_to(worker))
    harness.standin.send_location(worker, *CENTRE)
    refused = await harness.next_reply(worker.id, before)
    assert refused.text == t("attendance.need_live", "zh")
    assert await sessions_of(harness, worker.id) == []
    _live, reply = await share_live(harness, worker, *CENTRE)
    assert reply.startswith("✅ 已签到")


async def test_only_dispatchers_and_admins_set_areas_and_shifts(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker, resident = harness.users["worker"], harness.users["resident"]
    dispatcher = harness.users["dispatcher"]
    await enrol(harness, worker, area=None, shift=None)
    refused = await text_of_reply(harness, worker, f"/area {worker.id} 23.1 113.2 300")
    assert refused.startswith("您的角色（外勤人员）不能执行此操作")
    refused = await text_of_reply(harness, worker, f"/shift {worker.id} 08:00-17:00")
    assert refused.startswith("您的角色（外勤人员）不能执行此操作")
    unknown = t("unknown.command", "zh")
    assert await text_of_reply(harness, resident, f"/area {worker.id} 23.1 113.2 300") == unknown
    assert await text_of_reply(harness, resident, "/attendance") == unknown
    shown = await text_of_reply(harness, dispatcher, f"/area {worker.id}")
    assert shown == t(
        "attendance.assignment", "zh", who="老王（9003）", area="未设置", shift="未设置"
    )


async def test_wrong_areas_and_shifts_are_answered_and_change_nothing(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker, dispatcher = harness.users["worker"], harness.users["dispatcher"]
    await enrol(harness, worker, area=None, shift=None)
    cases = {
        f"/area {worker.id} 23.1 113.2 5": t(
            "attendance.err.radius_range", "zh", low=10, high=20000
        ),
        f"/area {worker.id} 123.1 113.2 300": t("attendance.err.off_earth", "zh"),
        f"/area {worker.id} 23.1,113.2 23.2,113.2": t(
            "attendance.err.polygon_corners", "zh", low=3, high=200
        ),
        f"/shift {worker.id} 8点到5点": t("attendance.err.shift_format", "zh"),
        f"/shift {worker.id} 08:00-08:00": t("attendance.err.shift_empty", "zh"),
        "/area 4242 23.1 113.2 300": t("attendance.err.not_on_roster", "zh", user_id=4242),
    }
    for command, expected in cases.items():
        assert await text_of_reply(harness, dispatcher, command) == expected, command
    usage = t("staff.usage", "zh", usage=t("attendance.usage.area", "zh"))
    nobody = t("attendance.err.worker", "zh", who="someone")
    assert await text_of_reply(harness, dispatcher, "/area someone 1 2 3") == nobody
    assert await text_of_reply(harness, dispatcher, "/area") == usage
    assert await text_of_reply(harness, dispatcher, f"/area {worker.id} far away") == usage
    shown = await text_of_reply(harness, dispatcher, f"/shift {worker.id}")
    assert shown.endswith("班次：未设置") and "责任区：未设置" in shown


async def test_checkin_in_the_staff_group_points_to_the_private_chat(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    said = await harness.say(worker, "/checkin", chat=harness.staff_group)
    assert said.text == t("attendance.private_only", "zh")
    assert await sessions_of(harness, worker.id) == []
