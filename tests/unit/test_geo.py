"""Great-circle distances and bounding boxes."""

from __future__ import annotations

import math

import pytest

from storage.tickets.geo import bounding_box, haversine_m


def test_known_distance_guangzhou_tower_to_baiyun_airport() -> None:
    # Canton Tower (23.1064, 113.3245) to Baiyun airport T1 (23.3924, 113.2988): about 31.9 km.
    distance = haversine_m(23.1064, 113.3245, 23.3924, 113.2988)
    assert 31_500 < distance < 32_300


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert haversine_m(23.0, 113.0, 24.0, 113.0) == pytest.approx(111_195, rel=1e-3)


def test_points_either_side_of_a_degree_line_are_close() -> None:
    assert haversine_m(22.99999, 113.99999, 23.00001, 114.00001) < 4


@pytest.mark.parametrize("radius", [50.0, 250.0, 5_000.0])
def test_box_contains_every_point_on_the_circle(radius: float) -> None:
    lat, lon = 23.129, 113.264
    box = bounding_box(lat, lon, radius)
    for bearing in range(0, 360, 5):
        theta = math.radians(bearing)
        # Step along the bearing until the distance equals the radius.
        dlat = radius * math.cos(theta) / 111_195
        dlon = radius * math.sin(theta) / (111_195 * math.cos(math.radians(lat)))
        plat, plon = lat + dlat * 0.999, lon + dlon * 0.999
        assert box.min_lat <= plat <= box.max_lat
        assert any(west <= plon <= east for west, east in box.lon_ranges)


def test_box_across_the_antimeridian_splits() -> None:
    box = bounding_box(0.0, 179.999, 1_000)
    assert len(box.lon_ranges) == 2
    assert any(west <= -179.999 <= east for west, east in box.lon_ranges)


def test_box_near_a_pole_spans_all_longitudes() -> None:
    assert bounding_box(89.9999, 10.0, 50_000).lon_ranges == ((-180.0, 180.0),)


@pytest.mark.parametrize(("lat", "lon"), [(91, 0), (0, 181), (math.nan, 0), (0, math.inf)])
def test_box_rejects_impossible_points(lat: float, lon: float) -> None:
    with pytest.raises(ValueError):
        bounding_box(lat, lon, 100)
