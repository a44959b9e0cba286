"""build_web_app(): the one Starlette app `citybot web` serves.

Every router of the web side is mounted in `mounted_routers`, in one visible list: the
login, the dashboard, the Mini App, Open311 (bot/web/open311/) and the static files. When
the bot runs in the same process, Telegram's webhook (bot/runtime/webhook.py's
`webhook_routes`, PTB's customwebhookbot pattern) comes in as `extra_routes`, so that one
server hosts them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.settings import Settings
from bot.web.assets import asset_routes
from bot.web.context import WebContext
from bot.web.dashboard import dashboard_routes
from bot.web.kpis import kpi_routes
from bot.web.login import login_routes
from bot.web.miniapp import miniapp_routes
from bot.web.open311 import open311_mount
from bot.web.workers import worker_routes
from storage import Store

__all__ = ["WebContext", "build_web_app", "mounted_routers"]


async def _health(request: Request) -> Response:
    return PlainTextResponse("ok")


async def _home(request: Request) -> Response:
    return RedirectResponse("/dashboard", status_code=303)


def mounted_routers(web: WebContext) -> list[BaseRoute]:
    """Every router of the web app, each at its own prefix (add a router here, one line)."""
    return [
        Route("/", _home, methods=["GET"]),
        Route("/healthz", _health, methods=["GET"]),
        *login_routes(),
        *dashboard_routes(),
        *kpi_routes(),
        *asset_routes(),
        *worker_routes(),
        *miniapp_routes(),
        open311_mount(web.store, web.settings),  # /open311/v2: GeoReport v2
        Mount("/static", StaticFiles(packages=[("bot.web", "static")]), name="static"),
    ]


def build_web_app(
    settings: Settings,
    *,
    store: Store,
    extra_routes: Sequence[BaseRoute] = (),
    session_key: bytes = b"",
) -> Starlette:
    """The web app over `store`; `extra_routes` are served too (the bot's webhook route)."""
    web = WebContext(settings=settings, store=store, session_key=session_key)
    app = Starlette(routes=[*extra_routes, *mounted_routers(web)])
    app.state.web = web
    return app
