"""The HTTP face of the stand-in: /bot<token>/<method> and /file/bot<token>/<path>."""

from __future__ import annotations

import json
import logging
import socket
from http import HTTPStatus
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from bot.standin import methods_chat, methods_edit, methods_send, polls, webhook
from bot.standin.errors import ApiError, not_found, unauthorized
from bot.standin.faults import Faults, FloodLimiter
from bot.standin.holds import Holds
from bot.standin.params import Params, parse_request
from bot.standin.state import ApiCall, Handler, World
from bot.standin.updates import telegram_json

_LOGGER = logging.getLogger(__name__)
ALL_METHODS: dict[str, Handler] = {
    **methods_send.METHODS,
    **methods_edit.METHODS,
    **methods_chat.METHODS,
    **polls.METHODS,
    **webhook.METHODS,
}
# Telegram matches method names case-insensitively.
_BY_LOWER = {name.lower(): name for name in ALL_METHODS}
MAX_BODY = 64 * 1024 * 1024


class ApiServer:
    """Routes requests to the Bot API methods, applying faults and flood limits."""

    def __init__(self, world: World, faults: Faults) -> None:
        self.world = world
        self.faults = faults
        self.limiter: FloodLimiter | None = None
        self.holds = Holds()
        self._server: HTTPServer | None = None
        self.port = 0

    async def call(self, token: str, method: str, params: Params) -> tuple[int, Any]:
        """Run one API call and return (HTTP status, response body)."""
        world = self.world
        if token != world.token:
            return 401, unauthorized().to_json()
        name = _BY_LOWER.get(method.lower())
        if name is None:
            return 404, not_found().to_json()
        call = ApiCall(name, params.for_log())
        world.calls.append(call)
        polling = name == "getUpdates"
        if not polling:
            world.busy += 1
        try:
            fault = self.faults.take(name) or self.faults.storm_error(name, world.clock())
            if fault is not None:
                raise fault
            self._check_flood(name, params)
            chat_id = params.values.get("chat_id")
            await self.holds.pause(name, chat_id, before=True)
            result = await ALL_METHODS[name](world, params)
            await self.holds.pause(name, chat_id, before=False)
        except ApiError as error:
            call.error_code, call.description = error.error_code, error.description
            return error.error_code, error.to_json()
        except Exception as exc:  # a stand-in bug: answer in Telegram's shape, and log it
            _LOGGER.exception("stand-in failed on %s", name)
            failure = ApiError(500, f"Internal Server Error: stand-in bug: {exc!r}")
            call.error_code, call.description = failure.error_code, failure.description
            return 500, failure.to_json()
        finally:
            if not polling:
                world.busy -= 1
                world.touch()
        if polling and result:
            world.touch()
        return 200, {"ok": True, "result": telegram_json(result)}

    def _check_flood(self, method: str, params: Params) -> None:
        if self.limiter is None:
            return
        try:
            record = self.world.chat(params.values.get("chat_id"))
        except ApiError:
            return
        media = params.values.get("media")
        count = len(media) if isinstance(media, list) else 1
        now = self.world.clock()
        self.limiter.check(method, record.chat.id, record.chat.type == "private", now, count)

    def file(self, token: str, path: str) -> tuple[int, bytes, str]:
        """A stored file's bytes for /file/bot<token>/<path>."""
        stored = self.world.files.by_path.get(path) if token == self.world.token else None
        if stored is None:
            return 404, json.dumps(not_found().to_json()).encode(), "application/json"
        return 200, stored.content, stored.mime_type or "application/octet-stream"

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 picks a free port) and return the port."""
        app = Application(
            [
                (r"/bot([^/]+)/([A-Za-z0-9_]*)", _MethodHandler, {"api": self}),
                (r"/file/bot([^/]+)/(.+)", _FileHandler, {"api": self}),
                (r".*", _NotFoundHandler),
            ],
            log_function=lambda handler: None,
        )
        sockets = bind_sockets(port, address=host, family=socket.AF_INET)
        self._server = HTTPServer(app, max_body_size=MAX_BODY)
        self._server.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


def _reason(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


class _MethodHandler(RequestHandler):
    def initialize(self, api: ApiServer) -> None:
        self.api = api

    async def _handle(self, token: str, method: str) -> None:
        request = self.request
        try:
            params = parse_request(
                request.query,
                request.headers.get("Content-Type", ""),
                request.body,
                request.headers,
            )
        except ApiError as error:
            status, body = error.error_code, error.to_json()
        else:
            status, body = await self.api.call(token, method, params)
        if self.request.connection is None or self._finished:
            return
        self.set_status(status, _reason(status))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False).encode("utf-8"))

    async def get(self, token: str, method: str) -> None:
        await self._handle(token, method)

    async def post(self, token: str, method: str) -> None:
        await self._handle(token, method)


class _FileHandler(RequestHandler):
    def initialize(self, api: ApiServer) -> None:
        self.api = api

    def get(self, token: str, path: str) -> None:
        status, content, mime_type = self.api.file(token, path)
        self.set_status(status, _reason(status))
        self.set_header("Content-Type", mime_type)
        self.finish(content)


class _NotFoundHandler(RequestHandler):
    def prepare(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(not_found().to_json()))
