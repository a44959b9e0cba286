"""build_web_app(): the one Starlette app `citybot web` serves.

Every router of the web side is mounted in `mounted_routers`, in one visible list: the
dashboard, the Mini App, Open311 (bot/web/open311/) and, when the bot runs in the same
process, Telegram's webhook (bot/runtime/webhook.py's `webhook_routes`, PTB's
customwebhookbot pattern), so that one server hosts them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.settings import Settings
from bot.web.open311 import open311_mount
from storage import Store


@dataclass(frozen=True)
class WebContext:
    """What every router of the web app is built from."""

    settings: Settings
    store: Store


async def _health(request: Request) -> Response:
    return PlainTextResponse("ok")


def mounted_routers(web: WebContext) -> list[BaseRoute]:
    """Every router of the web app, each at its own prefix (add a router here, one line)."""
    return [
        Route("/healthz", _health, methods=["GET"]),
        open311_mount(web.store, web.settings),  # /open311/v2: GeoReport v2
    ]


def build_web_app(
    settings: Settings, *, store: Store, extra_routes: Sequence[BaseRoute] = ()
) -> Starlette:
    """The web app over `store`; `extra_routes` are served too (the bot's webhook route)."""
    web = WebContext(settings=settings, store=store)
    app = Starlette(routes=[*extra_routes, *mounted_routers(web)])
    app.state.web = web
    return app
