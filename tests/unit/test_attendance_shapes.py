"""Areas and shifts as plain values: a point in a grid or a circle, a shift's day and bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.attendance import AttendanceProblem, circle, parse_shift, polygon

ZONE = ZoneInfo("Asia/Shanghai")
SQUARE = polygon([(23.128, 113.263), (23.128, 113.266), (23.131, 113.266), (23.131, 113.263)])


def test_a_grid_holds_its_inside_and_its_edges_not_the_outside() -> None:
    assert SQUARE.contains(23.1295, 113.2645)
    assert SQUARE.contains(23.128, 113.264)  # on an edge
    assert SQUARE.contains(23.131, 113.266)  # a corner
    assert not SQUARE.contains(23.1295, 113.2670)
    assert not SQUARE.contains(23.1320, 113.2645)
    concave = polygon([(0, 0), (0, 4), (4, 4), (4, 0), (2, 2)])  # a notch from the west
    assert concave.contains(3, 2) and not concave.contains(2, 1)


@given(st.floats(23.1281, 23.1309), st.floats(113.2631, 113.2659))
def test_every_point_strictly_inside_the_grid_is_in_it(lat: float, lon: float) -> None:
    assert SQUARE.contains(lat, lon)


def test_a_circle_by_great_circle_distance() -> None:
    area = circle(23.129, 113.264, 300)
    assert area.contains(23.1316, 113.264)  # about 289 m north
    assert not area.contains(23.1320, 113.264)  # about 334 m


@pytest.mark.parametrize(
    ("text", "label", "overnight"),
    [("08:30-17:30", "08:30-17:30", False), ("8:30～17:30", "08:30-17:30", False),
     ("22:00 - 06:00", "22:00-06:00", True), ("00:00-24:00", None, None)],
)  # fmt: skip
def test_shifts_are_read_as_written(text: str, label: str | None, overnight: bool | None) -> None:
    if label is None:
        with pytest.raises(AttendanceProblem):
            parse_shift(text)
        return
    shift = parse_shift(text)
    assert (shift.label(), shift.overnight) == (label, overnight)


@pytest.mark.parametrize("text", ["8点-17点", "08:30", "25:00-26:00", "08:61-17:00", ""])
def test_malformed_shifts_are_refused(text: str) -> None:
    with pytest.raises(AttendanceProblem):
        parse_shift(text)


def test_a_night_shift_keeps_its_early_hours_on_the_night_it_began() -> None:
    night = parse_shift("22:00-06:00")
    tuesday_0210 = datetime(2026, 11, 23, 18, 10, tzinfo=UTC)
    assert night.day_of(tuesday_0210, ZONE) == date(2026, 11, 23)
    start, end = night.bounds(date(2026, 11, 23), ZONE)
    assert (start.hour, end.day, end.hour) == (22, 24, 6)
    monday_2130 = datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    assert night.day_of(monday_2130, ZONE) == date(2026, 11, 23)
    day = parse_shift("08:30-17:30")
    assert day.day_of(tuesday_0210, ZONE) == date(2026, 11, 24)


def test_areas_out_of_range_are_refused() -> None:
    for bad in (lambda: circle(23.1, 113.2, 9), lambda: circle(23.1, 113.2, 20_001),
                lambda: circle(91, 113.2, 300), lambda: polygon([(23.1, 113.2)] * 2),
                lambda: polygon([(23.1, 113.2), (23.2, 190), (23.3, 113.2)])):  # fmt: skip
        with pytest.raises(AttendanceProblem):
            bad()
