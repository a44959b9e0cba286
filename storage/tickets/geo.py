"""Great-circle distance and the bounding box that prefilters a radius search."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG), metres


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A lat/lon rectangle; `lon_ranges` has two parts when it crosses the antimeridian."""

    min_lat: float
    max_lat: float
    lon_ranges: tuple[tuple[float, float], ...]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in metres between two WGS-84 points along the great circle."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> BoundingBox:
    """The smallest lat/lon box that holds every point within `radius_m` of (lat, lon)."""
    validate_point(lat, lon)
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:
        # Near a pole every longitude is within reach.
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), ((-180.0, 180.0),))
    # Widest longitude span at the latitude nearest the pole (Bronshtein's formula is
    # tighter, but this one is simple and still correct for a prefilter).
    widest_lat = math.radians(max(abs(min_lat), abs(max_lat)))
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * math.cos(widest_lat)))
    if dlon >= 180:
        return BoundingBox(min_lat, max_lat, ((-180.0, 180.0),))
    west, east = lon - dlon, lon + dlon
    if west < -180:
        return BoundingBox(min_lat, max_lat, ((west + 360, 180.0), (-180.0, east)))
    if east > 180:
        return BoundingBox(min_lat, max_lat, ((west, 180.0), (-180.0, east - 360)))
    return BoundingBox(min_lat, max_lat, ((west, east),))


def validate_point(lat: float, lon: float) -> None:
    """Raise ValueError unless (lat, lon) is a real place on Earth."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("latitude and longitude must be finite numbers")
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat} is outside -90..90")
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude {lon} is outside -180..180")
