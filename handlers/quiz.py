"""The safety quiz: group rounds of quiz polls, practice alone, teachers' uploads, certificates.

`/quiz [topic] [level] [count] [seconds]` and `/quiz_stop` (group admins), the scoring of
poll answers, `/quiz_upload` with a CSV or YAML file, and `/practice [topic]` in private.
"""

from __future__ import annotations

from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from bot.wiring import CommandInfo, Job, Registration
from handlers.buttons import PracticeAnswer
from handlers.quiz_group import poll_answer, quiz_command, quiz_stop
from handlers.quiz_practice import practice, practice_answer
from handlers.quiz_round import resume_rounds
from handlers.quiz_upload import quiz_upload

UPLOAD_CAPTION = filters.Document.ALL & filters.CaptionRegex(r"^/quiz_upload(@\w+)?(\s|$)")

QUIZ_COMMANDS = (
    CommandInfo("quiz", "quiz.cmd.quiz"),
    CommandInfo("quiz_stop", "quiz.cmd.quiz_stop"),
    CommandInfo("quiz_upload", "quiz.cmd.quiz_upload"),
    CommandInfo("practice", "quiz.cmd.practice"),
)


def handlers() -> list[Registration]:
    """The quiz's commands, upload caption, practice buttons and poll answers."""
    return [
        Registration(CommandHandler("quiz", quiz_command)),
        Registration(CommandHandler("quiz_stop", quiz_stop)),
        Registration(CommandHandler("quiz_upload", quiz_upload)),
        Registration(MessageHandler(UPLOAD_CAPTION, quiz_upload)),
        Registration(CommandHandler("practice", practice)),
        Registration(CallbackQueryHandler(practice_answer, pattern=PracticeAnswer.matches)),
        Registration(PollAnswerHandler(poll_answer)),
    ]


RESUME_JOB = Job(resume_rounds, "quiz:resume")
"""Once at start: rounds a restart interrupted get their timers back."""
