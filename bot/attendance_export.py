"""A day's attendance as a CSV file for an office: headers and states in the reader's words,
times in the bureau's time zone. /attendance … csv writes it in the staff member's
language, `citybot attendance export` in --lang (Chinese by default)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final, TextIO

from bot.messages import t, t_
from storage import Catalog
from storage.attendance import DayLine

HEADERS: Final = (
    t_("attendance.col.day"),
    t_("attendance.col.user_id"),
    t_("attendance.col.name"),
    t_("attendance.col.department"),
    t_("attendance.col.shift"),
    t_("attendance.col.status"),
    t_("attendance.col.checked_in"),
    t_("attendance.col.checked_out"),
    t_("attendance.col.late"),
    t_("attendance.col.checkin_outside"),
    t_("attendance.col.outside_count"),
    t_("attendance.col.early"),
    t_("attendance.col.hours"),
    t_("attendance.col.sessions"),
)
TIME_FORMAT = "%Y-%m-%d %H:%M"


def state_of(line: DayLine) -> str:
    """The msgid of a line's state: on duty, checked out, or absent."""
    if line.absent:
        return t_("attendance.status.absent")
    return t_("attendance.status.on_duty") if line.on_duty else t_("attendance.status.off")


def _time(moment: datetime | None, catalog: Catalog) -> str:
    return moment.astimezone(catalog.timezone).strftime(TIME_FORMAT) if moment else ""


def write_attendance_csv(
    lines: Sequence[DayLine], day: date, catalog: Catalog, out: TextIO, *, lang: str
) -> int:
    """Write a header and one row per worker in `lang`; returns the number of rows.

    The caller writes `out` as "utf-8-sig", so that Excel reads the Chinese text."""
    writer = csv.writer(out)
    writer.writerow([t(header, lang) for header in HEADERS])
    yes, no = t("export.yes", lang), t("export.no", lang)
    for line in lines:
        writer.writerow(
            [
                day.isoformat(),
                line.user_id,
                line.name or "",
                catalog.department_name(line.department, lang) if line.department else "",
                line.shift.label() if line.shift else "",
                t(state_of(line), lang),
                _time(line.first_in, catalog),
                "" if line.on_duty else _time(line.last_out, catalog),
                line.late_minutes if not line.absent else "",
                (yes if line.checkin_outside else no) if not line.absent else "",
                line.outside_count if not line.absent else "",
                line.early_minutes if not line.absent else "",
                f"{line.hours:.2f}" if not line.absent else "",
                line.sessions,
            ]
        )
    return len(lines)
