"""The 部件 registry's services: the map's layer, an asset's tickets, and a report's asset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.assets import queries
from storage.assets.classes import AssetClasses, load_asset_classes
from storage.db.uow import UnitOfWork
from storage.tickets.geo import validate_point

MAX_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class AssetView:
    """An asset as a map or a card shows it; `asset_class` is its 5-digit class code."""

    code: str
    asset_class: str
    name: str
    department: str
    grid: str
    status: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class AssetTicket:
    """A ticket that carried an asset's code."""

    number: str
    category: str
    status: str
    priority: str
    description: str
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True, slots=True)
class NearestAsset:
    """The asset a report is near, and how near (metres)."""

    asset: AssetView
    distance_m: float


@dataclass(frozen=True, slots=True)
class AssetMatch:
    """What a report is about: a class of 部件, and the registered one it is near, if any."""

    asset_class: str
    nearest: NearestAsset | None


def _view(row: Any) -> AssetView:
    return AssetView(
        code=row.code,
        asset_class=row.class_code,
        name=row.name,
        department=row.department,
        grid=row.grid,
        status=row.status,
        lat=row.latitude,
        lon=row.longitude,
    )


async def list_assets(
    uow: UnitOfWork,
    *,
    bbox: tuple[float, float, float, float] | None = None,
    asset_class: str | None = None,
    limit: int = 5000,
) -> list[AssetView]:
    """The assets in `bbox` (west, south, east, north: min lon, min lat, max lon, max lat),
    of one class (its code, or its name: 井盖, manhole cover) or all, by code."""
    class_code = None
    if asset_class is not None:
        found = load_asset_classes().find(asset_class)
        if found is None:
            return []
        class_code = found.code
    rows = await queries.in_window(
        uow.session, bbox=bbox, class_code=class_code, limit=max(0, min(limit, MAX_LIMIT))
    )
    return [_view(row) for row in rows]


async def get_asset(uow: UnitOfWork, *, code: str) -> AssetView | None:
    """The asset with this code, or None."""
    row = await queries.by_code(uow.session, code=code.strip())
    return None if row is None else _view(row)


async def asset_history(uow: UnitOfWork, *, code: str) -> list[AssetTicket]:
    """The tickets that carried this asset's code, the latest first."""
    tickets = await queries.tickets_of(uow.session, code=code.strip())
    return [
        AssetTicket(
            number=t.number,
            category=t.category,
            status=t.status,
            priority=t.priority,
            description=t.description,
            created_at=t.created_at,
            closed_at=t.closed_at,
        )
        for t in tickets
    ]


async def find_nearest_asset(
    uow: UnitOfWork,
    *,
    asset_class: str,
    latitude: float,
    longitude: float,
    radius_m: float | None = None,
) -> NearestAsset | None:
    """The registered asset of a class closest to a place, within `radius_m` (by default
    the settings' CITYBOT_ASSET_SNAP_M), or None."""
    validate_point(latitude, longitude)
    found = await queries.nearest(
        uow.session,
        class_code=asset_class,
        latitude=latitude,
        longitude=longitude,
        radius_m=radius_m if radius_m is not None else uow.settings.asset_snap_m,
    )
    return None if found is None else NearestAsset(_view(found[0]), found[1])


async def match_report(
    uow: UnitOfWork,
    *,
    category: str,
    words: str,
    latitude: float | None,
    longitude: float | None,
    classes: AssetClasses | None = None,
) -> AssetMatch | None:
    """The class of 部件 a report is about (by its category and words) and the registered
    asset of that class it is near; None when it is about no class of asset (an 事件)."""
    found = (classes or load_asset_classes()).match(category=category, words=words)
    if found is None:
        return None
    nearest = None
    if latitude is not None and longitude is not None:
        nearest = await find_nearest_asset(
            uow, asset_class=found.code, latitude=latitude, longitude=longitude
        )
    return AssetMatch(asset_class=found.code, nearest=nearest)
