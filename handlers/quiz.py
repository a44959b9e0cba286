"""The safety quiz: group rounds of quiz polls, practice alone, teachers' uploads, certificates.

`/quiz [topic] [level] [count] [seconds]` and `/quiz_stop` (group admins), the scoring of
poll answers, `/quiz_upload` with a CSV or YAML file, and `/practice [topic]` in private.
"""

from __future__ import annotations

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from bot.commands import CommandInfo, add_commands
from handlers.quiz_group import poll_answer, quiz_command, quiz_stop
from handlers.quiz_practice import CALLBACK_PREFIX, practice, practice_answer
from handlers.quiz_round import resume_rounds
from handlers.quiz_upload import quiz_upload

UPLOAD_CAPTION = filters.Document.ALL & filters.CaptionRegex(r"^/quiz_upload(@\w+)?(\s|$)")

COMMANDS = (
    CommandInfo("quiz", "quiz.cmd.quiz"),
    CommandInfo("quiz_stop", "quiz.cmd.quiz_stop"),
    CommandInfo("quiz_upload", "quiz.cmd.quiz_upload"),
    CommandInfo("practice", "quiz.cmd.practice"),
)


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add the quiz's handlers, menu entries and the timer-resuming job."""
    application.add_handler(CommandHandler("quiz", quiz_command))
    application.add_handler(CommandHandler("quiz_stop", quiz_stop))
    application.add_handler(CommandHandler("quiz_upload", quiz_upload))
    application.add_handler(MessageHandler(UPLOAD_CAPTION, quiz_upload))
    application.add_handler(CommandHandler("practice", practice))
    application.add_handler(CallbackQueryHandler(practice_answer, pattern=f"^{CALLBACK_PREFIX}"))
    application.add_handler(PollAnswerHandler(poll_answer))
    add_commands(*COMMANDS)
    if application.job_queue is not None:
        application.job_queue.run_once(resume_rounds, 0.0, name="quiz:resume")
