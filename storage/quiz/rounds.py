"""A quiz round's life in a group, each step in the caller's unit of work: started, moved
from question to question, finished or stopped."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from storage.db.uow import UnitOfWork
from storage.quiz.models import QuizRound
from storage.quiz.values import FINISHED, RUNNING, RoundInfo, RoundRunning, round_info


async def start_round(
    uow: UnitOfWork,
    *,
    chat_id: int,
    topic: str,
    language: str,
    questions: list[Any],
    seconds: int,
    started_by: int,
) -> RoundInfo:
    """Open a round in `chat_id`; RoundRunning if one runs there already."""
    row = QuizRound(
        chat_id=chat_id,
        running_chat_id=chat_id,
        topic=topic,
        language=language,
        questions=questions,
        seconds=seconds,
        current=-1,
        status=RUNNING,
        started_by=started_by,
        started_at=uow.now(),
    )
    try:
        async with uow.session.begin_nested():  # only the insert is undone if it collides
            uow.session.add(row)
    except IntegrityError as exc:
        raise RoundRunning(f"a quiz round is running in chat {chat_id}") from exc
    return round_info(row)


async def get_round(uow: UnitOfWork, *, round_id: int) -> RoundInfo | None:
    """The round with this id, or None."""
    row = await uow.session.get(QuizRound, round_id)
    return round_info(row) if row is not None else None


async def find_running_round(uow: UnitOfWork, *, chat_id: int) -> RoundInfo | None:
    """The round running in `chat_id`, or None."""
    row = await uow.session.scalar(select(QuizRound).where(QuizRound.running_chat_id == chat_id))
    return round_info(row) if row is not None else None


async def list_running_rounds(uow: UnitOfWork) -> list[RoundInfo]:
    """Every running round (to resume their timers after a restart)."""
    rows = await uow.session.scalars(
        select(QuizRound).where(QuizRound.status == RUNNING).order_by(QuizRound.id)
    )
    return [round_info(row) for row in rows]


async def claim_next(uow: UnitOfWork, *, round_id: int, current: int) -> bool:
    """Move a running round from question `current` to the next; False if someone did."""
    result = await uow.session.execute(
        update(QuizRound)
        .where(QuizRound.id == round_id, QuizRound.status == RUNNING, QuizRound.current == current)
        .values(current=current + 1)
    )
    return bool(getattr(result, "rowcount", 0))


async def finish_round(uow: UnitOfWork, *, round_id: int, status: str = FINISHED) -> bool:
    """End a running round (finished or stopped); False if it had ended already."""
    result = await uow.session.execute(
        update(QuizRound)
        .where(QuizRound.id == round_id, QuizRound.status == RUNNING)
        .values(status=status, running_chat_id=None, finished_at=uow.now())
    )
    return bool(getattr(result, "rowcount", 0))
