"""The KPIs over time: JSON for the page's table and a PNG chart (matplotlib, off the loop).

The period is `since`..`until` (local days, until included; the last 12 weeks by default),
cut into `step`s of a day, a week or 30 days.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.render.kpi_chart import KpiSeries, render_kpi_chart
from bot.web.access import staff_only, web_of
from bot.web.views import BadQuery, local_day_start
from storage import Actor, Catalog
from storage.dashboard import service as board
from storage.dashboard.kpis import KpiPoint

STEPS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
MAX_POINTS = 120
KPI_LABELS = {
    "closed": "结案率",
    "on_time": "按期结案率",
    "rework": "返工率",
    "extension": "延期率",
    "satisfaction": "满意率",
}


def _read_period(
    request: Request, catalog: Catalog, today: date
) -> tuple[datetime, datetime, timedelta]:
    params = request.query_params
    step_name = params.get("step", "week") or "week"
    if step_name not in STEPS:
        raise BadQuery(f"step: {step_name[:10]!r} is not one of {', '.join(STEPS)}")
    step = STEPS[step_name]
    try:
        until_day = date.fromisoformat(params["until"]) if params.get("until") else today
        since_day = (
            date.fromisoformat(params["since"])
            if params.get("since")
            else until_day - timedelta(days=7 * 12 - 1)
        )
    except ValueError:
        raise BadQuery("since/until: not a date like 2026-11-23") from None
    if since_day > until_day:
        raise BadQuery("until: comes before since")
    since = local_day_start(since_day, catalog)
    until = local_day_start(until_day + timedelta(days=1), catalog)
    if (until - since) / step > MAX_POINTS:
        raise BadQuery(f"the period has more than {MAX_POINTS} steps: choose a longer step")
    return since, until, step


async def _points(request: Request) -> list[KpiPoint] | Response:
    web = web_of(request)
    catalog = web.store.catalog
    today = web.store.clock().astimezone(catalog.timezone).date()
    try:
        since, until, step = _read_period(request, catalog, today)
    except BadQuery as error:
        return PlainTextResponse(str(error), status_code=400)
    async with web.store.unit_of_work(read_only=True) as uow:
        return await board.compute_kpi_series(uow, since=since, until=until, step=step)


def _label(point: KpiPoint, catalog: Catalog) -> str:
    return point.start.astimezone(catalog.timezone).strftime("%m-%d")


@staff_only()
async def kpis_json(request: Request, actor: Actor) -> Response:
    """The KPIs of each step: its first day, the tickets filed, and the five rates."""
    points = await _points(request)
    if isinstance(points, Response):
        return points
    catalog = web_of(request).store.catalog
    rows = [
        {
            "start": point.start.astimezone(catalog.timezone).date().isoformat(),
            "filed": point.filed,
            **{name: getattr(point, name) for name in KPI_LABELS},
        }
        for point in points
    ]
    return JSONResponse(
        {"labels": KPI_LABELS, "points": rows}, headers={"Cache-Control": "no-store"}
    )


@staff_only()
async def kpis_png(request: Request, actor: Actor) -> Response:
    """The five KPIs as lines over the period, a PNG."""
    points = await _points(request)
    if isinstance(points, Response):
        return points
    catalog = web_of(request).store.catalog
    periods = [_label(point, catalog) for point in points]
    series = [
        KpiSeries(label, [getattr(point, name) for point in points])
        for name, label in KPI_LABELS.items()
    ]
    png = await asyncio.to_thread(render_kpi_chart, "工单考核指标", periods, series)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})


def kpi_routes() -> list[BaseRoute]:
    """The KPIs as JSON and as a chart."""
    return [
        Route("/dashboard/api/kpis", kpis_json, methods=["GET"]),
        Route("/dashboard/kpis.png", kpis_png, methods=["GET"]),
    ]
