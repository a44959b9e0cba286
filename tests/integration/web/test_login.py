"""Logging in to the dashboard with a one-time link: once, while fresh, staff only."""

from __future__ import annotations

import pytest

from bot.web.security import SESSION_COOKIE
from storage import Role
from storage.staff import service as staff
from storage.weblogin.models import LoginToken
from tests.integration.store_helpers import ADMIN, DISPATCHER, REPORTER
from tests.integration.web.conftest import Web
from tests.store_calls import run

DASHBOARD_ROUTES = (
    "/dashboard/api/tickets",
    "/dashboard/api/tickets/CG-20261123-0001",
    "/dashboard/photos/CG-20261123-0001/1.jpg",
    "/dashboard/export.csv",
    "/dashboard/api/kpis",
    "/dashboard/kpis.png",
)


async def test_a_link_logs_in_once_and_the_session_opens_the_dashboard(web: Web) -> None:
    token = await web.issue(DISPATCHER.user_id)
    response = await web.post_login(web.client, token)
    assert response.status_code == 303
    assert SESSION_COOKIE in response.cookies
    set_cookie = response.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie
    page = await web.client.get("/dashboard")
    assert page.status_code == 200
    assert "工单看板" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]

    another = web.new_client()
    again = await web.post_login(another, token)
    assert again.status_code == 400
    assert "无效、已经用过或已过期" in again.text
    assert (await another.get("/dashboard/api/tickets")).status_code == 401


async def test_opening_the_link_does_not_spend_it(web: Web) -> None:
    token = await web.issue(ADMIN.user_id)
    for _ in range(3):  # a link preview, a scanner, the person
        assert (await web.client.get("/login", params={"token": token})).status_code == 200
    assert (await web.post_login(web.client, token)).status_code == 303


async def test_a_link_expires_after_ten_minutes(web: Web) -> None:
    fresh, stale = await web.issue(DISPATCHER.user_id), await web.issue(DISPATCHER.user_id)
    web.clock.advance(minutes=9)
    assert (await web.post_login(web.new_client(), fresh)).status_code == 303
    web.clock.advance(minutes=2)
    assert (await web.post_login(web.new_client(), stale)).status_code == 400


async def test_only_the_hash_of_a_token_is_stored(web: Web) -> None:
    token = await web.issue(DISPATCHER.user_id)
    async with web.store.reading() as session:
        from sqlalchemy import select

        stored = list((await session.execute(select(LoginToken.token_sha256))).scalars())
    assert len(stored) == 1 and stored[0] != token and token not in stored[0]


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 500, "' OR 1=1 --"])
async def test_made_up_tokens_log_no_one_in(web: Web, token: str) -> None:
    response = await web.post_login(web.client, token) if token else None
    if response is not None:
        assert response.status_code == 400
    assert (await web.client.get("/dashboard/api/tickets")).status_code == 401


async def test_a_resident_link_gets_no_session(web: Web) -> None:
    # /web gives residents no link; a token for one (say, staff removed since) is refused.
    response = await web.post_login(web.client, await web.issue(REPORTER.user_id))
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies


async def test_a_gas_inspector_on_the_roster_gets_no_session(web: Web) -> None:
    # The gas company's inspectors are on the roster for home visits, not the bureau's tickets.
    inspector = 5001
    await run(web.store, staff.add_member, by=ADMIN, user_id=inspector, role=Role.GAS_INSPECTOR)
    response = await web.post_login(web.client, await web.issue(inspector))
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies


async def test_the_form_needs_its_csrf_value(web: Web) -> None:
    token = await web.issue(DISPATCHER.user_id)
    await web.client.get("/login", params={"token": token})
    no_field = await web.client.post("/login", data={"token": token})
    wrong = await web.client.post("/login", data={"token": token, "csrf": "guess"})
    assert no_field.status_code == wrong.status_code == 403
    assert (await web.post_login(web.client, token)).status_code == 303  # not spent


async def test_every_dashboard_route_needs_a_session(web: Web) -> None:
    for route in DASHBOARD_ROUTES:
        assert (await web.client.get(route)).status_code == 401, route
    page = await web.client.get("/dashboard")
    assert page.status_code == 303 and page.headers["location"] == "/login"
    how = await web.client.get("/login")
    assert "/web" in how.text


async def test_a_forged_session_cookie_is_refused(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    genuine = web.client.cookies[SESSION_COOKIE]
    user, issued, signature = genuine.split(".")
    for forged in (f"{ADMIN.user_id}.{issued}.{signature}", f"{user}.{issued}.{'0' * 64}", "x"):
        client = web.new_client()
        client.cookies.set(SESSION_COOKIE, forged)
        assert (await client.get("/dashboard/api/tickets")).status_code == 401


async def test_someone_taken_off_the_roster_is_locked_out_at_once(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    assert (await web.client.get("/dashboard/api/tickets")).status_code == 200
    await run(web.store, staff.remove_member, by=ADMIN, user_id=DISPATCHER.user_id)
    for route in DASHBOARD_ROUTES:
        assert (await web.client.get(route)).status_code == 403, route


async def test_logout_ends_the_session_and_needs_the_csrf_value(web: Web) -> None:
    await web.log_in(DISPATCHER.user_id)
    assert (await web.client.post("/logout", data={})).status_code == 403
    csrf = web.client.cookies["citybot_csrf"]
    response = await web.client.post("/logout", data={"csrf": csrf})
    assert response.status_code == 303
    assert (await web.client.get("/dashboard/api/tickets")).status_code == 401


async def test_posts_are_rate_limited(web: Web) -> None:
    statuses = [(await web.client.post("/login", data={})).status_code for _ in range(25)]
    assert statuses[:20] == [403] * 20
    assert statuses[20:] == [429] * 5
