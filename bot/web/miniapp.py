"""The Telegram Mini App: the map inside Telegram, opened by the bot's /map button.

The page itself holds no data. Its script sends Telegram's initData with each request to
/app/api/tickets, which checks it (bot/web/initdata.py) and answers by the roster: staff
get every open ticket, anyone else only the tickets they filed. A forged or stale
initData gets 401, and so does every request while the bot's token is not set.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.messages import normalize_language, t
from bot.web.access import web_of
from bot.web.initdata import InvalidInitData, validate_init_data
from bot.web.pages import page
from bot.web.views import LANG, marker
from storage.dashboard import service as board
from storage.dashboard.queries import ALL, OPEN, BoardFilter

log = logging.getLogger(__name__)
INIT_DATA_HEADER = "X-Telegram-Init-Data"
RESIDENT_LIMIT = 200


async def miniapp_page(request: Request) -> Response:
    """The Mini App's page (the map; its data comes from the API below)."""
    web = web_of(request)
    config = {
        "tiles": web.tile_url,
        "attribution": web.settings.web_tile_attribution,
        "api": "/app/api/tickets",
    }
    return page(web, "miniapp.html", config=config)


async def miniapp_tickets(request: Request) -> Response:
    """The tickets the Mini App's user may see on the map."""
    web = web_of(request)
    token = web.bot_token
    if token is None:
        return PlainTextResponse("the Mini App needs the bot's token", status_code=401)
    try:
        user = validate_init_data(request.headers.get(INIT_DATA_HEADER, ""), token)
    except InvalidInitData as error:
        log.info("mini app: refused initData (%s)", error)
        return PlainTextResponse("invalid initData", status_code=401)
    actor = await web.actor_of(user.id)
    if actor.is_staff:
        filters, limit = BoardFilter(status=OPEN), board.MAP_LIMIT
    else:
        filters, limit = BoardFilter(status=ALL, reporter_id=user.id), RESIDENT_LIMIT
    async with web.store.unit_of_work(read_only=True) as uow:
        tickets = await board.list_map_tickets(uow, filters=filters, limit=limit)
        now = uow.now()
    catalog = web.store.catalog
    lang = normalize_language(user.language_code) if user.language_code else LANG
    count = len(tickets)
    if actor.is_staff:
        summary = t("map.summary.staff", lang, count=count)
    else:
        summary = t("map.summary.mine", lang, count=count)
    return JSONResponse(
        {
            "staff": actor.is_staff,
            "summary": summary,
            "tickets": [
                marker(ticket, catalog, now, lang=lang, staff=actor.is_staff) for ticket in tickets
            ],
        },
        headers={"Cache-Control": "private, no-store"},
    )


def miniapp_routes() -> list[BaseRoute]:
    """The Mini App's page and its API."""
    return [
        Route("/app", miniapp_page, methods=["GET"]),
        Route("/app/api/tickets", miniapp_tickets, methods=["GET"]),
    ]
