"""Deadline alerts with time moved forward, /stats with its chart, /export as CSV."""

from __future__ import annotations

import csv
import io
import re

from PIL import Image
from telegram import Message, User

from bot.context import CityContext
from bot.messages import t
from bot.render.charts import CHART_HEIGHT, CHART_WIDTH
from handlers.staff_reports import check_deadlines, deadline_job
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket, say

ENGLISH_STAFF_ID = 9007


async def test_deadline_alerts_fire_once_per_stage(harness: BotHarness, clock: FakeClock) -> None:
    admin, dispatcher, worker = (harness.users[k] for k in ("admin", "dispatcher", "worker"))
    await say(harness, admin, f"/staff add {worker.id} field_worker")
    ticket = await file_ticket(harness)  # sanitation: due in 24 h
    await say(harness, dispatcher, f"/accept {ticket.number}")
    await say(harness, dispatcher, f"/dispatch {ticket.number} @{worker.id}")
    assert await check_deadlines(harness.services) == []
    clock.advance(hours=21)
    alerts = await check_deadlines(harness.services)
    assert [(a.number, a.stage) for a in alerts] == [(ticket.number, 1)]
    group = harness.staff_group.id
    near = await harness.standin.wait_for_message(group, lambda m: "即将到期" in (m.text or ""))
    assert ticket.number in (near.text or "") and "环卫所" in (near.text or "")
    assert near.reply_markup is not None  # the next moves of a dispatched ticket
    await harness.standin.wait_for_message(worker.id, lambda m: "即将到期" in (m.text or ""))
    assert await check_deadlines(harness.services) == [], "once per stage"
    clock.advance(hours=4)
    await deadline_job(_context(harness))
    over = await harness.standin.wait_for_message(group, lambda m: "已超期" in (m.text or ""))
    assert ticket.number in (over.text or "")
    queue = await say(harness, dispatcher, "/queue")
    assert queue.splitlines()[1].startswith("⚠ ")


def _context(harness: BotHarness) -> CityContext:
    """A context like the JobQueue hands its callbacks."""
    assert harness.app is not None
    return CityContext(harness.app)


async def test_stats_text_and_chart(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    first = await file_ticket(harness)
    await file_ticket(harness, category="greening")
    await say(harness, dispatcher, f"/accept {first.number}")
    before = len(harness.sent_to(dispatcher))
    text = await say(harness, dispatcher, "/stats 7d")
    assert text.startswith("📊 统计（近 7 天）\n工单总数：2")
    assert "已立案 1" in text and "绿化管养 1" in text
    chart = await harness.standin.wait_for_message(
        dispatcher.id,
        lambda m: bool(m.photo) and harness.sent_to(dispatcher).index(m) >= before,
    )
    png = harness.standin.file_bytes(chart.photo[-1].file_id)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (CHART_WIDTH, CHART_HEIGHT)
    assert chart.caption == t("staff.chart.title", "zh", period="近 7 天")
    assert await say(harness, dispatcher, "/stats forever") == t("staff.err.period", "zh")


async def _export(harness: BotHarness, user: User) -> tuple[Message, list[list[str]]]:
    before = len(harness.sent_to(user))
    harness.standin.send_text(user, "/export all")
    sent = await harness.standin.wait_for_message(
        user.id,
        lambda m: m.document is not None and harness.sent_to(user).index(m) >= before,
    )
    assert sent.document is not None and (sent.document.file_name or "").endswith(".csv")
    data = harness.standin.file_bytes(sent.document.file_id)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    return sent, list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


async def test_export_is_csv_in_chinese_words_and_local_time(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)  # Monday 10:00 in Guangzhou, due in 24 h
    sent, rows = await _export(harness, dispatcher)
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:4] == ["工单编号", "状态", "类别", "紧急程度"]
    assert row["工单编号"] == ticket.number
    assert row["状态"] == "待受理" and row["类别"] == "环卫保洁" and row["紧急程度"] == "一般"
    assert row["处理部门"] == "环卫所"
    assert row["上报时间"] == "2026-11-23 10:00", "local time, not UTC"
    assert row["处理时限"] == "2026-11-24 10:00"
    assert row["是否超期"] == "否"
    assert not any("submitted" in cell or "+00:00" in cell for cell in rows[1])
    assert sent.caption == t("staff.export.caption", "zh", period="全部", count=1)


async def test_export_is_in_english_for_a_member_of_staff_who_reads_english(
    harness: BotHarness, clock: FakeClock
) -> None:
    english = harness.standin.add_user(ENGLISH_STAFF_ID, "Sam", language_code="en")
    harness.standin.private_chat(english)
    await say(harness, harness.users["admin"], f"/staff add {english.id} dispatcher")
    ticket = await file_ticket(harness, category="gas", priority="urgent")
    _sent, rows = await _export(harness, english)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0][:4] == ["Number", "Status", "Category", "Priority"]
    assert row["Number"] == ticket.number and row["Status"] == "submitted"
    assert row["Category"] == "Gas safety" and row["Priority"] == "urgent"
    assert row["Filed at"] == "2026-11-23 10:00"
    assert not any(re.search(r"[\u4e00-\u9fff]", cell) for cell in rows[0])
