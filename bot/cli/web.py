"""`citybot web`: the dashboard, the Mini App and Open311 in one server (and the bot's webhook).

Without `--webhook` the web app runs on its own, next to a `citybot run` process sharing the
database; with it, the bot runs in this process too, Telegram's POSTs served by the same app.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import fail, run_async, settings_from
from bot.runtime.database import SchemaOutOfDate, prepare_database
from bot.settings import Settings

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from bot.runtime.webhook import WebhookServer

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def web(
    ctx: typer.Context,
    host: str | None = typer.Option(None, "--host", help="Address to bind (CITYBOT_WEB_HOST)."),
    port: int | None = typer.Option(None, "--port", help="Port to bind (CITYBOT_WEB_PORT)."),
    webhook: str | None = typer.Option(
        None, "--webhook", help="Also run the bot, Telegram posting to this public HTTPS URL."
    ),
) -> None:
    """Serve the staff dashboard, the Mini App and Open311 (and, with --webhook, the bot)."""
    settings = settings_from(ctx)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if webhook is not None:
        parsed = urlparse(webhook)
        if parsed.scheme not in ("https", "http") or not parsed.netloc:
            fail(f"--webhook: {webhook!r} is not a URL like https://bot.example.org/telegram")
        if settings.telegram_token is None:
            fail("CITYBOT_TELEGRAM_TOKEN: required to run the bot with --webhook")
    try:
        run_async(prepare_database(settings))
    except SchemaOutOfDate as exc:
        fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot reach the database ({type(exc).__name__}: {str(exc).splitlines()[0]})")
    bind_host, bind_port = host or settings.web_host, port or settings.web_port
    asyncio.run(_serve(settings, bind_host, bind_port, webhook))


async def _serve(settings: Settings, host: str, port: int, webhook: str | None) -> None:
    from bot.runtime.webhook import serve_webhook, webhook_routes
    from bot.services import open_store
    from bot.web.app import build_web_app

    store = open_store(settings)
    try:
        if webhook is None:
            app = build_web_app(settings, store=store)
            server = _bind(app, host, port)
            await _serve_alone(server)
            return
        from bot.app import build_application

        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)
        )
        application = build_application(settings, store=store, polling=False)
        routes = webhook_routes(application, urlparse(webhook).path or "/", secret)
        app = build_web_app(settings, store=store, extra_routes=routes)
        server = _bind(app, host, port)
        await serve_webhook(application, server=server, url=webhook, secret=secret)
    finally:
        await store.close()


def _bind(app: Starlette, host: str, port: int) -> WebhookServer:
    from bot.runtime.webhook import WebhookServer

    try:
        return WebhookServer(app, host, port)
    except OSError as exc:
        fail(f"--host/--port: cannot listen on {host}:{port} ({exc.strerror or exc})")


async def _serve_alone(server: WebhookServer) -> None:
    loop = asyncio.get_running_loop()
    for stop_signal in STOP_SIGNALS:
        loop.add_signal_handler(stop_signal, server.request_stop)
    try:
        await server.start()
        log.info("web: listening on port %d", server.port)
        await server.wait()
    finally:
        await server.stop()
        for stop_signal in STOP_SIGNALS:
            loop.remove_signal_handler(stop_signal)
