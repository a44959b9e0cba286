"""The map's 在岗人员 layer: where each worker on duty was last seen, for dispatchers and
admins only (a field worker is not shown where colleagues are)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.web.access import staff_only, web_of
from bot.web.views import LANG
from storage import Actor
from storage.attendance import service as attendance
from storage.attendance.roster import MANAGERS

WORKERS_API = "/dashboard/api/workers"


def sees_workers(actor: Actor) -> bool:
    """True if `actor` may see the workers on duty (a dispatcher or an admin)."""
    return actor.role in MANAGERS


@staff_only()
async def workers_api(request: Request, actor: Actor) -> Response:
    """Each worker checked in: name, department and their last position with its time."""
    if not sees_workers(actor):
        return PlainTextResponse("dispatchers and admins only", status_code=403)
    web = web_of(request)
    catalog = web.store.catalog
    async with web.store.unit_of_work(read_only=True) as uow:
        positions = await attendance.on_duty_positions(uow)
    rows = [
        {
            "user_id": place.user_id,
            "name": place.name,
            "department_name": (
                catalog.department_name(place.department, LANG) if place.department else None
            ),
            "lat": place.lat,
            "lon": place.lon,
            "at": place.at.astimezone(catalog.timezone).strftime("%Y-%m-%d %H:%M"),
        }
        for place in positions
    ]
    return JSONResponse({"workers": rows}, headers={"Cache-Control": "private, no-store"})


def worker_routes() -> list[BaseRoute]:
    """The workers layer's JSON."""
    return [Route(WORKERS_API, workers_api, methods=["GET"])]
