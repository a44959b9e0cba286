"""What attendance's service functions return: plain values, no session needed to read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.attendance.geometry import Area
from storage.attendance.shifts import ShiftTimes


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A check-in's outcome: `state` is 'checked_in', 'followed' (already on duty: the new
    share is followed instead), or 'no_area' (nothing recorded)."""

    state: str
    checked_in_at: datetime | None = None
    late_minutes: int = 0
    inside: bool = True


@dataclass(frozen=True, slots=True)
class CheckOut:
    """A closed session: when, why, and how long it lasted."""

    checked_in_at: datetime
    checked_out_at: datetime
    reason: str
    late_minutes: int
    early_minutes: int

    @property
    def hours(self) -> float:
        """Hours on duty."""
        return (self.checked_out_at - self.checked_in_at).total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class Assignment:
    """A worker's area and shift as the roster of attendance holds them, their name, and
    since when they are on duty (None: off duty)."""

    user_id: int
    area: Area | None
    shift: ShiftTimes | None
    name: str | None = None
    on_duty_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class DayLine:
    """One worker's attendance on one day, their sessions taken together."""

    user_id: int
    name: str | None
    department: str | None
    shift: ShiftTimes | None
    sessions: int
    first_in: datetime | None
    last_out: datetime | None
    on_duty: bool
    late_minutes: int
    checkin_outside: bool
    outside_count: int
    early_minutes: int
    hours: float
    last_reason: str | None

    @property
    def absent(self) -> bool:
        """True if they had a shift and never checked in."""
        return self.sessions == 0


@dataclass(frozen=True, slots=True)
class OnDutyPosition:
    """Where a worker on duty was last seen (the dashboard's map layer)."""

    user_id: int
    name: str | None
    department: str | None
    lat: float
    lon: float
    at: datetime


@dataclass(frozen=True, slots=True)
class Candidate:
    """A worker on duty who could take a ticket, and how far they are from it."""

    user_id: int
    name: str | None
    distance_m: float
    at: datetime


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The nearest workers on duty of a ticket's department (none if it has no place)."""

    number: str
    department: str
    located: bool
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class KeptData:
    """What attendance keeps about one member of staff."""

    role: str | None
    department: str | None
    area: Area | None
    shift: ShiftTimes | None
    sessions: int
    first_day: date | None
    positions: int
    first_position_at: datetime | None
