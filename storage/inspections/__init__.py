"""Home gas inspections (燃气入户安检): residents book a visit, the gas company's inspectors
confirm a slot and record the result (a hazard opens a 燃气安全 ticket through intake), and a
resident at the door checks an inspector's badge.

Service functions take a unit of work: request_inspection, list_requests, confirm_visit
(booking); record_result (visits); register_inspector, find_inspector, verify_badge,
list_badge_checks (badges).
"""

from storage.inspections.badges import (
    Verdict,
    clean_badge,
    find_inspector,
    list_badge_checks,
    register_inspector,
    verify_badge,
)
from storage.inspections.booking import (
    MAX_DAYS_AHEAD,
    PERIOD_START,
    Booking,
    InspectionError,
    confirm_visit,
    list_requests,
    request_inspection,
)
from storage.inspections.models import PERIODS, BadgeCheck, GasInspector, InspectionRequest
from storage.inspections.visits import Hazard, record_result

__all__ = [
    "MAX_DAYS_AHEAD",
    "PERIODS",
    "PERIOD_START",
    "BadgeCheck",
    "Booking",
    "GasInspector",
    "Hazard",
    "InspectionError",
    "InspectionRequest",
    "Verdict",
    "clean_badge",
    "confirm_visit",
    "find_inspector",
    "list_badge_checks",
    "list_requests",
    "record_result",
    "register_inspector",
    "request_inspection",
    "verify_badge",
]
