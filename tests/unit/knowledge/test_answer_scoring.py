"""How `citybot kb eval-answers` reads a question file and judges an answer's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.answer.scoring import (
    Reply,
    load_answer_cases,
    states,
    states_in_other_words,
    written_in,
)


def _cases(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_a_flat_list_is_one_fact_written_several_ways(tmp_path: Path) -> None:
    path = _cases(
        tmp_path, {"question": "补贴多少", "lang": "zh", "facts": ["1200元", "一千二百元"]}
    )
    (case,) = load_answer_cases(path)
    assert case.facts == (("1200元", "一千二百元"),)
    assert states("居民每户最多出 1,200 元。", case.facts)


def test_a_list_of_lists_is_several_facts_each_needed(tmp_path: Path) -> None:
    path = _cases(
        tmp_path, {"question": "q", "lang": "zh", "facts": [["119"], ["关阀", "关闭阀门"]]}
    )
    (case,) = load_answer_cases(path)
    assert states("请关闭阀门，到室外拨打119。", case.facts)
    assert not states("请到室外拨打119。", case.facts)


def test_a_cantonese_question_is_answered_in_written_chinese() -> None:
    reply = Reply(text="居民每户最多出1200元。", lang="zh", abstained=False)
    assert written_in(reply, "yue")
    assert not written_in(reply, "en")


# Answers the bot gave to dev questions (shortened), and their facts; readers judged each one.
_SAID_OTHERWISE = [
    (
        'It won a 2024 "Digital China City Popularity" award.',
        "2024 Digital China City Popularity award",
    ),
    (
        "It was held at the Design Hall in the Design Capital, Baiyun District.",
        "the Design Capital in Baiyun District",
    ),
    (
        "No. Paying the waste fee does not exempt you from sorting.",
        "paying the fee does not exempt you from sorting",
    ),
    ("Keep away from the spot and call 119.", "keep away and call 119"),
    ("违法建设的处置时限为15个工作日。", "违法建设：15个工作日"),
]


@pytest.mark.parametrize(("answer", "fact"), _SAID_OTHERWISE)
def test_a_fact_said_in_other_words_is_stated_in_other_words_only(answer: str, fact: str) -> None:
    assert states_in_other_words(answer, [[fact]])
    assert not states(answer, [[fact]])


@pytest.mark.parametrize(
    ("answer", "fact"),
    [
        # a related answer without the fact's words
        (
            "Buy gas only from licensed suppliers and don't stockpile.",
            "keep only the cylinder in use",
        ),
        # none of the fact's words
        ("Rubber hoses must be fixed with clamps.", "no longer than 2 metres"),
        # a single word must be there as written
        ("Call the hotline.", "12345"),
        ("燃气泄漏时要开窗通风。", "不要乘坐电梯"),
    ],
)
def test_an_answer_without_most_of_the_fact_s_words_does_not_state_it(
    answer: str, fact: str
) -> None:
    assert not states_in_other_words(answer, [[fact]])


def test_every_fact_is_still_needed_in_other_words() -> None:
    facts = [["leave by the stairs"], ["call 119 from outside"]]
    assert not states_in_other_words("Take the stairs and leave.", facts)
    assert states_in_other_words("Leave by the stairs, then call 119 once outside.", facts)
