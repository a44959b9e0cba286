"""What dispatchers see: the day's attendance (as text and as a CSV file) and the nearest
worker on duty for a ticket; what a worker sees of their own data; old positions purged."""

from __future__ import annotations

import csv
import io

from bot.messages import t
from handlers.attendance import purge_positions
from storage.attendance import service as attendance
from tests.conftest import FakeClock
from tests.e2e.attendance.conftest import (
    CENTRE,
    enrol,
    position_count,
    share_live,
    text_of_reply,
)
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket
from tests.store_calls import read


async def _three_workers(harness: BotHarness, clock: FakeClock) -> dict[str, int]:
    """老王 on time inside, 小李 late outside then out, 小张 with a shift but absent."""
    worker = harness.users["worker"]
    li = harness.standin.add_user(9101, "小李")
    zhang = harness.standin.add_user(9102, "小张")
    for user in (worker, li, zhang):
        await enrol(harness, user)
    await share_live(harness, worker, *CENTRE)
    clock.advance(minutes=40)  # 09:05
    await share_live(harness, li, CENTRE[0] + 0.01, CENTRE[1])
    clock.advance(hours=1)  # 10:05
    await text_of_reply(harness, li, "/checkout")
    return {"worker": worker.id, "li": li.id, "zhang": zhang.id}


async def test_the_days_attendance_for_dispatchers(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    await _three_workers(harness, clock)
    text = await text_of_reply(harness, dispatcher, "/attendance")
    lines = text.splitlines()
    assert lines[0] == t(
        "attendance.day.title",
        "zh",
        day="2026年11月23日",
        on_duty=1,
        off=1,
        absent=1,
        late=1,
        outside=1,
    )
    late_outside = t("attendance.mark.late", "zh", minutes=35) + t("attendance.mark.outside", "zh")
    early = t("attendance.mark.early", "zh", minutes=445)
    assert lines[1:] == [
        t("attendance.day.on_duty", "zh", who="老王（9003）", since="08:25", hours="1.7", marks=""),
        t(
            "attendance.day.off",
            "zh",
            who="小李（9101）",
            since="09:05",
            until="10:05",
            hours="1",
            marks=late_outside + t("attendance.mark.left_area", "zh", count=1) + early,
        ),
        t("attendance.day.absent", "zh", who="小张（9102）", shift="08:30-17:30"),
    ]
    yesterday = await text_of_reply(harness, dispatcher, "/attendance 昨天")
    assert yesterday == t("attendance.day.empty", "zh", day="2026年11月22日")
    usage = t("staff.usage", "zh", usage=t("attendance.usage.attendance", "zh"))
    assert await text_of_reply(harness, dispatcher, "/attendance 11月") == usage


async def test_the_days_attendance_as_a_csv_file(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    await _three_workers(harness, clock)
    before = len(harness.sent_to(dispatcher))
    harness.standin.send_text(dispatcher, "/attendance 2026-11-23 csv")
    sent = await harness.next_reply(dispatcher.id, before)
    assert sent.document is not None and sent.document.file_name == "attendance-20261123.csv"
    assert sent.caption == t("attendance.export.caption", "zh", day="2026年11月23日", count=3)
    data = harness.standin.file_bytes(sent.document.file_id)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads the Chinese
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["日期", "人员编号", "姓名", "部门", "班次", "状态"]
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["老王"][5:9] == ["在岗", "2026-11-23 08:25", "", "0"]
    assert by_name["小李"][5:] == [
        "已签退", "2026-11-23 09:05", "2026-11-23 10:05", "35", "是", "1", "445", "1.00", "1"
    ]  # fmt: skip
    assert by_name["小张"][3:6] == ["环卫所", "08:30-17:30", "未签到"]


async def test_dispatch_suggests_the_nearest_worker_on_duty_of_the_department(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    near, far = harness.users["worker"], harness.standin.add_user(9101, "小李")
    gardener, gone = harness.standin.add_user(9102, "园丁"), harness.standin.add_user(9103, "小赵")
    for user in (near, far, gone):
        await enrol(harness, user)
    await enrol(harness, gardener, department="greening")
    ticket = await file_ticket(harness, latitude=CENTRE[0], longitude=CENTRE[1])
    await share_live(harness, far, CENTRE[0] + 0.002, CENTRE[1])  # about 220 m
    await share_live(harness, gardener, *CENTRE)  # nearest, but another department
    await share_live(harness, gone, *CENTRE)
    await text_of_reply(harness, gone, "/checkout")  # off duty: never suggested
    live, _reply = await share_live(harness, near, CENTRE[0] + 0.01, CENTRE[1])
    clock.advance(minutes=3)
    harness.standin.move_live_location(near, live, CENTRE[0] + 0.0005, CENTRE[1])  # 56 m now
    await harness.settle()
    suggestion = await text_of_reply(harness, dispatcher, f"/dispatch {ticket.number}")
    number = ticket.number
    assert suggestion.splitlines() == [
        t("attendance.nearest.title", "zh", number=number, department="环卫所"),
        t(
            "attendance.nearest.line", "zh", index=1, who="老王（9003）", distance="56 米",
            at="08:28", number=number, user_id=9003,
        ),
        t(
            "attendance.nearest.line", "zh", index=2, who="小李（9101）", distance="222 米",
            at="08:25", number=number, user_id=9101,
        ),
    ]  # fmt: skip
    # The command it offers dispatches the ticket to them.
    await text_of_reply(harness, dispatcher, f"/accept {number}")
    done = await text_of_reply(harness, dispatcher, f"/dispatch {number} @9003")
    assert "已派遣" in done
    unplaced = await file_ticket(harness, latitude=None, longitude=None)  # type: ignore[arg-type]
    no_place = await text_of_reply(harness, dispatcher, f"/dispatch {unplaced.number}")
    assert no_place == t("attendance.nearest.no_place", "zh", number=unplaced.number)
    greening = await file_ticket(harness, category="greening", latitude=0.0, longitude=0.0)
    await text_of_reply(harness, gardener, "/checkout")
    nobody = await text_of_reply(harness, dispatcher, f"/dispatch {greening.number}")
    assert nobody == t(
        "attendance.nearest.none", "zh", number=greening.number, department="绿化管养所"
    )


async def test_positions_are_purged_after_the_days_set_and_mydata_says_so(
    harness: BotHarness, clock: FakeClock
) -> None:
    worker = harness.users["worker"]
    await enrol(harness, worker)
    live, _reply = await share_live(harness, worker, *CENTRE)
    for _ in range(2):
        clock.advance(minutes=10)
        harness.standin.move_live_location(worker, live, *CENTRE)
        await harness.settle()  # kept at the store's time of handling
    await text_of_reply(harness, worker, "/checkout")
    mydata = await text_of_reply(harness, worker, "/mydata")
    assert "签到记录：1 次（最早 2026年11月23日）" in mydata
    assert "现存 2 个（最早 2026年11月23日 08:35）" in mydata and "保存 30 天后自动删除" in mydata
    clock.advance(days=29)
    assert await purge_positions(harness.services) == 0
    assert await position_count(harness, worker.id) == 2
    clock.advance(days=1, minutes=1)
    assert await purge_positions(harness.services) == 2
    assert await position_count(harness, worker.id) == 0
    kept = await read(harness.services.store, attendance.describe_kept, user_id=worker.id)
    assert (kept.sessions, kept.positions) == (1, 0)
    assert "现存 0 个。" in await text_of_reply(harness, worker, "/mydata")
