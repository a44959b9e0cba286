"""/quiz_upload: a teacher's own CSV or YAML questions, checked and kept for the group.

A file with some bad lines is not refused whole: its problems are listed by line with a
button that keeps the good questions (pressed by a group admin, on that very message).
A question file sent without the caption gets a word on how to use it."""

from __future__ import annotations

import logging
import math
from typing import Any, Final

from telegram import Document, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot import fit
from bot.context import CityContext
from bot.messages import t
from bot.messages.quiz_problems import problem_text
from handlers.buttons import button, expired, is_offered, remember_offer
from handlers.common import answer_query, edit_query_message, language_of, reply
from handlers.quiz_buttons import KeepGoodQuestions
from handlers.quiz_common import admin_in_group, is_group_admin, snapshot
from knowledge.quiz import MAX_UPLOAD_BYTES, MAX_UPLOAD_QUESTIONS, Problem, parse_upload
from knowledge.quiz.problems import problem
from storage.quiz import sets

log = logging.getLogger(__name__)

SHOWN_PROBLEMS: Final = 20
"""At most this many problems are listed in the reply (Telegram caps a message at 4096)."""
MAX_KB: Final = MAX_UPLOAD_BYTES // 1024
GOOD_ONES: Final = "quiz_upload_good"
"""chat_data: the good questions of the last upload with problems, and where they were offered."""


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


def _listed(problems: list[Problem], lang: str) -> str:
    lines = [f"• {problem_text(problem, lang)}" for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(t("quiz.upload.more", lang, count=len(problems) - SHOWN_PROBLEMS))
    return "\n".join(lines)


def problems_text(filename: str, problems: list[Problem], lang: str) -> str:
    """The problems of an upload, by line, in `lang` (the first SHOWN_PROBLEMS of them)."""
    name = fit.shorten(filename, fit.LABEL)
    listed = _listed(problems, lang)
    return fit.fit(t("quiz.upload.problems", lang, file=name, count=len(problems), problems=listed))


def partial_text(filename: str, problems: list[Problem], good: int, lang: str) -> str:
    """The bad lines of an upload, and the offer to keep its `good` questions."""
    name = fit.shorten(filename, fit.LABEL)
    listed = _listed(problems, lang)
    return fit.fit(
        t("quiz.upload.partial", lang, file=name, count=len(problems), problems=listed, good=good)
    )


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
        await reply(update, context, "quiz.upload.usage", limit=MAX_UPLOAD_QUESTIONS)
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
    if problems and not questions:
        await message.reply_text(problems_text(filename, problems, lang))
        return
    kept = [snapshot(question) for question in questions]
    if problems:
        keep = t("quiz.upload.keep", lang, count=len(kept))
        sent = await message.reply_text(
            partial_text(filename, problems, len(kept), lang),
            reply_markup=InlineKeyboardMarkup([[button(keep, KeepGoodQuestions())]]),
        )
        offer: dict[str, Any] = {"file": filename, "questions": kept}
        remember_offer(offer, sent)  # only this message's button keeps these questions
        if context.chat_data is not None:
            context.chat_data[GOOD_ONES] = offer
        return
    await _save(context, chat.id, filename, kept, user.id)
    name = fit.shorten(filename, fit.LABEL)
    await reply(update, context, "quiz.upload.saved", count=len(kept), file=name)


async def _save(
    context: CityContext, chat_id: int, filename: str, questions: list[Any], by: int
) -> None:
    async with context.services.store.unit_of_work() as uow:
        await sets.save_question_set(
            uow, chat_id=chat_id, filename=filename, questions=questions, uploaded_by=by
        )


async def keep_good_questions(update: Update, context: CityContext) -> None:
    """The button under an upload's problems: keep its good questions for `/quiz mine`."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None:
        return
    offer = (context.chat_data or {}).get(GOOD_ONES)
    if not is_offered(offer, query):  # an older upload's, or forged
        await expired(update, context)
        return
    lang = language_of(update, context)
    if not await is_group_admin(update, context):
        await answer_query(query, t("quiz.admins_only", lang), alert=True)
        return
    assert isinstance(offer, dict) and context.chat_data is not None
    del context.chat_data[GOOD_ONES]
    filename, kept = str(offer["file"]), list(offer["questions"])
    await _save(context, chat.id, filename, kept, user.id)
    await answer_query(query)
    name = fit.shorten(filename, fit.LABEL)
    await edit_query_message(query, t("quiz.upload.saved", lang, count=len(kept), file=name))


QUESTION_FILE_NAME = (".csv", ".yaml", ".yml")


async def question_file_without_caption(update: Update, context: CityContext) -> None:
    """A CSV or YAML file a group admin sent without /quiz_upload: say how to use it."""
    message = update.effective_message
    document = message.document if message is not None else None
    if message is None or document is None:
        return
    if not (document.file_name or "").lower().endswith(QUESTION_FILE_NAME):
        return
    if not await is_group_admin(update, context):
        return  # a pupil's file is none of the quiz's business
    name = fit.shorten(document.file_name or "", fit.LABEL)
    await reply(update, context, "quiz.upload.hint", file=name)
