"""The buttons under an answer, as kinds of the one callback codec (listed in
handlers/buttons.KINDS): hand an unanswered question to staff, or show the cited passage."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callback_data import CallbackData


@dataclass(frozen=True, slots=True)
class AskStaff(CallbackData):
    """Hand an unanswered question over to staff."""

    TAG = "ask:staff"


@dataclass(frozen=True, slots=True)
class ShowPassage(CallbackData):
    """Show the whole passage the answer above cites (which one is kept server-side)."""

    TAG = "kb:full"


ANSWER_KINDS: tuple[type[CallbackData], ...] = (AskStaff, ShowPassage)
