"""/quiz_upload: a teacher's own CSV or YAML questions, checked and kept for the group."""

from __future__ import annotations

import logging
import math
from typing import Final

from telegram import Document, Update
from telegram.error import TelegramError

from bot import fit
from bot.context import CityContext
from bot.messages import t
from bot.messages.quiz_problems import problem_text
from handlers.common import language_of, reply
from handlers.quiz_common import admin_in_group, snapshot
from knowledge.quiz import MAX_UPLOAD_BYTES, Problem, parse_upload
from knowledge.quiz.problems import problem
from storage.quiz import sets

log = logging.getLogger(__name__)

SHOWN_PROBLEMS: Final = 20
"""At most this many problems are listed in the reply (Telegram caps a message at 4096)."""
MAX_KB: Final = MAX_UPLOAD_BYTES // 1024


def _document(update: Update) -> Document | None:
    """The document the command came with, or the one it replies to."""
    message = update.effective_message
    if message is None:
        return None
    if message.document is not None:
        return message.document
    if message.reply_to_message is not None:
        return message.reply_to_message.document
    return None


def problems_text(filename: str, problems: list[Problem], lang: str) -> str:
    """The problems of an upload, by line, in `lang` (the first SHOWN_PROBLEMS of them)."""
    lines = [f"• {problem_text(problem, lang)}" for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(t("quiz.upload.more", lang, count=len(problems) - SHOWN_PROBLEMS))
    name = fit.shorten(filename, fit.LABEL)
    text = t(
        "quiz.upload.problems", lang, file=name, count=len(problems), problems="\n".join(lines)
    )
    return fit.fit(text)


async def quiz_upload(update: Update, context: CityContext) -> None:
    """Check an uploaded question file; keep its questions for `/quiz mine` if all is well."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    if not await admin_in_group(update, context):
        return
    document = _document(update)
    if document is None:
        await reply(update, context, "quiz.upload.usage")
        return
    lang = language_of(update, context)
    filename = document.file_name or "questions"
    message = update.effective_message
    assert message is not None
    size = document.file_size or 0
    if size > MAX_UPLOAD_BYTES:  # not worth downloading
        too_big = problem(0, "file_too_big", size_kb=math.ceil(size / 1024), limit_kb=MAX_KB)
        await message.reply_text(problems_text(filename, [too_big], lang))
        return
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError:
        log.warning("could not download quiz upload %s", filename, exc_info=True)
        await reply(update, context, "quiz.upload.failed")
        return
    questions, problems = parse_upload(data, filename)
    if problems:
        await message.reply_text(problems_text(filename, problems, lang))
        return
    async with context.services.store.unit_of_work() as uow:
        await sets.save_question_set(
            uow,
            chat_id=chat.id,
            filename=filename,
            questions=[snapshot(question) for question in questions],
            uploaded_by=user.id,
        )
    name = fit.shorten(filename, fit.LABEL)
    await reply(update, context, "quiz.upload.saved", count=len(questions), file=name)
