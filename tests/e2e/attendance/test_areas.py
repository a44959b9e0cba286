"""Areas from chat: a point and radius, a location replied to, a grid polygon; and clearing."""

from __future__ import annotations

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.attendance.conftest import CENTRE, enrol, sessions_of, share_live, text_of_reply
from tests.e2e.harness import BotHarness

GRID = "23.128,113.263 23.128,113.266 23.131,113.266 23.131,113.263"


async def test_a_grid_polygon_decides_inside_and_outside(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker, dispatcher = harness.users["worker"], harness.users["dispatcher"]
    await enrol(harness, worker, area=f"{GRID} 北京路网格")
    shown = await text_of_reply(harness, dispatcher, f"/area @{worker.id}")
    assert "北京路网格：网格（4 个顶点）" in shown and "08:30-17:30" in shown
    live, reply = await share_live(harness, worker, 23.1295, 113.2645)
    assert reply == t("attendance.checked_in", "zh", time="08:25", marks="")
    clock.advance(minutes=5)
    harness.standin.move_live_location(worker, live, 23.1295, 113.2700)  # east of the grid
    await harness.settle()
    [row] = await sessions_of(harness, worker.id)
    assert row.checkin_inside and not row.last_inside and row.outside_count == 1


async def test_an_area_around_a_location_replied_to(harness: BotHarness, clock: FakeClock) -> None:
    worker, dispatcher = harness.users["worker"], harness.users["dispatcher"]
    await enrol(harness, worker, area=None)
    pin = harness.standin.send_location(dispatcher, 23.2, 113.3)
    assert pin.message is not None
    await harness.settle()
    before = len(harness.sent_to(dispatcher))
    harness.standin.send_text(dispatcher, f"/area {worker.id} 500", reply_to=pin.message)
    done = await harness.next_reply(dispatcher.id, before)
    area = t("attendance.area.circle", "zh", lat="23.20000", lon="113.30000", radius="500")
    assert done.text == t("attendance.area.set", "zh", who="老王（9003）", area=area)
    _live, reply = await share_live(harness, worker, *CENTRE)  # 10 km away
    assert t("attendance.mark.outside", "zh") in reply


async def test_clearing_an_area_stops_check_ins(harness: BotHarness, clock: FakeClock) -> None:
    worker, dispatcher = harness.users["worker"], harness.users["dispatcher"]
    await enrol(harness, worker)
    cleared = await text_of_reply(harness, dispatcher, f"/area {worker.id} 清除")
    assert cleared == t("attendance.area.cleared", "zh", who="老王（9003）")
    again = await text_of_reply(harness, dispatcher, f"/area {worker.id} clear")
    assert again == t("attendance.nothing_to_clear", "zh", who=str(worker.id))
    assert await text_of_reply(harness, worker, "/checkin") == t("attendance.no_area", "zh")
    by_name = await text_of_reply(harness, dispatcher, "/shift 老王 07:00-15:00")
    assert by_name == t("attendance.shift.set", "zh", who="老王（9003）", shift="07:00-15:00")
    cleared = await text_of_reply(harness, dispatcher, f"/shift {worker.id} clear")
    assert cleared == t("attendance.shift.cleared", "zh", who="老王（9003）")
