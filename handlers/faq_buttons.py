"""The FAQ's buttons, as kinds of the one callback codec (listed in handlers/buttons.KINDS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from bot.callback_data import CallbackData, Range

DraftVerb = Literal["o", "q", "a", "e", "s", "x"]


@dataclass(frozen=True, slots=True)
class FaqDraftStep(CallbackData):
    """A step of an FAQ draft: offer to save a reply (o), edit the question (q), the answer
    (a), the English answer (e), save (s) or cancel (x)."""

    TAG = "fq"
    verb: DraftVerb


@dataclass(frozen=True, slots=True)
class FaqPage(CallbackData):
    """A page of /faq list."""

    TAG = "fqm:p"
    page: Annotated[int, Range(1, 9999)]


@dataclass(frozen=True, slots=True)
class FaqDelete(CallbackData):
    """Confirm deleting the entry /faq delete named."""

    TAG = "fqm:del"


FAQ_KINDS: tuple[type[CallbackData], ...] = (FaqDraftStep, FaqPage, FaqDelete)
