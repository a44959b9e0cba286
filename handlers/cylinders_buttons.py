"""The cylinder check's button, a kind of the one callback codec (in handlers/buttons.KINDS)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callback_data import CallbackData


@dataclass(frozen=True, slots=True)
class ReportCylinder(CallbackData):
    """File the cylinder just checked as a 燃气安全 report (which one is kept server-side)."""

    TAG = "cy:rep"


CYLINDER_KINDS: tuple[type[CallbackData], ...] = (ReportCylinder,)
