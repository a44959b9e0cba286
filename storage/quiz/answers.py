"""The polls sent for a round, the players' answers and the leaderboard, each in the
caller's unit of work."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.db.uow import UnitOfWork
from storage.quiz.models import QuizAnswer, QuizPoll, QuizRound
from storage.quiz.values import RUNNING, PollInfo, Standing, poll_info


async def record_poll(
    uow: UnitOfWork,
    *,
    poll_id: str,
    round_id: int,
    position: int,
    chat_id: int,
    message_id: int,
    correct_option: int,
) -> PollInfo:
    """Remember a sent poll, its chat and its right option (answers are scored by it)."""
    row = QuizPoll(
        poll_id=poll_id,
        round_id=round_id,
        position=position,
        chat_id=chat_id,
        message_id=message_id,
        correct_option=correct_option,
        sent_at=uow.now(),
    )
    uow.session.add(row)
    return poll_info(row)


async def get_poll(uow: UnitOfWork, *, poll_id: str) -> PollInfo | None:
    """The quiz poll with this id, or None."""
    row = await uow.session.get(QuizPoll, poll_id)
    return poll_info(row) if row is not None else None


async def list_polls(uow: UnitOfWork, *, round_id: int) -> list[PollInfo]:
    """The polls of a round, in question order."""
    rows = await uow.session.scalars(
        select(QuizPoll).where(QuizPoll.round_id == round_id).order_by(QuizPoll.position)
    )
    return [poll_info(row) for row in rows]


async def record_answer(
    uow: UnitOfWork, *, poll_id: str, user_id: int, user_name: str, option: int
) -> PollInfo | None:
    """Score a user's answer to a poll of a running round; None if it does not count."""
    now = uow.now()
    found = (
        await uow.session.execute(
            select(QuizPoll, QuizRound.status)
            .join(QuizRound, QuizRound.id == QuizPoll.round_id)
            .where(QuizPoll.poll_id == poll_id)
        )
    ).first()
    if found is None or found[1] != RUNNING:
        return None
    poll: QuizPoll = found[0]
    try:
        async with uow.session.begin_nested():  # a second answer undoes only itself
            uow.session.add(
                QuizAnswer(
                    poll_id=poll_id,
                    round_id=poll.round_id,
                    user_id=user_id,
                    user_name=user_name[:128],
                    option=option,
                    correct=option == poll.correct_option,
                    seconds=max(0.0, (now - poll.sent_at).total_seconds()),
                    answered_at=now,
                )
            )
    except IntegrityError:
        return None  # this user answered this poll already
    return poll_info(poll)


async def everyone_answered(uow: UnitOfWork, *, poll_id: str, round_id: int) -> bool:
    """True when each player of the round so far has answered this poll (and one has)."""
    players = set(
        await uow.session.scalars(
            select(QuizAnswer.user_id).where(QuizAnswer.round_id == round_id).distinct()
        )
    )
    here = set(
        await uow.session.scalars(select(QuizAnswer.user_id).where(QuizAnswer.poll_id == poll_id))
    )
    return bool(here) and players <= here


async def leaderboard(uow: UnitOfWork, *, round_id: int) -> list[Standing]:
    """Every player of a round: most right answers first, then least time on them."""
    rows = (
        await uow.session.execute(
            select(QuizAnswer.user_id, QuizAnswer.user_name, QuizAnswer.correct, QuizAnswer.seconds)
            .where(QuizAnswer.round_id == round_id)
            .order_by(QuizAnswer.id)
        )
    ).all()
    table: dict[int, Standing] = {}
    for user_id, name, correct, seconds in rows:
        old = table.get(user_id, Standing(user_id, name or str(user_id), 0, 0, 0.0))
        table[user_id] = Standing(
            user_id,
            old.name,
            old.score + int(correct),
            old.answered + 1,
            old.seconds + (seconds if correct else 0.0),
        )
    return sorted(table.values(), key=lambda s: (-s.score, s.seconds, s.user_id))
