"""The quiz services on real databases: one round per group, claims, scoring, sets."""

from __future__ import annotations

import pytest

from storage import Store
from storage.quiz import FINISHED, STOPPED, RoundRunning, answers, rounds, sets
from tests.conftest import FakeClock
from tests.store_calls import read, run

GROUP = -1_000_000_000_001
QUESTIONS = [{"id": "q1"}, {"id": "q2"}]


async def _round(store: Store, chat_id: int = GROUP) -> int:
    round_ = await run(
        store,
        rounds.start_round,
        chat_id=chat_id,
        topic="lpg",
        language="zh",
        questions=QUESTIONS,
        seconds=30,
        started_by=7,
    )
    return round_.id


async def test_one_running_round_per_group(store: Store) -> None:
    first = await _round(store)
    with pytest.raises(RoundRunning):
        await _round(store)
    other = await _round(store, chat_id=GROUP - 1)
    assert other != first
    running = await read(store, rounds.find_running_round, chat_id=GROUP)
    assert running is not None and running.id == first and running.total == 2
    assert [r.id for r in await read(store, rounds.list_running_rounds)] == [first, other]
    assert await run(store, rounds.finish_round, round_id=first, status=STOPPED)
    assert not await run(store, rounds.finish_round, round_id=first)
    assert await read(store, rounds.find_running_round, chat_id=GROUP) is None
    assert await _round(store) != first  # the group may start a new one now
    ended = await read(store, rounds.get_round, round_id=first)
    assert ended is not None and ended.status == STOPPED


async def test_moving_on_is_claimed_once(store: Store) -> None:
    round_id = await _round(store)
    assert await run(store, rounds.claim_next, round_id=round_id, current=-1)
    assert not await run(store, rounds.claim_next, round_id=round_id, current=-1)
    assert await run(store, rounds.claim_next, round_id=round_id, current=0)
    await run(store, rounds.finish_round, round_id=round_id, status=FINISHED)
    assert not await run(store, rounds.claim_next, round_id=round_id, current=1)


async def test_answers_are_scored_once_and_ranked_by_score_then_speed(
    store: Store, clock: FakeClock
) -> None:
    round_id = await _round(store)
    for position, poll_id in enumerate(("p1", "p2")):
        await run(
            store,
            answers.record_poll,
            poll_id=poll_id,
            round_id=round_id,
            position=position,
            chat_id=GROUP,
            message_id=10 + position,
            correct_option=1,
        )
        clock.advance(seconds=3)
        assert await run(
            store, answers.record_answer, poll_id=poll_id, user_id=1, user_name="慢", option=1
        )
        clock.advance(seconds=-2)
        assert await run(
            store, answers.record_answer, poll_id=poll_id, user_id=2, user_name="快", option=1
        )
        assert await run(
            store, answers.record_answer, poll_id=poll_id, user_id=3, user_name="错", option=0
        )
        clock.advance(seconds=10)
    assert (
        await run(store, answers.record_answer, poll_id="p1", user_id=1, user_name="慢", option=0)
        is None
    )
    assert (
        await run(store, answers.record_answer, poll_id="nope", user_id=1, user_name="慢", option=0)
        is None
    )
    assert await read(store, answers.everyone_answered, poll_id="p2", round_id=round_id)
    board = await read(store, answers.leaderboard, round_id=round_id)
    assert [(s.name, s.score, s.answered) for s in board] == [
        ("快", 2, 2),
        ("慢", 2, 2),
        ("错", 0, 2),
    ]
    assert board[0].seconds == pytest.approx(2.0) and board[1].seconds == pytest.approx(6.0)
    assert [p.poll_id for p in await read(store, answers.list_polls, round_id=round_id)] == [
        "p1",
        "p2",
    ]
    polled = await read(store, answers.get_poll, poll_id="p2")
    assert polled is not None and polled.correct_option == 1 and polled.message_id == 11
    await run(store, rounds.finish_round, round_id=round_id)
    assert (
        await run(store, answers.record_answer, poll_id="p2", user_id=4, user_name="晚", option=1)
        is None
    )


async def test_everyone_answered_waits_for_known_players(store: Store) -> None:
    round_id = await _round(store)
    for position, poll_id in enumerate(("a", "b")):
        await run(
            store,
            answers.record_poll,
            poll_id=poll_id,
            round_id=round_id,
            position=position,
            chat_id=GROUP,
            message_id=position,
            correct_option=0,
        )
    await run(store, answers.record_answer, poll_id="a", user_id=1, user_name="甲", option=0)
    await run(store, answers.record_answer, poll_id="a", user_id=2, user_name="乙", option=0)
    assert not await read(store, answers.everyone_answered, poll_id="b", round_id=round_id)
    await run(store, answers.record_answer, poll_id="b", user_id=1, user_name="甲", option=0)
    assert not await read(store, answers.everyone_answered, poll_id="b", round_id=round_id)
    await run(store, answers.record_answer, poll_id="b", user_id=2, user_name="乙", option=0)
    assert await read(store, answers.everyone_answered, poll_id="b", round_id=round_id)


async def test_a_groups_question_set_is_replaced_by_the_next_upload(store: Store) -> None:
    assert await read(store, sets.get_question_set, chat_id=GROUP) is None
    await run(
        store,
        sets.save_question_set,
        chat_id=GROUP,
        filename="a.csv",
        questions=QUESTIONS,
        uploaded_by=7,
    )
    await run(
        store,
        sets.save_question_set,
        chat_id=GROUP,
        filename="b.yaml",
        questions=QUESTIONS[:1],
        uploaded_by=7,
    )
    assert await read(store, sets.get_question_set, chat_id=GROUP) == QUESTIONS[:1]
    assert await read(store, sets.get_question_set, chat_id=GROUP - 1) is None


def test_a_certificate_takes_80_percent_of_the_planned_questions() -> None:
    from storage.quiz import Standing

    def standing(score: int) -> Standing:
        return Standing(user_id=1, name="小明", score=score, answered=5, seconds=12.0)

    assert standing(4).earns_certificate(5) and standing(5).earns_certificate(5)
    assert not standing(3).earns_certificate(5)
    assert not standing(0).earns_certificate(0)
