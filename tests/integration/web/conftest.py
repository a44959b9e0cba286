"""The web app over the test's real database, and an HTTP client talking to it (httpx)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from bot.settings import Settings, load_settings
from bot.web.app import build_web_app
from bot.web.context import WebContext
from storage import Role, Store
from storage.staff import service as staff
from storage.weblogin import service as weblogin
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN, DISPATCHER
from tests.store_calls import run

BOT_TOKEN = "123456:TEST-token-for-the-web"
BASE = "http://testserver"


@dataclass
class Web:
    """The app, its store and clock, and a client with its own cookie jar."""

    store: Store
    clock: FakeClock
    settings: Settings
    context: WebContext
    client: httpx.AsyncClient

    def new_client(self) -> httpx.AsyncClient:
        """Another browser: same app, no cookies."""
        return httpx.AsyncClient(transport=self.client._transport, base_url=BASE)

    async def issue(self, user_id: int) -> str:
        """A one-time login token for `user_id`, as /web makes one."""
        return await run(self.store, weblogin.issue_login_token, user_id=user_id)

    async def post_login(self, client: httpx.AsyncClient, token: str) -> httpx.Response:
        """Open the link (GET), then press its button (POST), as a browser does."""
        page = await client.get("/login", params={"token": token})
        assert page.status_code == 200
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        return await client.post("/login", data={"token": token, "csrf": csrf.group(1)})

    async def log_in(self, user_id: int, client: httpx.AsyncClient | None = None) -> None:
        """Log `client` (the default one) in as `user_id` through a one-time link."""
        response = await self.post_login(client or self.client, await self.issue(user_id))
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/dashboard"


@pytest.fixture
async def web(store: Store, clock: FakeClock) -> AsyncIterator[Web]:
    """The web app over `store`, an admin in the settings and a dispatcher on the roster."""
    settings = load_settings(
        telegram_token=BOT_TOKEN, admin_ids=[ADMIN.user_id], web_url="https://web.example.org"
    )
    await run(store, staff.add_member, by=ADMIN, user_id=DISPATCHER.user_id, role=Role.DISPATCHER)
    app = build_web_app(settings, store=store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield Web(store, clock, settings, app.state.web, client)
