"""`citybot run`: the bot on Telegram (long polling, or a webhook)."""

from __future__ import annotations

import asyncio
import logging
import secrets
from urllib.parse import urlparse

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import fail, run_async, settings_from
from bot.runtime.database import SchemaOutOfDate, prepare_database


def run(
    ctx: typer.Context,
    webhook: str | None = typer.Option(
        None, "--webhook", help="Public HTTPS URL Telegram posts updates to (else long polling)."
    ),
    listen: str | None = typer.Option(None, "--listen", help="Address the webhook server binds."),
    port: int | None = typer.Option(None, "--port", help="Port the webhook server binds."),
) -> None:
    """Start the bot."""
    settings = settings_from(ctx)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if settings.telegram_token is None:
        fail(
            "CITYBOT_TELEGRAM_TOKEN: required by `citybot run` (try `citybot console` without one)"
        )
    try:
        run_async(prepare_database(settings))
    except SchemaOutOfDate as exc:
        fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot reach the database ({type(exc).__name__}: {str(exc).splitlines()[0]})")
    from telegram import Update  # PTB loads in a few hundred ms: only when the bot runs

    from bot.app import build_application

    if webhook is None:
        build_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)
        return
    parsed = urlparse(webhook)
    if parsed.scheme not in ("https", "http") or not parsed.netloc:
        fail(f"--webhook: {webhook!r} is not a URL like https://bot.example.org/telegram")
    secret = (
        settings.webhook_secret.get_secret_value()
        if settings.webhook_secret
        else secrets.token_urlsafe(32)
    )
    from bot.runtime.webhook import WebhookServer, serve_webhook, webhook_app

    application = build_application(settings, polling=False)
    host, number = listen or settings.webhook_listen, port or settings.webhook_port
    path = parsed.path or "/"
    try:
        server = WebhookServer(webhook_app(application, path, secret), host, number)
    except OSError as exc:
        fail(f"--listen/--port: cannot listen on {host}:{number} ({exc.strerror or exc})")
    asyncio.run(serve_webhook(application, server=server, url=webhook, secret=secret))
