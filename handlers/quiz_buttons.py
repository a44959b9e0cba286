"""The quiz's buttons, as kinds of the one callback codec (listed in handlers/buttons.KINDS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.callback_data import CallbackData, Range


@dataclass(frozen=True, slots=True)
class PracticeAnswer(CallbackData):
    """Option `option` of practice question `index`."""

    TAG = "practice"
    index: Annotated[int, Range(0, 999)]
    option: Annotated[int, Range(0, 99)]


@dataclass(frozen=True, slots=True)
class KeepGoodQuestions(CallbackData):
    """Keep the questions of an upload that had problems, without the bad lines."""

    TAG = "qz:keep"


QUIZ_KINDS: tuple[type[CallbackData], ...] = (PracticeAnswer, KeepGoodQuestions)
