"""QuizStore: each quiz service function in a unit of work of its own, for callers that make
one call per action (the quiz handlers, the tests); the functions are in rounds.py,
answers.py and sets.py."""

from __future__ import annotations

from typing import Any, Protocol

from storage.db.uow import UnitOfWork
from storage.quiz import answers, rounds, sets
from storage.quiz.values import FINISHED, PollInfo, RoundInfo, Standing


class UnitsOfWork(Protocol):
    """Whatever makes units of work (the Store)."""

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        """A new unit of work for one action."""
        ...


class QuizStore:
    """Quiz operations over the work-order store's database; one unit of work per call."""

    def __init__(self, store: UnitsOfWork) -> None:
        self.store = store

    def _writing(self) -> UnitOfWork:
        return self.store.unit_of_work()

    def _reading(self) -> UnitOfWork:
        return self.store.unit_of_work(read_only=True)

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
        async with self._writing() as uow:
            return await rounds.start_round(
                uow,
                chat_id=chat_id,
                topic=topic,
                language=language,
                questions=questions,
                seconds=seconds,
                started_by=started_by,
            )

    async def get_round(self, round_id: int) -> RoundInfo | None:
        """The round with this id, or None."""
        async with self._reading() as uow:
            return await rounds.get_round(uow, round_id=round_id)

    async def running_round(self, chat_id: int) -> RoundInfo | None:
        """The round running in `chat_id`, or None."""
        async with self._reading() as uow:
            return await rounds.find_running_round(uow, chat_id=chat_id)

    async def running_rounds(self) -> list[RoundInfo]:
        """Every running round (to resume their timers after a restart)."""
        async with self._reading() as uow:
            return await rounds.list_running_rounds(uow)

    async def claim_next(self, round_id: int, *, current: int) -> bool:
        """Move a running round from question `current` to the next; False if someone did."""
        async with self._writing() as uow:
            return await rounds.claim_next(uow, round_id=round_id, current=current)

    async def finish_round(self, round_id: int, *, status: str = FINISHED) -> bool:
        """End a running round (finished or stopped); False if it had ended already."""
        async with self._writing() as uow:
            return await rounds.finish_round(uow, round_id=round_id, status=status)

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
        async with self._writing() as uow:
            return await answers.record_poll(
                uow,
                poll_id=poll_id,
                round_id=round_id,
                position=position,
                chat_id=chat_id,
                message_id=message_id,
                correct_option=correct_option,
            )

    async def poll(self, poll_id: str) -> PollInfo | None:
        """The quiz poll with this id, or None."""
        async with self._reading() as uow:
            return await answers.get_poll(uow, poll_id=poll_id)

    async def polls(self, round_id: int) -> list[PollInfo]:
        """The polls of a round, in question order."""
        async with self._reading() as uow:
            return await answers.list_polls(uow, round_id=round_id)

    async def record_answer(
        self, *, poll_id: str, user_id: int, user_name: str, option: int
    ) -> PollInfo | None:
        """Score a user's answer to a poll of a running round; None if it does not count."""
        async with self._writing() as uow:
            return await answers.record_answer(
                uow, poll_id=poll_id, user_id=user_id, user_name=user_name, option=option
            )

    async def everyone_answered(self, poll_id: str, round_id: int) -> bool:
        """True when each player of the round so far has answered this poll (and one has)."""
        async with self._reading() as uow:
            return await answers.everyone_answered(uow, poll_id=poll_id, round_id=round_id)

    async def leaderboard(self, round_id: int) -> list[Standing]:
        """Every player of a round: most right answers first, then least time on them."""
        async with self._reading() as uow:
            return await answers.leaderboard(uow, round_id=round_id)

    async def save_question_set(
        self, *, chat_id: int, filename: str, questions: list[Any], uploaded_by: int
    ) -> None:
        """Store a group's own questions, replacing any earlier upload."""
        async with self._writing() as uow:
            await sets.save_question_set(
                uow,
                chat_id=chat_id,
                filename=filename,
                questions=questions,
                uploaded_by=uploaded_by,
            )

    async def question_set(self, chat_id: int) -> list[Any] | None:
        """A group's own questions, or None if its teachers uploaded none."""
        async with self._reading() as uow:
            return await sets.get_question_set(uow, chat_id=chat_id)
