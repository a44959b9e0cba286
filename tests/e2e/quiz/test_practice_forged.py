"""Practice buttons carry no authority: only the current question's own buttons answer it,
once; forged, replayed or out-of-range answers are expired and leave the score alone."""

from __future__ import annotations

from knowledge.quiz import load_bank
from tests.e2e.forgery import assert_expired, forge
from tests.e2e.quiz.conftest import Classroom


async def test_forged_and_replayed_practice_answers_change_nothing(classroom: Classroom) -> None:
    harness, standin = classroom.harness, classroom.harness.standin
    pupil = classroom.xiaoming
    greeting = await harness.say(pupil, "/start")
    assert_expired(await forge(harness, pupil, "practice:0:0", on=greeting))  # no practice yet
    first = await harness.say(pupil, "/practice gas_leak")
    by_text = {q.text("zh"): q for q in load_bank().select("gas_leak")}
    question = by_text[(first.text or "").split("\n", 1)[1]]
    right = f"practice:0:{question.answer}"
    for data in ("practice:0:99", "practice:0:-1", "practice:1:0", "practice:x:y", "practice:"):
        assert_expired(await forge(harness, pupil, data, on=first))
    assert_expired(await forge(harness, pupil, right, on=greeting))  # not the question's message
    before = len(harness.sent_to(pupil))
    standin.press_button(pupil, first, question.answer)
    second = await harness.next_reply(pupil.id, before)
    assert "得分：1/1" in harness.edited_text(pupil.id, first.message_id)
    # The answered question's button, pressed again (its buttons are gone; a client can
    # still send the data): no second point, no extra question.
    assert_expired(await forge(harness, pupil, right, on=first))
    by_text_2 = {q.text("zh"): q for q in load_bank().select("gas_leak")}
    question_2 = by_text_2[(second.text or "").split("\n", 1)[1]]
    standin.press_button(pupil, second, question_2.answer)
    await harness.eventually(
        lambda: "得分：2/2" in harness.edited_text(pupil.id, second.message_id)
    )
    # Another pupil has no run: the same data answers nothing for them.
    alice = classroom.alice
    await harness.say(alice, "/start")
    assert_expired(await forge(harness, alice, "practice:2:0"), "en")
