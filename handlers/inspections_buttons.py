"""The buttons of home gas inspections, kinds of the one callback codec (handlers/buttons.KINDS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.callback_data import CallbackData, Match, Range

Period = Literal["morning", "afternoon", "evening"]


@dataclass(frozen=True, slots=True)
class InspectionDay(CallbackData):
    """The day a resident would like the visit (YYYYMMDD)."""

    TAG = "ib:d"
    day: Annotated[str, Match(r"[0-9]{8}")]


@dataclass(frozen=True, slots=True)
class InspectionPeriod(CallbackData):
    """The time of day a resident would like the visit."""

    TAG = "ib:p"
    period: Period


@dataclass(frozen=True, slots=True)
class InspectionConfirm(CallbackData):
    """Book the visit as summarised, or drop it."""

    TAG = "ib:c"
    choice: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class InspectionMove(CallbackData):
    """An inspector's move on request `id`: take it at its slot, or record the result."""

    TAG = "is"
    verb: Literal["confirm", "ok", "hazard"]
    id: Annotated[int, Range(1, 999_999_999)]


@dataclass(frozen=True, slots=True)
class CheckInspector(CallbackData):
    """Under a confirmed visit: check the badge of the person at the door."""

    TAG = "ib:v"


INSPECTION_KINDS: tuple[type[CallbackData], ...] = (
    CheckInspector,
    InspectionDay,
    InspectionPeriod,
    InspectionConfirm,
    InspectionMove,
)
