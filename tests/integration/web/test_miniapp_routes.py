"""The Mini App's API: Telegram's initData checked, then tickets by the roster."""

from __future__ import annotations

import json
import time

from bot.messages import t
from bot.web.initdata import sign_init_data
from bot.web.miniapp import INIT_DATA_HEADER
from storage import Status
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, file, walk_to
from tests.integration.web.conftest import BOT_TOKEN, Web


def init_data(
    user_id: int, *, token: str = BOT_TOKEN, age: float = 5, language: str = "zh-hans"
) -> str:
    fields = {
        "query_id": "AAH-test",
        "user": json.dumps({"id": user_id, "first_name": "小明", "language_code": language}),
        "auth_date": str(int(time.time() - age)),
    }
    return sign_init_data(fields, token)


async def _tickets(web: Web, data: str) -> tuple[int, dict[str, object] | str]:
    response = await web.client.get("/app/api/tickets", headers={INIT_DATA_HEADER: data})
    body = response.json() if response.status_code == 200 else response.text
    return response.status_code, body


async def test_staff_see_every_open_ticket_and_a_resident_their_own(web: Web) -> None:
    mine = await file(web.store)
    closed_mine = await file(web.store)
    await walk_to(web.store, closed_mine, Status.CLOSED)
    theirs = await file(web.store, reporter_id=NEIGHBOUR.user_id)

    status, staff_view = await _tickets(web, init_data(DISPATCHER.user_id))
    assert status == 200 and isinstance(staff_view, dict) and staff_view["staff"] is True
    assert {t["number"] for t in staff_view["tickets"]} == {mine, theirs}  # type: ignore[attr-defined]

    status, resident_view = await _tickets(web, init_data(REPORTER.user_id))
    assert status == 200 and isinstance(resident_view, dict) and resident_view["staff"] is False
    assert {t["number"] for t in resident_view["tickets"]} == {mine, closed_mine}  # type: ignore[attr-defined]
    assert resident_view["summary"] == t("map.summary.mine", "zh", count=2)


async def test_the_map_speaks_the_language_telegram_gives(web: Web) -> None:
    mine = await file(web.store)
    status, english = await _tickets(web, init_data(REPORTER.user_id, language="en-US"))
    assert status == 200 and isinstance(english, dict)
    assert english["summary"] == t("map.summary.mine", "en", count=1)
    [shown] = english["tickets"]  # type: ignore[misc]
    assert shown["number"] == mine and shown["category_name"] == "Sanitation and cleaning"
    assert shown["status_name"] == t("status.submitted", "en")  # the reporter's words
    status, staff_view = await _tickets(web, init_data(DISPATCHER.user_id, language="zh-hant"))
    assert isinstance(staff_view, dict)
    assert staff_view["summary"] == t("map.summary.staff", "zh-hant", count=1)
    assert staff_view["tickets"][0]["status_name"] == t("staff.status.submitted", "zh-hant")  # type: ignore[index]


async def test_forged_stale_or_missing_init_data_gets_401(web: Web) -> None:
    await file(web.store)
    genuine = init_data(DISPATCHER.user_id)
    other_user = genuine.replace(f"%22id%22%3A+{DISPATCHER.user_id}", "%22id%22%3A+4001")
    assert other_user != genuine
    for data in (
        "",
        "garbage",
        init_data(DISPATCHER.user_id, token="654321:another-bot"),
        other_user,  # the user changed, the hash kept
        init_data(DISPATCHER.user_id, age=2 * 3600),  # stale
        init_data(DISPATCHER.user_id, age=-600),  # from the future
        genuine + "&hash=00",
        "x" * 10_000,
    ):
        status, body = await _tickets(web, data)
        assert status == 401, data[:80]
        assert "number" not in str(body)


async def test_the_page_loads_without_data_and_the_api_needs_the_bots_token(web: Web) -> None:
    page = await web.client.get("/app")
    assert page.status_code == 200 and "工单地图" in page.text
    assert "CG-" not in page.text
    web.context.settings = web.settings.model_copy(update={"telegram_token": None})
    status, _ = await _tickets(web, init_data(DISPATCHER.user_id))
    assert status == 401
