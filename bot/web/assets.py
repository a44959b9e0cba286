"""The map's 部件 layer: the registered assets in the map's window, for logged-in staff."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.web.access import staff_only, web_of
from bot.web.views import LANG
from storage import Actor
from storage.assets import list_assets
from storage.assets.classes import load_asset_classes

ASSET_LIMIT = 5000


def _bbox(raw: str) -> tuple[float, float, float, float] | None:
    """west,south,east,north as four numbers; ValueError if it is not that."""
    if not raw:
        return None
    parts = [float(part) for part in raw.split(",")]
    if len(parts) != 4:
        raise ValueError(raw)
    west, south, east, north = parts
    # NaN fails every comparison, so it is refused here too.
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(raw)
    return west, south, east, north


@staff_only()
async def assets_api(request: Request, actor: Actor) -> Response:
    """The assets in `bbox` (and of `class`, if given), at most ASSET_LIMIT."""
    web = web_of(request)
    try:
        bbox = _bbox(request.query_params.get("bbox", ""))
    except ValueError:
        return PlainTextResponse("bbox: give west,south,east,north in degrees", status_code=400)
    async with web.store.unit_of_work(read_only=True) as uow:
        assets = await list_assets(
            uow,
            bbox=bbox,
            asset_class=request.query_params.get("class") or None,
            limit=ASSET_LIMIT + 1,
        )
    classes = load_asset_classes()
    catalog = web.store.catalog
    rows = []
    for asset in assets[:ASSET_LIMIT]:
        kind = classes.get(asset.asset_class)
        rows.append(
            {
                "code": asset.code,
                "class_name": kind.name(LANG) if kind else asset.asset_class,
                "name": asset.name,
                "department_name": catalog.department_name(asset.department, LANG),
                "status": asset.status,
                "lat": asset.lat,
                "lon": asset.lon,
            }
        )
    return JSONResponse(
        {"assets": rows, "truncated": len(assets) > ASSET_LIMIT},
        headers={"Cache-Control": "private, no-store"},
    )


def asset_routes() -> list[BaseRoute]:
    """The asset layer's JSON."""
    return [Route("/dashboard/api/assets", assets_api, methods=["GET"])]
