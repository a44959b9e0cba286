"""One server for everything: `citybot web --webhook` serves Telegram's webhook and the web
app from the same uvicorn server, the bot answering through it and the dashboard alive."""

from __future__ import annotations

import asyncio

import httpx

from bot.app import build_application
from bot.runtime.database import prepare_database
from bot.runtime.webhook import WebhookServer, serve_webhook, webhook_routes
from bot.web.app import build_web_app
from tests.e2e.harness import BotHarness, resident_help

SECRET = "one-server-secret"


async def test_the_bot_and_the_dashboard_share_one_server(harness: BotHarness) -> None:
    await harness.stop()
    await prepare_database(harness.settings)
    application = build_application(harness.settings, polling=False, outbox_interval=0.05)
    harness.app = None  # serve_webhook stops it
    store = application.bot_data.services.store  # type: ignore[union-attr]
    routes = webhook_routes(application, "/telegram", SECRET)
    app = build_web_app(harness.settings, store=store, extra_routes=routes)
    server = WebhookServer(app, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.port}"
    serving = asyncio.create_task(
        serve_webhook(application, server=server, url=f"{base}/telegram", secret=SECRET)
    )
    try:
        while harness.standin.webhook_url != f"{base}/telegram":
            assert not serving.done(), serving.exception()
            await asyncio.sleep(0.02)
        resident = harness.users["resident"]
        harness.standin.send_text(resident, "/help")
        await harness.standin.wait_for_message(resident.id, lambda m: m.text == resident_help("zh"))
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            assert (await client.get("/healthz")).text == "ok"
            assert (await client.get("/dashboard/api/tickets")).status_code == 401
            assert (await client.get("/login")).status_code == 200
            refused = await client.post("/telegram", json={"update_id": 1})
            assert refused.status_code == 403  # the webhook still checks its secret
    finally:
        server.request_stop()
        await serving
    assert not application.running
