"""The staff dashboard: the map page, its tickets, a ticket's detail and photos, the CSV.

Every route is for logged-in staff (bot/web/access.py); the KPIs are in bot/web/kpis.py.
"""

from __future__ import annotations

import io
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.export import write_tickets_csv
from bot.web.access import staff_only, web_of
from bot.web.pages import page
from bot.web.security import CSRF_COOKIE, new_csrf_token
from bot.web.views import LANG, STATUS_WORDS, BadQuery, detail, marker, read_filter
from bot.web.workers import WORKERS_API, sees_workers
from storage import Actor, Catalog, TicketNotFound
from storage.dashboard import service as board
from storage.tickets import lookups

PRIVATE = {"Cache-Control": "private, no-store"}


def _options(catalog: Catalog) -> dict[str, Any]:
    from bot.messages.words import STAFF_STATUS, word

    return {
        "statuses": [
            {"code": code, "name": word(STAFF_STATUS, code, LANG)}
            for code in STATUS_WORDS
            if code not in ("open", "all")
        ],
        "categories": [
            {"code": code, "name": category.name(LANG)}
            for code, category in catalog.categories.items()
        ],
        "departments": [
            {"code": code, "name": catalog.department_name(code, LANG)}
            for code in catalog.departments
        ],
    }


@staff_only(page=True)
async def dashboard_page(request: Request, actor: Actor) -> Response:
    """The map, its filters, the ticket list and the KPI chart."""
    web = web_of(request)
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    config = {
        "tiles": web.tile_url,
        "attribution": web.settings.web_tile_attribution,
        "options": _options(web.store.catalog),
        "api": "/dashboard/api/tickets",
        "assets": "/dashboard/api/assets",
        "workers": WORKERS_API if sees_workers(actor) else None,
    }
    response = page(web, "dashboard.html", config=config, fields={"csrf": csrf})
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
    return response


@staff_only()
async def tickets_api(request: Request, actor: Actor) -> Response:
    """The tickets the filters let through, as map markers."""
    web = web_of(request)
    catalog = web.store.catalog
    try:
        filters = read_filter(request.query_params, catalog)
    except BadQuery as error:
        return PlainTextResponse(str(error), status_code=400)
    async with web.store.unit_of_work(read_only=True) as uow:
        tickets = await board.list_map_tickets(uow, filters=filters, limit=board.MAP_LIMIT + 1)
        now = uow.now()
    shown = tickets[: board.MAP_LIMIT]
    return JSONResponse(
        {
            "tickets": [marker(ticket, catalog, now) for ticket in shown],
            "truncated": len(tickets) > board.MAP_LIMIT,
        },
        headers=PRIVATE,
    )


@staff_only()
async def ticket_api(request: Request, actor: Actor) -> Response:
    """One ticket with its timeline and photos."""
    web = web_of(request)
    number = str(request.path_params["number"])
    try:
        async with web.store.unit_of_work(read_only=True) as uow:
            found = await lookups.get_detail(uow, number=number)
            now = uow.now()
    except TicketNotFound:
        return PlainTextResponse("no such ticket", status_code=404)
    return JSONResponse(detail(found, web.store.catalog, now), headers=PRIVATE)


@staff_only()
async def photo(request: Request, actor: Actor) -> Response:
    """A ticket's photo: the store's re-encoded JPEG, which carries no EXIF or other metadata."""
    web = web_of(request)
    number, photo_id = str(request.path_params["number"]), int(request.path_params["photo_id"])
    try:
        async with web.store.unit_of_work(read_only=True) as uow:
            found = await lookups.get_detail(uow, number=number)
    except TicketNotFound:
        return PlainTextResponse("no such photo", status_code=404)
    chosen = next((p for p in found.photos if p.id == photo_id), None)
    if chosen is None:
        return PlainTextResponse("no such photo", status_code=404)
    try:
        data = web.store.photos.read(chosen.path)
    except OSError:
        return PlainTextResponse("the photo's file is missing", status_code=404)
    return Response(data, media_type="image/jpeg", headers=PRIVATE)


@staff_only()
async def export_csv(request: Request, actor: Actor) -> Response:
    """The filtered tickets as a CSV file (UTF-8 with BOM, which Excel reads)."""
    web = web_of(request)
    catalog = web.store.catalog
    try:
        filters = read_filter(request.query_params, catalog)
    except BadQuery as error:
        return PlainTextResponse(str(error), status_code=400)
    out = io.StringIO()
    async with web.store.unit_of_work(read_only=True) as uow:
        await write_tickets_csv(
            board.export_map_records(uow, filters=filters), catalog, out, lang=LANG
        )
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers=PRIVATE | {"Content-Disposition": 'attachment; filename="tickets.csv"'},
    )


def dashboard_routes() -> list[BaseRoute]:
    """The dashboard's page, its JSON, photos and the CSV export."""
    return [
        Route("/dashboard", dashboard_page, methods=["GET"]),
        Route("/dashboard/api/tickets", tickets_api, methods=["GET"]),
        Route("/dashboard/api/tickets/{number}", ticket_api, methods=["GET"]),
        Route("/dashboard/photos/{number}/{photo_id:int}.jpg", photo, methods=["GET"]),
        Route("/dashboard/export.csv", export_csv, methods=["GET"]),
    ]
