"""Shifts: "08:30-17:30" read and written, and which day's shift a moment belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.attendance.errors import AttendanceProblem

_SHIFT = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*[-–~～至到]\s*(\d{1,2})[:：](\d{2})\s*$")
DAY_MINUTES = 24 * 60
LATE_CHECKOUT = timedelta(hours=3)
"""Until this long after an overnight shift ends, the morning belongs to the night before."""


@dataclass(frozen=True, slots=True)
class ShiftTimes:
    """A daily shift in minutes after local midnight; an end before the start is next day's."""

    start_minute: int
    end_minute: int

    @property
    def overnight(self) -> bool:
        """True if the shift runs past midnight."""
        return self.end_minute <= self.start_minute

    def label(self) -> str:
        """'08:30-17:30'."""
        return f"{_clock(self.start_minute)}-{_clock(self.end_minute)}"

    def bounds(self, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """When the shift of `day` starts and ends (aware, in `zone`)."""
        start = _at(day, self.start_minute, zone)
        end_day = day + timedelta(days=1) if self.overnight else day
        return start, _at(end_day, self.end_minute, zone)

    def day_of(self, moment: datetime, zone: ZoneInfo) -> date:
        """The day whose shift `moment` belongs to: an overnight shift's early hours are the
        day before's."""
        local = moment.astimezone(zone)
        if self.overnight:
            _, night_end = self.bounds(local.date() - timedelta(days=1), zone)
            if local < night_end + LATE_CHECKOUT:
                return local.date() - timedelta(days=1)
        return local.date()


def parse_shift(text: str) -> ShiftTimes:
    """'08:30-17:30' (or 8:30～17:30, 22:00-06:00) as a ShiftTimes."""
    found = _SHIFT.match(text)
    if found is None:
        raise AttendanceProblem("shift_format")
    start_hour, start_min, end_hour, end_min = (int(part) for part in found.groups())
    if max(start_hour, end_hour) > 24 or max(start_min, end_min) > 59:
        raise AttendanceProblem("shift_format")
    start = (start_hour * 60 + start_min) % DAY_MINUTES
    end = (end_hour * 60 + end_min) % DAY_MINUTES
    if start == end:
        raise AttendanceProblem("shift_empty")
    return ShiftTimes(start, end)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _at(day: date, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
