"""The registry's reads: the nearest asset of a class, a map window, a code's tickets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.assets.models import Asset
from storage.tickets.geo import bounding_box, haversine_m
from storage.tickets.models import Ticket

VIEW_COLUMNS = (
    Asset.code,
    Asset.class_code,
    Asset.name,
    Asset.department,
    Asset.grid,
    Asset.status,
    Asset.latitude,
    Asset.longitude,
)
"""What a view of an asset reads: never the whole row."""


async def nearest(
    session: AsyncSession, *, class_code: str, latitude: float, longitude: float, radius_m: float
) -> tuple[Row[Any], float] | None:
    """The closest asset of a class within `radius_m` that is still there (not removed),
    with its distance: a bounding-box range on ix_assets_near, then haversine on the few."""
    box = bounding_box(latitude, longitude, radius_m)
    lon_ok = or_(*(Asset.longitude.between(west, east) for west, east in box.lon_ranges))
    statement = select(*VIEW_COLUMNS).where(
        Asset.class_code == class_code,
        Asset.latitude.between(box.min_lat, box.max_lat),
        lon_ok,
        Asset.status != "removed",
    )
    best: tuple[Row[Any], float] | None = None
    for row in (await session.execute(statement)).all():
        distance = haversine_m(latitude, longitude, row.latitude, row.longitude)
        if distance <= radius_m and (
            best is None or (distance, row.code) < (best[1], best[0].code)
        ):
            best = (row, distance)
    return best


async def in_window(
    session: AsyncSession,
    *,
    bbox: tuple[float, float, float, float] | None,
    class_code: str | None,
    limit: int,
) -> Sequence[Row[Any]]:
    """Assets inside (west, south, east, north), of one class or all, by code."""
    clauses = []
    if bbox is not None:
        west, south, east, north = bbox
        lon_ok = (
            Asset.longitude.between(west, east)
            if west <= east  # a window across the antimeridian has west > east
            else or_(Asset.longitude >= west, Asset.longitude <= east)
        )
        clauses.append(and_(Asset.latitude.between(south, north), lon_ok))
    if class_code is not None:
        clauses.append(Asset.class_code == class_code)
    statement = select(*VIEW_COLUMNS).where(*clauses).order_by(Asset.code).limit(limit)
    return (await session.execute(statement)).all()


async def by_code(session: AsyncSession, *, code: str) -> Row[Any] | None:
    """The asset with this code, if registered."""
    return (await session.execute(select(*VIEW_COLUMNS).where(Asset.code == code))).first()


async def tickets_of(session: AsyncSession, *, code: str) -> Sequence[Ticket]:
    """The tickets that carried this asset's code, the latest first."""
    statement = (
        select(Ticket)
        .where(Ticket.asset_code == code)
        .order_by(Ticket.created_at.desc(), Ticket.id)
    )
    return (await session.execute(statement)).scalars().all()
