"""The quiz's catalogue strings: one per problem code, topic and level, in step with knowledge/."""

from __future__ import annotations

import string

import pytest

from bot.messages import CATALOGUE, t
from bot.messages.quiz_problems import PROBLEM, problem_message, problem_text
from bot.messages.words import QUIZ_LEVEL, QUIZ_TOPIC
from knowledge.quiz import LEVELS, TEMPLATES, TOPICS, UPLOAD_TOPIC, parse_upload


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_problem_code_has_both_languages_and_the_same_english(code: str) -> None:
    texts = CATALOGUE[PROBLEM[code]]
    assert texts["en"] == TEMPLATES[code]
    assert _placeholders(texts["zh"]) == _placeholders(TEMPLATES[code])


def test_every_problem_topic_and_level_has_its_msgid() -> None:
    assert set(PROBLEM) == set(TEMPLATES)
    assert {*TOPICS, UPLOAD_TOPIC} <= set(QUIZ_TOPIC)
    assert set(QUIZ_LEVEL) == set(LEVELS)
    for key in (*PROBLEM.values(), *QUIZ_TOPIC.values(), *QUIZ_LEVEL.values()):
        assert key.startswith("quiz."), key


def test_a_problem_reads_in_the_chats_language() -> None:
    data = "question,option1,option2,answer\n问,甲,乙,3\n".encode()
    (problem,) = parse_upload(data, "c.csv")[1]
    assert problem_text(problem, "zh") == "第 2 行：答案“3”不是 1 到 2 之间的选项编号"
    assert problem_text(problem, "en-GB") == "line 2: " + problem.message == str(problem)
    assert problem_message(problem, "en") == problem.message
    assert t(QUIZ_TOPIC["lpg"], "ru") == "瓶装液化气"
