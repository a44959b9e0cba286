"""Teachers' own question sets, one per group, each step in the caller's unit of work."""

from __future__ import annotations

from typing import Any

from storage.db.uow import UnitOfWork
from storage.quiz.models import QuizQuestionSet


async def save_question_set(
    uow: UnitOfWork, *, chat_id: int, filename: str, questions: list[Any], uploaded_by: int
) -> None:
    """Store a group's own questions, replacing any earlier upload."""
    row = await uow.session.get(QuizQuestionSet, chat_id)
    if row is None:
        row = QuizQuestionSet(chat_id=chat_id)
        uow.session.add(row)
    row.filename = filename[:255]
    row.questions = questions
    row.uploaded_by = uploaded_by
    row.uploaded_at = uow.now()


async def get_question_set(uow: UnitOfWork, *, chat_id: int) -> list[Any] | None:
    """A group's own questions, or None if its teachers uploaded none."""
    row = await uow.session.get(QuizQuestionSet, chat_id)
    return list(row.questions) if row is not None else None
