"""The quiz's store: rounds, the polls sent for them, answers, and teachers' question sets.

No Telegram here: poll ids, chat ids and options are plain values; questions are JSON
snapshots that handlers/ build from knowledge.quiz questions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from storage.db.base_store import StoreBase
from storage.errors import StoreError
from storage.quiz.models import QuizAnswer, QuizPoll, QuizQuestionSet, QuizRound

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


def _round(row: QuizRound) -> RoundInfo:
    values = {f.name: getattr(row, f.name) for f in fields(RoundInfo)}
    return RoundInfo(**{**values, "questions": list(row.questions)})


def _poll(row: QuizPoll) -> PollInfo:
    return PollInfo(**{f.name: getattr(row, f.name) for f in fields(PollInfo)})


class QuizStore:
    """Quiz operations over the work-order store's database; one unit of work per call."""

    def __init__(self, store: StoreBase) -> None:
        self.store = store

    def _now(self) -> datetime:
        return self.store.clock()

    async def start_round(
        self,
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
            started_at=self._now(),
        )
        try:
            async with self.store.writing() as session:
                session.add(row)
                await session.flush()
                return _round(row)
        except IntegrityError as exc:
            raise RoundRunning(f"a quiz round is running in chat {chat_id}") from exc

    async def get_round(self, round_id: int) -> RoundInfo | None:
        """The round with this id, or None."""
        async with self.store.reading() as session:
            row = await session.get(QuizRound, round_id)
            return _round(row) if row is not None else None

    async def running_round(self, chat_id: int) -> RoundInfo | None:
        """The round running in `chat_id`, or None."""
        async with self.store.reading() as session:
            row = await session.scalar(
                select(QuizRound).where(QuizRound.running_chat_id == chat_id)
            )
            return _round(row) if row is not None else None

    async def running_rounds(self) -> list[RoundInfo]:
        """Every running round (to resume their timers after a restart)."""
        async with self.store.reading() as session:
            rows = await session.scalars(
                select(QuizRound).where(QuizRound.status == RUNNING).order_by(QuizRound.id)
            )
            return [_round(row) for row in rows]

    async def claim_next(self, round_id: int, *, current: int) -> bool:
        """Move a running round from question `current` to the next; False if someone did."""
        async with self.store.writing() as session:
            result = await session.execute(
                update(QuizRound)
                .where(
                    QuizRound.id == round_id,
                    QuizRound.status == RUNNING,
                    QuizRound.current == current,
                )
                .values(current=current + 1)
            )
            return bool(getattr(result, "rowcount", 0))

    async def finish_round(self, round_id: int, *, status: str = FINISHED) -> bool:
        """End a running round (finished or stopped); False if it had ended already."""
        async with self.store.writing() as session:
            result = await session.execute(
                update(QuizRound)
                .where(QuizRound.id == round_id, QuizRound.status == RUNNING)
                .values(status=status, running_chat_id=None, finished_at=self._now())
            )
            return bool(getattr(result, "rowcount", 0))

    async def record_poll(
        self,
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
            sent_at=self._now(),
        )
        async with self.store.writing() as session:
            session.add(row)
        return _poll(row)

    async def poll(self, poll_id: str) -> PollInfo | None:
        """The quiz poll with this id, or None."""
        async with self.store.reading() as session:
            row = await session.get(QuizPoll, poll_id)
            return _poll(row) if row is not None else None

    async def polls(self, round_id: int) -> list[PollInfo]:
        """The polls of a round, in question order."""
        async with self.store.reading() as session:
            rows = await session.scalars(
                select(QuizPoll).where(QuizPoll.round_id == round_id).order_by(QuizPoll.position)
            )
            return [_poll(row) for row in rows]

    async def record_answer(
        self, *, poll_id: str, user_id: int, user_name: str, option: int
    ) -> PollInfo | None:
        """Score a user's answer to a poll of a running round; None if it does not count."""
        now = self._now()
        try:
            async with self.store.writing() as session:
                found = (
                    await session.execute(
                        select(QuizPoll, QuizRound.status)
                        .join(QuizRound, QuizRound.id == QuizPoll.round_id)
                        .where(QuizPoll.poll_id == poll_id)
                    )
                ).first()
                if found is None or found[1] != RUNNING:
                    return None
                poll: QuizPoll = found[0]
                session.add(
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
                return _poll(poll)
        except IntegrityError:
            return None  # this user answered this poll already

    async def everyone_answered(self, poll_id: str, round_id: int) -> bool:
        """True when each player of the round so far has answered this poll (and one has)."""
        async with self.store.reading() as session:
            players = set(
                await session.scalars(
                    select(QuizAnswer.user_id).where(QuizAnswer.round_id == round_id).distinct()
                )
            )
            here = set(
                await session.scalars(
                    select(QuizAnswer.user_id).where(QuizAnswer.poll_id == poll_id)
                )
            )
        return bool(here) and players <= here

    async def leaderboard(self, round_id: int) -> list[Standing]:
        """Every player of a round: most right answers first, then least time on them."""
        async with self.store.reading() as session:
            rows = (
                await session.execute(
                    select(
                        QuizAnswer.user_id,
                        QuizAnswer.user_name,
                        QuizAnswer.correct,
                        QuizAnswer.seconds,
                    )
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

    async def save_question_set(
        self, *, chat_id: int, filename: str, questions: list[Any], uploaded_by: int
    ) -> None:
        """Store a group's own questions, replacing any earlier upload."""
        async with self.store.writing() as session:
            row = await session.get(QuizQuestionSet, chat_id)
            if row is None:
                row = QuizQuestionSet(chat_id=chat_id)
                session.add(row)
            row.filename = filename[:255]
            row.questions = questions
            row.uploaded_by = uploaded_by
            row.uploaded_at = self._now()

    async def question_set(self, chat_id: int) -> list[Any] | None:
        """A group's own questions, or None if its teachers uploaded none."""
        async with self.store.reading() as session:
            row = await session.get(QuizQuestionSet, chat_id)
            return list(row.questions) if row is not None else None
