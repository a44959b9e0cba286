"""What can be wrong with an attendance request; the handlers say it in the reader's words."""

from __future__ import annotations

from typing import Final

from storage.errors import StoreError

PROBLEMS: Final = {
    "radius_range": "the radius must be {low} to {high} metres",
    "polygon_corners": "a grid needs {low} to {high} corners",
    "off_earth": "that is not a place on Earth",
    "shift_format": "a shift is written HH:MM-HH:MM",
    "shift_empty": "a shift must not start and end at the same time",
    "not_on_roster": "user {user_id} is not on the staff roster",
}
"""Problem code → English (for logs and the command line)."""


class AttendanceProblem(StoreError):
    """An area, shift or worker given to attendance is not right; `code` names what."""

    code = "attendance_problem"

    def __init__(self, problem: str, /, **params: object) -> None:
        self.code = problem
        super().__init__(PROBLEMS[problem].format(**params), **params)
