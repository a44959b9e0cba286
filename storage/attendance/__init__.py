"""Staff attendance (人员考勤): each worker's area and shift, check-in and check-out by
Telegram live location, positions kept while on duty (and purged), the day's attendance,
the nearest worker on duty to a ticket.

Service functions (storage.attendance.service) take a unit of work: check_in,
record_position, check_out, close_expired, set_area, set_shift, clear_assignment,
get_assignment, list_day, suggest_workers, on_duty_positions, describe_kept,
purge_positions. The dashboard's map layer reads on_duty_positions.
"""

from storage.attendance import service
from storage.attendance.errors import AttendanceProblem
from storage.attendance.geometry import Area, circle, polygon
from storage.attendance.shifts import ShiftTimes, parse_shift
from storage.attendance.values import (
    Assignment,
    Candidate,
    CheckIn,
    CheckOut,
    DayLine,
    KeptData,
    OnDutyPosition,
    Suggestion,
)

__all__ = [
    "Area",
    "Assignment",
    "AttendanceProblem",
    "Candidate",
    "CheckIn",
    "CheckOut",
    "DayLine",
    "KeptData",
    "OnDutyPosition",
    "ShiftTimes",
    "Suggestion",
    "circle",
    "parse_shift",
    "polygon",
    "service",
]
