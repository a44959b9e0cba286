"""Small question files for the quiz tests, with every line number known."""

from __future__ import annotations

from string import Template

CORPUS = frozenset({"gas-leak-what-to-do.md", "lpg-cylinder-safe-use.md"})

# One valid bank question; the comments give each line's number (the file's first line is 1).
QUESTION = Template(
    """\
  - id: $id
    topic: $topic
    level: $level
    question:
      zh: $q_zh
      en: $q_en
    options:
      - {zh: $o1_zh, en: "$o1_en"}
      - {zh: $o2_zh, en: "$o2_en"}
    answer: $answer
    explanation:
      zh: $e_zh
      en: $e_en
    source: $source
"""
)
DEFAULTS = {
    "id": "gas_leak-01",
    "topic": "gas_leak",
    "level": "child",
    "q_zh": "闻到燃气味可以开灯吗？",
    "q_en": "May you switch on a light if you smell gas?",
    "o1_zh": "可以",
    "o1_en": "Yes",
    "o2_zh": "不可以",
    "o2_en": "No",
    "answer": "1",
    "e_zh": "开关电器可能产生火花。",
    "e_en": "A switch can make a spark.",
    "source": "gas-leak-what-to-do.md",
}
# Line numbers in a file made by `bank_file` (the header "questions:" is line 1).
LINE = {
    "id": 2,
    "topic": 3,
    "level": 4,
    "question": 5,
    "q_zh": 6,
    "q_en": 7,
    "options": 8,
    "option1": 9,
    "option2": 10,
    "answer": 11,
    "e_zh": 13,
    "e_en": 14,
    "source": 15,
}
QUESTION_LINES = 14


def question(**changes: str) -> str:
    """One question's YAML (14 lines), the defaults changed by `changes`."""
    return QUESTION.substitute({**DEFAULTS, **changes})


def bank_file(*questions: str) -> bytes:
    """A bank file: `questions:` then the given questions (one valid question if none)."""
    return ("questions:\n" + "".join(questions or (question(),))).encode()


def csv_file(
    *rows: str, header: str = "question,option1,option2,option3,answer,explanation"
) -> bytes:
    """A teacher's CSV: the header, then the rows, CRLF-terminated as Excel writes them."""
    return "\r\n".join([header, *rows, ""]).encode()
