"""The safety quiz: rounds, polls and answers, teachers' question sets (no Telegram).

Service functions take a unit of work: rounds (start_round … finish_round), answers
(record_poll … leaderboard), sets (save_question_set, get_question_set).
"""

from storage.quiz import answers, rounds, sets
from storage.quiz.values import (
    CERTIFICATE_SHARE,
    FINISHED,
    RUNNING,
    STOPPED,
    PollInfo,
    RoundInfo,
    RoundRunning,
    Standing,
)

__all__ = [
    "CERTIFICATE_SHARE",
    "FINISHED",
    "RUNNING",
    "STOPPED",
    "PollInfo",
    "RoundInfo",
    "RoundRunning",
    "Standing",
    "answers",
    "rounds",
    "sets",
]
