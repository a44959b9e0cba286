"""Deadline alerts with time moved forward, /stats with its chart, /export as CSV."""

from __future__ import annotations

import io

from PIL import Image

from bot.context import CityContext
from bot.messages import t
from bot.render.charts import CHART_HEIGHT, CHART_WIDTH
from handlers.staff_reports import check_deadlines, deadline_job
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket, say


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


async def test_export_is_csv_with_bom(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    before = len(harness.sent_to(dispatcher))
    harness.standin.send_text(dispatcher, "/export all")
    sent = await harness.standin.wait_for_message(
        dispatcher.id,
        lambda m: m.document is not None and harness.sent_to(dispatcher).index(m) >= before,
    )
    assert sent.document is not None and (sent.document.file_name or "").endswith(".csv")
    data = harness.standin.file_bytes(sent.document.file_id)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("number,status,category")
    assert rows[1].startswith(f"{ticket.number},submitted,sanitation,环卫保洁")
    assert sent.caption == t("staff.export.caption", "zh", period="全部", count=1)
