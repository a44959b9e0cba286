"""The quiz as its callers see it: rounds, sent polls and standings as plain values.

No Telegram here: poll ids, chat ids and options are plain values; questions are JSON
snapshots that handlers/ build from knowledge.quiz questions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from storage.errors import StoreError
from storage.quiz.models import QuizPoll, QuizRound

RUNNING, FINISHED, STOPPED = "running", "finished", "stopped"


class RoundRunning(StoreError):
    """A group already has a quiz round running."""


@dataclass(frozen=True, slots=True)
class RoundInfo:
    """A round as handlers see it."""

    id: int
    chat_id: int
    topic: str
    language: str
    questions: list[Any]
    seconds: int
    current: int
    status: str
    started_by: int

    @property
    def total(self) -> int:
        """How many questions the round has."""
        return len(self.questions)


@dataclass(frozen=True, slots=True)
class PollInfo:
    """A sent quiz poll: where it is, which question, the right option and when it went."""

    poll_id: str
    round_id: int
    position: int
    chat_id: int
    message_id: int
    correct_option: int
    sent_at: datetime


CERTIFICATE_SHARE = 0.8
"""The share of right answers that earns a 小小城管员 certificate."""


@dataclass(frozen=True, slots=True)
class Standing:
    """One player's line of a leaderboard: right answers, then total seconds (less is better)."""

    user_id: int
    name: str
    score: int
    answered: int
    seconds: float

    def earns_certificate(self, total: int) -> bool:
        """True for at least CERTIFICATE_SHARE of the round's planned questions right."""
        return total > 0 and self.score > 0 and self.score >= CERTIFICATE_SHARE * total


def round_info(row: QuizRound) -> RoundInfo:
    """The value of a round's row."""
    values = {f.name: getattr(row, f.name) for f in fields(RoundInfo)}
    return RoundInfo(**{**values, "questions": list(row.questions)})


def poll_info(row: QuizPoll) -> PollInfo:
    """The value of a poll's row."""
    return PollInfo(**{f.name: getattr(row, f.name) for f in fields(PollInfo)})
