"""The quiz store on real databases: one round per group, claims, scoring, sets."""

from __future__ import annotations

import pytest

from storage import Store
from storage.quiz import FINISHED, STOPPED, QuizStore, RoundRunning
from tests.conftest import FakeClock

GROUP = -1_000_000_000_001
QUESTIONS = [{"id": "q1"}, {"id": "q2"}]


async def _round(quiz: QuizStore, chat_id: int = GROUP) -> int:
    round_ = await quiz.start_round(
        chat_id=chat_id, topic="lpg", language="zh", questions=QUESTIONS, seconds=30, started_by=7
    )
    return round_.id


async def test_one_running_round_per_group(store: Store) -> None:
    quiz = QuizStore(store)
    first = await _round(quiz)
    with pytest.raises(RoundRunning):
        await _round(quiz)
    other = await _round(quiz, chat_id=GROUP - 1)
    assert other != first
    running = await quiz.running_round(GROUP)
    assert running is not None and running.id == first and running.total == 2
    assert [r.id for r in await quiz.running_rounds()] == [first, other]
    assert await quiz.finish_round(first, status=STOPPED)
    assert not await quiz.finish_round(first)
    assert await quiz.running_round(GROUP) is None
    assert await _round(quiz) != first  # the group may start a new one now
    ended = await quiz.get_round(first)
    assert ended is not None and ended.status == STOPPED


async def test_moving_on_is_claimed_once(store: Store) -> None:
    quiz = QuizStore(store)
    round_id = await _round(quiz)
    assert await quiz.claim_next(round_id, current=-1)
    assert not await quiz.claim_next(round_id, current=-1)
    assert await quiz.claim_next(round_id, current=0)
    await quiz.finish_round(round_id, status=FINISHED)
    assert not await quiz.claim_next(round_id, current=1)


async def test_answers_are_scored_once_and_ranked_by_score_then_speed(
    store: Store, clock: FakeClock
) -> None:
    quiz = QuizStore(store)
    round_id = await _round(quiz)
    for position, poll_id in enumerate(("p1", "p2")):
        await quiz.record_poll(
            poll_id=poll_id,
            round_id=round_id,
            position=position,
            chat_id=GROUP,
            message_id=10 + position,
            correct_option=1,
        )
        clock.advance(seconds=3)
        assert await quiz.record_answer(poll_id=poll_id, user_id=1, user_name="慢", option=1)
        clock.advance(seconds=-2)
        assert await quiz.record_answer(poll_id=poll_id, user_id=2, user_name="快", option=1)
        assert await quiz.record_answer(poll_id=poll_id, user_id=3, user_name="错", option=0)
        clock.advance(seconds=10)
    assert await quiz.record_answer(poll_id="p1", user_id=1, user_name="慢", option=0) is None
    assert await quiz.record_answer(poll_id="nope", user_id=1, user_name="慢", option=0) is None
    assert await quiz.everyone_answered("p2", round_id)
    board = await quiz.leaderboard(round_id)
    assert [(s.name, s.score, s.answered) for s in board] == [
        ("快", 2, 2),
        ("慢", 2, 2),
        ("错", 0, 2),
    ]
    assert board[0].seconds == pytest.approx(2.0) and board[1].seconds == pytest.approx(6.0)
    assert [p.poll_id for p in await quiz.polls(round_id)] == ["p1", "p2"]
    polled = await quiz.poll("p2")
    assert polled is not None and polled.correct_option == 1 and polled.message_id == 11
    await quiz.finish_round(round_id)
    assert await quiz.record_answer(poll_id="p2", user_id=4, user_name="晚", option=1) is None


async def test_everyone_answered_waits_for_known_players(store: Store) -> None:
    quiz = QuizStore(store)
    round_id = await _round(quiz)
    for position, poll_id in enumerate(("a", "b")):
        await quiz.record_poll(
            poll_id=poll_id,
            round_id=round_id,
            position=position,
            chat_id=GROUP,
            message_id=position,
            correct_option=0,
        )
    await quiz.record_answer(poll_id="a", user_id=1, user_name="甲", option=0)
    await quiz.record_answer(poll_id="a", user_id=2, user_name="乙", option=0)
    assert not await quiz.everyone_answered("b", round_id)
    await quiz.record_answer(poll_id="b", user_id=1, user_name="甲", option=0)
    assert not await quiz.everyone_answered("b", round_id)
    await quiz.record_answer(poll_id="b", user_id=2, user_name="乙", option=0)
    assert await quiz.everyone_answered("b", round_id)


async def test_a_groups_question_set_is_replaced_by_the_next_upload(store: Store) -> None:
    quiz = QuizStore(store)
    assert await quiz.question_set(GROUP) is None
    await quiz.save_question_set(
        chat_id=GROUP, filename="a.csv", questions=QUESTIONS, uploaded_by=7
    )
    await quiz.save_question_set(
        chat_id=GROUP, filename="b.yaml", questions=QUESTIONS[:1], uploaded_by=7
    )
    assert await quiz.question_set(GROUP) == QUESTIONS[:1]
    assert await quiz.question_set(GROUP - 1) is None


def test_a_certificate_takes_80_percent_of_the_planned_questions() -> None:
    from storage.quiz import Standing

    def standing(score: int) -> Standing:
        return Standing(user_id=1, name="小明", score=score, answered=5, seconds=12.0)

    assert standing(4).earns_certificate(5) and standing(5).earns_certificate(5)
    assert not standing(3).earns_certificate(5)
    assert not standing(0).earns_certificate(0)
