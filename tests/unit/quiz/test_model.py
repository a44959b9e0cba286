"""Questions and the bank's picking, with no files involved."""

from __future__ import annotations

import pytest

from knowledge.quiz import Question, QuestionBank, Text
from knowledge.quiz.model import telegram_length


def make(qid: str, topic: str = "lpg", level: str = "child", answer: int = 0) -> Question:
    options = (Text("甲", "A"), Text("乙", "B"), Text("丙"))
    return Question(
        qid, topic, level, Text(f"题{qid}", f"Q{qid}"), options, answer, Text("因为", "Because")
    )


BANK = QuestionBank(
    [make(f"lpg-{n}") for n in range(5)]
    + [make(f"sorting-{n}", "sorting", "adult") for n in range(5)]
    + [make("gas_leak-1", "gas_leak")]
)


def test_text_in_a_language_falls_back_to_chinese() -> None:
    question = make("x", answer=2)
    assert (
        question.text() == "题x" and question.text("en") == "Qx" and question.text("en-US") == "Qx"
    )
    assert question.text("fr") == "题x"
    assert question.options_in("en") == ["A", "B", "丙"]  # an option without English
    assert question.explanation_in("en") == "Because"
    assert question.correct_option("zh") == "丙"
    assert (
        Question("y", "lpg", "child", Text("问"), (Text("a"), Text("b")), 0).explanation_in() == ""
    )


def test_shuffled_moves_the_answer_with_its_option() -> None:
    question = make("x", answer=1)
    for seed in range(10):
        shuffled = question.shuffled(seed)
        assert shuffled.correct_option() == "乙"
        assert sorted(shuffled.options_in()) == sorted(question.options_in())
    assert question.shuffled(3) == question.shuffled(3)


def test_topics_in_the_bank_order() -> None:
    assert BANK.topics() == ["lpg", "gas_leak", "sorting"]
    assert QuestionBank([make("a", "mine")]).topics() == ["mine"]


def test_pick_filters_and_is_repeatable_with_a_seed() -> None:
    picked = BANK.pick(topic="lpg", count=3, seed=7)
    assert len(picked) == 3 and {q.topic for q in picked} == {"lpg"}
    assert picked == BANK.pick(topic="lpg", count=3, seed=7)
    assert len({q.id for q in BANK.pick(count=11)}) == 11
    assert {q.level for q in BANK.pick(level="adult", count=99)} == {"adult"}
    assert len(BANK.pick(topic="lpg", count=50)) == 5  # never more than there are
    assert BANK.pick(topic="facilities") == [] and BANK.pick(count=0) == []
    with pytest.raises(ValueError):
        BANK.pick(count=-1)


def test_get_count_and_unique_ids() -> None:
    assert BANK.get("gas_leak-1").topic == "gas_leak" and "lpg-0" in BANK and "nope" not in BANK
    assert (
        len(BANK) == 11 and BANK.count("sorting", "adult") == 5 and BANK.count(level="child") == 6
    )
    with pytest.raises(KeyError):
        BANK.get("nope")
    with pytest.raises(ValueError):
        QuestionBank([make("a"), make("a")])


def test_telegram_counts_utf16_units() -> None:
    assert telegram_length("燃气") == 2 and telegram_length("🔥") == 2
