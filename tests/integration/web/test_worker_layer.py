"""The map's 在岗人员 layer: workers on duty where last seen, for dispatchers and admins only."""

from __future__ import annotations

from storage import Role, Store
from storage.attendance import circle
from storage.attendance import service as attendance
from storage.staff import service as staff
from storage.tickets import Actor
from tests.integration.store_helpers import ADMIN, DISPATCHER, OTHER_WORKER, WORKER
from tests.integration.web.conftest import Web
from tests.store_calls import run

CENTRE = (23.129, 113.264)


async def _on_duty(store: Store, actor: Actor, name: str) -> None:
    """`actor` on the roster of 环卫 with an area around the centre, checked in there."""
    assert actor.user_id is not None
    await run(
        store,
        staff.add_member,
        by=ADMIN,
        user_id=actor.user_id,
        role=Role.FIELD_WORKER,
        department="sanitation",
        display_name=name,
    )
    await run(
        store, attendance.set_area, by=DISPATCHER, user_id=actor.user_id, area=circle(*CENTRE, 500)
    )
    done = await run(
        store,
        attendance.check_in,
        by=actor,
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        live_period=28800,
        chat_id=actor.user_id,
        message_id=1,
    )
    assert done.state == "checked_in"


async def test_a_dispatcher_sees_who_is_on_duty_where_last_seen(web: Web) -> None:
    assert WORKER.user_id is not None and OTHER_WORKER.user_id is not None
    await _on_duty(web.store, WORKER, "老王")
    await _on_duty(web.store, OTHER_WORKER, "小李")
    web.clock.advance(minutes=7)
    await run(
        web.store,
        attendance.record_position,
        user_id=WORKER.user_id,
        chat_id=WORKER.user_id,
        message_id=1,
        latitude=23.1301,
        longitude=113.2655,
        source_key="live-1",
    )
    await run(web.store, attendance.check_out, user_id=OTHER_WORKER.user_id)

    assert (await web.client.get("/dashboard/api/workers")).status_code == 401
    await web.log_in(DISPATCHER.user_id)
    response = await web.client.get("/dashboard/api/workers")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"
    [shown] = response.json()["workers"]  # 小李 checked out: not shown at all
    local = web.clock.now.astimezone(web.store.catalog.timezone).strftime("%Y-%m-%d %H:%M")
    assert shown == {
        "user_id": WORKER.user_id,
        "name": "老王",
        "department_name": web.store.catalog.department_name("sanitation", "zh"),
        "lat": 23.1301,
        "lon": 113.2655,
        "at": local,
    }
    assert "小李" not in response.text
    page = await web.client.get("/dashboard")
    assert '"workers": "/dashboard/api/workers"' in page.text
    async with web.new_client() as admin:
        await web.log_in(ADMIN.user_id, admin)
        by_admin = await admin.get("/dashboard/api/workers")
    assert by_admin.status_code == 200 and by_admin.json()["workers"] == [shown]


async def test_a_field_worker_gets_no_layer_and_is_refused(web: Web) -> None:
    assert WORKER.user_id is not None and OTHER_WORKER.user_id is not None
    await _on_duty(web.store, WORKER, "老王")
    await _on_duty(web.store, OTHER_WORKER, "小李")
    await web.log_in(OTHER_WORKER.user_id)
    refused = await web.client.get("/dashboard/api/workers")
    assert refused.status_code == 403
    assert "老王" not in refused.text
    page = await web.client.get("/dashboard")
    assert page.status_code == 200
    assert '"workers": null' in page.text and "/dashboard/api/workers" not in page.text
