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
from handlers.quiz_buttons import KeepGoodQuestions, PracticeAnswer
from handlers.quiz_group import poll_answer, quiz_command, quiz_stop
from handlers.quiz_practice import practice, practice_answer
from handlers.quiz_round import resume_rounds
from handlers.quiz_upload import keep_good_questions, question_file_without_caption, quiz_upload

UPLOAD_CAPTION = filters.Document.ALL & filters.CaptionRegex(r"^/quiz_upload(@\w+)?(\s|$)")
GROUP_FILE = filters.ChatType.GROUPS & filters.Document.ALL & ~UPLOAD_CAPTION

QUIZ_COMMANDS = (
    CommandInfo("quiz", "quiz.cmd.quiz", where="group"),
    CommandInfo("quiz_stop", "quiz.cmd.quiz_stop", where="group"),
    CommandInfo("quiz_upload", "quiz.cmd.quiz_upload", where="group"),
    CommandInfo("practice", "quiz.cmd.practice", where="private"),
)


def handlers() -> list[Registration]:
    """The quiz's commands, upload caption, practice buttons and poll answers."""
    return [
        Registration(CommandHandler("quiz", quiz_command)),
        Registration(CommandHandler("quiz_stop", quiz_stop)),
        Registration(CommandHandler("quiz_upload", quiz_upload)),
        Registration(MessageHandler(UPLOAD_CAPTION, quiz_upload)),
        Registration(CallbackQueryHandler(keep_good_questions, pattern=KeepGoodQuestions.matches)),
        Registration(MessageHandler(GROUP_FILE, question_file_without_caption)),
        Registration(CommandHandler("practice", practice)),
        Registration(CallbackQueryHandler(practice_answer, pattern=PracticeAnswer.matches)),
        Registration(PollAnswerHandler(poll_answer)),
    ]


RESUME_JOB = Job(resume_rounds, "quiz:resume")
"""Once at start: rounds a restart interrupted get their timers back."""
