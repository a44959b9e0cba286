"""`citybot run --webhook`: Telegram's POSTs, checked at the door, put on the update queue.

PTB's customwebhookbot pattern: a small Starlette app served by uvicorn receives the
POST and puts the Update on `application.update_queue`, with the Application running
without an Updater. Unlike PTB's built-in tornado server, every refusal is ours to
shape: a wrong secret gets 403, a body that is not an update 400 (not 500), each with
one log line that names the problem and nothing the body said. A valid update gets 200
only once the queue has it, which for citybot means it is in the update ledger
(bot/runtime/receipts.py), so Telegram never forgets an update the bot has not written down.
The dashboard to come can mount the same routes (`webhook_routes`) in its own app.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import socket
from collections.abc import Iterator
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update

from bot.app import stop_application
from bot.context import CityApplication

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20
"""Far above any update Telegram sends (4096 characters of text and their entities)."""
MAX_UPDATE_ID = 2**53
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Refused(Exception):
    """A request the webhook refuses: the HTTP status and a reason safe to log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_secret(request: Request, secret: str) -> None:
    given = request.headers.get(SECRET_HEADER)
    if given is None or not secrets.compare_digest(given.encode(), secret.encode()):
        raise Refused(403, "wrong or missing secret token")


def _check_content_type(request: Request) -> None:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != "application/json":
        raise Refused(415, "content type is not application/json")


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Refused(413, "body is too large")
    body = bytearray()
    async for chunk in request.stream():  # a body without a length is cut off the same way
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise Refused(413, "body is too large")
    return bytes(body)


def parse_update_json(body: bytes) -> dict[str, Any]:
    """The JSON object of an update, or Refused(400) saying why it is not one."""
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "body is not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "body is not a JSON object")
    update_id = data.get("update_id")
    if isinstance(update_id, bool) or not isinstance(update_id, int):
        raise Refused(400, "body has no integer update_id")
    if not 0 <= update_id <= MAX_UPDATE_ID:
        raise Refused(400, "update_id is out of range")
    return data


async def _update_from(request: Request, application: CityApplication, secret: str) -> Update:
    _check_secret(request, secret)
    _check_content_type(request)
    data = parse_update_json(await _read_body(request))
    try:
        return Update.de_json(data, application.bot)
    except Exception:  # PTB raises TypeError, KeyError, ValueError... on shapes it cannot read
        # Telegram would retry a refusal and then drop it; an update this PTB release
        # cannot read (as when polling, bot/runtime/telegram_client.py) is passed on empty instead,
        # so the ledger marks its id done and a redelivery is recognised.
        log.warning(
            "webhook: skipping update %s that this PTB version cannot read", data["update_id"]
        )
        return Update(update_id=data["update_id"])


def webhook_routes(application: CityApplication, path: str, secret: str) -> list[BaseRoute]:
    """The route that takes Telegram's POSTs at `path`, checking `secret`."""

    async def receive(request: Request) -> Response:
        try:
            update = await _update_from(request, application, secret)
        except Refused as refused:
            log.warning("webhook: refused a request (%d): %s", refused.status, refused.reason)
            return PlainTextResponse(refused.reason, status_code=refused.status)
        try:
            await application.update_queue.put(update)
        except Exception as error:  # its text may quote the update: only the type is logged
            log.error(
                "webhook: could not queue update %s (%s)", update.update_id, type(error).__name__
            )
            return PlainTextResponse("try again later", status_code=500)
        return Response(status_code=200)

    return [Route(path, receive, methods=["POST"])]


def webhook_app(application: CityApplication, path: str, secret: str) -> Starlette:
    """An ASGI app serving only the webhook route."""
    return Starlette(routes=webhook_routes(application, path, secret))


class _Server(uvicorn.Server):
    """uvicorn's server without its signal handling: serve_webhook stops it itself, then
    stops the bot (uvicorn would re-raise SIGTERM after shutdown and end the process
    before the bot saved its state)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Leave SIGINT and SIGTERM alone."""
        yield


class WebhookServer:
    """The webhook app on `listen:port` (port 0: a free one), started and stopped in-loop."""

    def __init__(self, app: Starlette, listen: str, port: int) -> None:
        config = uvicorn.Config(
            app,
            log_config=None,  # keep the bot's logging as it is
            access_log=False,  # one line per refusal is ours; a line per update is noise
            lifespan="off",
            server_header=False,
        )
        # access_log=False only holds while that logger has no handler of its own (uvicorn
        # checks per connection); an operator's logging setup may give it one.
        logging.getLogger("uvicorn.access").disabled = True
        self._server = _Server(config)
        family = socket.AF_INET6 if ":" in listen else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((listen, port))  # OSError here: the address is taken or wrong
        self.port: int = self._socket.getsockname()[1]
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Serve in the background; returns once requests are accepted."""
        self._task = asyncio.create_task(self._server.serve(sockets=[self._socket]))
        while not self._server.started:
            if self._task.done():
                await self._task  # startup failed: raise what it raised
                raise RuntimeError("the webhook server stopped while starting")
            await asyncio.sleep(0.01)

    async def wait(self) -> None:
        """Until the server stops (a signal, or stop())."""
        if self._task is not None:
            await self._task

    def request_stop(self) -> None:
        """Ask the server to finish the requests in hand and close."""
        self._server.should_exit = True

    async def stop(self) -> None:
        """Finish the requests in hand, then close."""
        self.request_stop()
        await self.wait()
        self._socket.close()


async def serve_webhook(
    application: CityApplication, *, server: WebhookServer, url: str, secret: str
) -> None:
    """Run the bot on `server` until SIGINT or SIGTERM: start, setWebhook, serve, stop.

    `server` serves `webhook_app(application, ...)`; it is made by the caller, so that an
    address already taken is reported before the bot starts.
    """
    loop = asyncio.get_running_loop()
    for stop_signal in STOP_SIGNALS:
        loop.add_signal_handler(stop_signal, server.request_stop)
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        await server.start()
        log.info("webhook: listening on port %d", server.port)
        # After the server listens, so Telegram's first delivery finds it.
        await application.bot.set_webhook(
            url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        await server.wait()
    finally:
        await server.stop()
        await stop_application(application)
        for stop_signal in STOP_SIGNALS:
            loop.remove_signal_handler(stop_signal)
