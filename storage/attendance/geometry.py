"""A worker's area as plain values: a circle or a grid polygon, and whether a point is in it.

Grids are a few hundred metres across, so a polygon is tested on the lat/lon plane (ray
casting); a circle by great-circle distance.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.attendance.errors import AttendanceProblem
from storage.tickets.geo import haversine_m, validate_point

MAX_RADIUS_M = 20_000.0
MIN_RADIUS_M = 10.0
MAX_CORNERS = 200


@dataclass(frozen=True, slots=True)
class Area:
    """A circle (`center`, `radius_m`) or a polygon (`corners`), with an optional name."""

    center: tuple[float, float] | None = None
    radius_m: float | None = None
    corners: tuple[tuple[float, float], ...] = ()
    name: str | None = None

    @property
    def kind(self) -> str:
        """'circle' or 'polygon'."""
        return "polygon" if self.corners else "circle"

    def contains(self, lat: float, lon: float) -> bool:
        """True if (lat, lon) is in the area (on its edge counts as in)."""
        if self.corners:
            return _in_polygon(lat, lon, self.corners)
        assert self.center is not None and self.radius_m is not None
        return haversine_m(lat, lon, *self.center) <= self.radius_m


def circle(lat: float, lon: float, radius_m: float, name: str | None = None) -> Area:
    """A circular area, checked: a real place and a radius of 10 m to 20 km."""
    _check_point(lat, lon)
    if not MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M:
        raise AttendanceProblem("radius_range", low=int(MIN_RADIUS_M), high=int(MAX_RADIUS_M))
    return Area(center=(lat, lon), radius_m=float(radius_m), name=name)


def polygon(corners: list[tuple[float, float]], name: str | None = None) -> Area:
    """A grid polygon of 3 to 200 corners, checked."""
    if not 3 <= len(corners) <= MAX_CORNERS:
        raise AttendanceProblem("polygon_corners", low=3, high=MAX_CORNERS)
    for lat, lon in corners:
        _check_point(lat, lon)
    return Area(corners=tuple((float(lat), float(lon)) for lat, lon in corners), name=name)


def _check_point(lat: float, lon: float) -> None:
    try:
        validate_point(lat, lon)
    except ValueError:
        raise AttendanceProblem("off_earth") from None


def _in_polygon(lat: float, lon: float, corners: tuple[tuple[float, float], ...]) -> bool:
    inside = False
    count = len(corners)
    for index in range(count):
        lat1, lon1 = corners[index]
        lat2, lon2 = corners[(index - 1) % count]
        if _on_segment(lat, lon, lat1, lon1, lat2, lon2):
            return True
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def _on_segment(lat: float, lon: float, lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    cross = (lat2 - lat1) * (lon - lon1) - (lon2 - lon1) * (lat - lat1)
    if abs(cross) > 1e-12:
        return False
    return min(lat1, lat2) <= lat <= max(lat1, lat2) and min(lon1, lon2) <= lon <= max(lon1, lon2)
