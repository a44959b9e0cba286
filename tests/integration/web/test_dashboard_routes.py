"""The dashboard's routes on a real database: the map's filters, a ticket's detail and its
photos, the CSV export and the KPIs; no view shows who reported."""

from __future__ import annotations

import csv
import io

from PIL import Image

from bot.messages import t
from storage import Status
from storage.tickets import service
from tests.integration.store_helpers import DISPATCHER, REPORTER, WORKER, file, walk_to
from tests.integration.web.conftest import Web
from tests.store_calls import run

REPORTER_ID = 987_654_321
"""A reporter id that nothing else in a response could contain by chance."""


def _exif_jpeg() -> bytes:
    image = Image.new("RGB", (80, 60), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x9003] = "2026:11:23 09:00:00"  # DateTimeOriginal
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


async def _numbers(web: Web, **params: str) -> set[str]:
    response = await web.client.get("/dashboard/api/tickets", params=params)
    assert response.status_code == 200, response.text
    return {ticket["number"] for ticket in response.json()["tickets"]}


async def test_the_map_filters_by_status_category_department_overdue_and_period(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    litter = await file(web.store, reporter_id=REPORTER_ID)
    grass = await file(web.store, category="greening", description="树枝断了挡路")
    done = await file(web.store, description="已经处理好的")
    await walk_to(web.store, done, Status.CLOSED)
    await walk_to(web.store, grass, Status.DISPATCHED)
    web.clock.advance(hours=30)  # sanitation is due in 24 h, greening in 48 h
    later = await file(web.store, description="第二天的")

    assert await _numbers(web) == {litter, grass, later}
    assert await _numbers(web, status="all") == {litter, grass, done, later}
    assert await _numbers(web, status="closed") == {done}
    assert await _numbers(web, category="greening") == {grass}
    assert await _numbers(web, department="sanitation") == {litter, later}
    assert await _numbers(web, overdue="1") == {litter}
    assert await _numbers(web, since="2026-11-24", status="all") == {later}
    assert await _numbers(web, until="2026-11-23", status="all") == {litter, grass, done}

    markers = (await web.client.get("/dashboard/api/tickets")).json()["tickets"]
    first = next(m for m in markers if m["number"] == litter)
    assert first["lat"] == 23.1291 and first["category_name"] == "环卫保洁"
    assert first["overdue"] is True and first["status_name"] == t("staff.status.submitted", "zh")


async def test_a_filter_it_cannot_read_gets_400_saying_which(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    for params, field in [
        ({"status": "lost"}, "status"),
        ({"category": "<script>"}, "category"),
        ({"department": "nowhere"}, "department"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2026-11-25", "until": "2026-11-24"}, "until"),
    ]:
        response = await web.client.get("/dashboard/api/tickets", params=params)
        assert response.status_code == 400 and response.text.startswith(field), params
        assert "<script>" not in response.headers["content-type"]
        csv_response = await web.client.get("/dashboard/export.csv", params=params)
        assert csv_response.status_code == 400


async def test_a_ticket_shows_its_timeline_and_photos_without_exif_or_reporter(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    number = await file(web.store, reporter_id=REPORTER_ID, description="井盖松动")
    await run(web.store, service.accept, number=number, by=DISPATCHER)
    await run(web.store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER.user_id)
    await run(web.store, service.start, number=number, by=WORKER)
    photo = web.store.photos.put(_exif_jpeg())
    await run(web.store, service.resolve, number=number, by=WORKER, note="已加固", photo=photo)

    response = await web.client.get(f"/dashboard/api/tickets/{number}")
    assert response.status_code == 200
    ticket = response.json()
    assert ticket["description"] == "井盖松动"
    steps = [(e["action_name"], e["role_name"]) for e in ticket["timeline"]]
    assert steps[0] == (t("staff.action.file", "zh"), t("staff.role.reporter", "zh"))
    assert [e["action_name"] for e in ticket["timeline"]][-1] == t("staff.action.resolve", "zh")
    assert ticket["timeline"][-1]["note"] == "已加固"
    assert str(REPORTER_ID) not in response.text

    [shown] = ticket["photos"]
    served = await web.client.get(shown["url"])
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert "no-store" in served.headers["cache-control"]
    assert b"SecretCam" not in served.content and b"Exif" not in served.content
    image = Image.open(io.BytesIO(served.content))
    assert image.size == (80, 60) and len(image.getexif()) == 0

    other = await file(web.store)
    photo_id = shown["url"].rsplit("/", 1)[1]
    assert (await web.client.get(f"/dashboard/photos/{other}/{photo_id}")).status_code == 404
    assert (await web.client.get("/dashboard/api/tickets/CG-20991231-9999")).status_code == 404
    listing = await web.client.get("/dashboard/api/tickets", params={"status": "all"})
    assert str(REPORTER_ID) not in listing.text
    anonymous = web.new_client()
    assert (await anonymous.get(shown["url"])).status_code == 401


async def test_the_csv_holds_the_filtered_tickets_in_chinese(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    await file(web.store, reporter_id=REPORTER_ID)
    grass = await file(web.store, category="greening", description='带"引号",和逗号的描述')
    response = await web.client.get("/dashboard/export.csv", params={"category": "greening"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == t("export.col.number", "zh")
    assert [row[0] for row in rows[1:]] == [grass]
    assert rows[1][rows[0].index(t("export.col.description", "zh"))] == '带"引号",和逗号的描述'
    assert rows[1][rows[0].index(t("export.col.category", "zh"))] == "绿化管养"
    everything = await web.client.get("/dashboard/export.csv", params={"status": "all"})
    assert str(REPORTER_ID) not in everything.content.decode("utf-8-sig")
    assert len(everything.content.decode("utf-8-sig").strip().splitlines()) == 3


async def test_the_kpis_of_a_week(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    on_time, reworked, extended, rejected, late = [await file(web.store) for _ in range(5)]
    await walk_to(web.store, on_time, Status.CLOSED)
    await run(web.store, service.rate, number=on_time, by=REPORTER, rating=5)
    await walk_to(web.store, reworked, Status.RESOLVED)
    await run(web.store, service.rework, number=reworked, by=DISPATCHER, reason="没扫干净")
    await walk_to(web.store, extended, Status.DISPATCHED)
    await run(web.store, service.extend, number=extended, by=DISPATCHER, reason="等配件", days=2)
    await walk_to(web.store, rejected, Status.REJECTED)
    web.clock.advance(hours=25)
    await walk_to(web.store, late, Status.CLOSED)
    await run(web.store, service.rate, number=late, by=REPORTER, rating=2)

    params = {"since": "2026-11-23", "until": "2026-11-29", "step": "week"}
    response = await web.client.get("/dashboard/api/kpis", params=params)
    assert response.status_code == 200
    [week] = response.json()["points"]
    assert week["start"] == "2026-11-23" and week["filed"] == 4  # the rejected one counts not
    assert week["closed"] == 0.5  # on_time and late of 4
    assert week["on_time"] == 0.5  # on_time of the 2 closed
    assert abs(week["rework"] - 1 / 3) < 1e-9  # reworked of the 3 resolved once
    assert week["extension"] == 0.25
    assert week["satisfaction"] == 0.5  # the 5 of the 5 and the 2

    chart = await web.client.get("/dashboard/kpis.png", params=params | {"step": "day"})
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(chart.content)).size == (960, 420)
    days = (await web.client.get("/dashboard/api/kpis", params=params | {"step": "day"})).json()
    assert [p["filed"] for p in days["points"]] == [4, 0, 0, 0, 0, 0, 0]
    assert days["points"][1]["closed"] is None  # nothing filed: no figure, not 0 %
    too_long = {"since": "2020-01-01", "step": "day"}
    assert (await web.client.get("/dashboard/kpis.png", params=too_long)).status_code == 400
    assert (await web.client.get("/dashboard/api/kpis", params={"step": "hour"})).status_code == 400


async def test_tiles_come_from_the_configured_server_only(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    offline = await web.client.get("/dashboard")
    assert '"tiles": null' in offline.text
    assert "img-src 'self' data:;" in offline.headers["content-security-policy"]
    tiles = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    web.context.settings = web.settings.model_copy(update={"web_tile_url": tiles})
    online = await web.client.get("/dashboard")
    assert f'"tiles": "{tiles}"' in online.text
    assert (
        "img-src 'self' data: https://*.tile.openstreetmap.org;"
        in online.headers["content-security-policy"]
    )
