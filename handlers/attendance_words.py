"""Attendance in words of the reader's language: times, hours, marks (late, outside the
area, early), areas, shifts and people; and the outbox words of its owed replies."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

from bot import fit
from bot.messages import LOCALES, normalize_language, t, t_
from storage.attendance import Area, AttendanceProblem, ShiftTimes

PROBLEM_TEXT: Final = {
    "radius_range": t_("attendance.err.radius_range"),
    "polygon_corners": t_("attendance.err.polygon_corners"),
    "off_earth": t_("attendance.err.off_earth"),
    "shift_format": t_("attendance.err.shift_format"),
    "shift_empty": t_("attendance.err.shift_empty"),
    "not_on_roster": t_("attendance.err.not_on_roster"),
}
"""The msgid of each AttendanceProblem code (storage/attendance/errors.py)."""


def problem_text(error: AttendanceProblem, lang: str) -> str:
    """What is wrong, in `lang`."""
    return t(PROBLEM_TEXT[error.code], lang, **error.params)


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """The local time of day, as the store writes it in replies too ('08:35')."""
    return moment.astimezone(zone).strftime("%H:%M")


def decimal(value: float, lang: str) -> str:
    """A number to one decimal place, as `lang` writes it ('8.5')."""
    return str(format_decimal(value, "#,##0.#", locale=LOCALES[normalize_language(lang)]))


def marks(lang: str, *, late: int = 0, outside: bool = False, early: int = 0) -> str:
    """'（迟到 5 分钟）（不在责任区内）', or '' when all is well."""
    parts = []
    if late:
        parts.append(t("attendance.mark.late", lang, minutes=late))
    if outside:
        parts.append(t("attendance.mark.outside", lang))
    if early:
        parts.append(t("attendance.mark.early", lang, minutes=early))
    return "".join(parts)


def area_text(area: Area | None, lang: str) -> str:
    """A worker's area in words ('以（23.12900, 113.26400）为中心、半径 300 米')."""
    if area is None:
        return t("attendance.unset", lang)
    if area.corners:
        shape = t("attendance.area.polygon", lang, corners=len(area.corners))
    else:
        assert area.center is not None and area.radius_m is not None
        lat, lon = area.center
        shape = t(
            "attendance.area.circle",
            lang,
            lat=f"{lat:.5f}",
            lon=f"{lon:.5f}",
            radius=decimal(area.radius_m, lang),
        )
    if area.name:
        return t("attendance.area.named", lang, name=fit.shorten(area.name, fit.NAME), area=shape)
    return shape


def shift_text(shift: ShiftTimes | None, lang: str) -> str:
    """'08:30-17:30', or 'not set'."""
    return shift.label() if shift is not None else t("attendance.unset", lang)


def person(user_id: int, name: str | None, lang: str) -> str:
    """'老王（9003）', or the id alone when the name is unknown."""
    if not name:
        return str(user_id)
    return t("attendance.who", lang, name=fit.shorten(name, fit.NAME), user_id=user_id)


def distance_text(metres: float, lang: str) -> str:
    """'350 米' or '1.2 公里'."""
    if metres < 1000:
        return t("attendance.distance.m", lang, metres=round(metres))
    return t("attendance.distance.km", lang, km=decimal(metres / 1000, lang))


def checked_in_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A check-in reply's marks in words (the store gives the local time)."""
    late = int(params.get("late_minutes") or 0)
    return {**params, "marks": marks(lang, late=late, outside=bool(params.get("outside")))}


def checked_out_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A check-out reply's hours and marks in words (the store gives the local times)."""
    late, early = int(params.get("late_minutes") or 0), int(params.get("early_minutes") or 0)
    return {
        **params,
        "hours": decimal(float(params.get("hours") or 0), lang),
        "marks": marks(lang, late=late, early=early),
    }


def who_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """The worker a roster change is about, named ('老王（9003）')."""
    user_id = int(params.get("user_id") or 0)
    return {**params, "who": person(user_id, str(params.get("name") or ""), lang)}


WORDS: Final = {
    "attendance.checked_in": checked_in_words,
    "attendance.checked_out": checked_out_words,
    "attendance.expired": checked_out_words,
    "attendance.overdue": checked_out_words,
    "attendance.area.set": who_words,
    "attendance.shift.set": who_words,
    "attendance.area.cleared": who_words,
    "attendance.shift.cleared": who_words,
}
"""The outbox words of attendance's owed replies (bot/features.py declares them)."""
