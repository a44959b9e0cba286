"""The dashboard's and the Mini App's reads, each in the caller's (read-only) unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from storage.dashboard import kpis, queries
from storage.dashboard.queries import BoardFilter
from storage.db.uow import UnitOfWork
from storage.tickets import serialize

MAP_LIMIT = 5000
"""Markers on one map; past this the filters narrow it (the page says how many it left off)."""


async def list_map_tickets(
    uow: UnitOfWork, *, filters: BoardFilter, limit: int = MAP_LIMIT
) -> list[queries.MapTicket]:
    """The tickets `filters` lets through, the nearest deadline first, at most `limit`."""
    return await queries.list_board(uow.session, filters=filters, now=uow.now(), limit=limit)


async def export_map_records(
    uow: UnitOfWork, *, filters: BoardFilter
) -> AsyncIterator[dict[str, Any]]:
    """Every ticket `filters` lets through, oldest first, as export rows (no reporter)."""
    now = uow.now()
    async for ticket in queries.stream_board(uow.session, filters=filters, now=now):
        yield serialize.export_record(ticket, now)


async def compute_kpi_series(
    uow: UnitOfWork, *, since: datetime, until: datetime, step: timedelta
) -> list[kpis.KpiPoint]:
    """The five KPIs for each `step` of [since, until)."""
    return await kpis.compute_kpis(uow.session, since=since, until=until, step=step)
