"""What the YAML and CSV readers hand to the validator: values with the line they came from.

Both readers turn a file into `RawQuestion`s without judging them (beyond their shape); one
validator (`validate.py`) then applies the rules of a `Policy`, so a CSV row and a YAML
mapping get the same checks and the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from knowledge.quiz.model import BANK_MAX_OPTIONS, MAX_OPTIONS

LANGS: Final = ("zh", "en")
SCALAR_FIELDS: Final = ("id", "topic", "level", "answer", "source")
TEXT_FIELDS: Final = ("question", "explanation")
FIELDS: Final = ("id", "topic", "level", "question", "options", "answer", "explanation", "source")

MAX_UPLOAD_BYTES: Final = 256 * 1024
MAX_UPLOAD_QUESTIONS: Final = 200


@dataclass(frozen=True, slots=True)
class Cell:
    """One value read from a file and the 1-based line it is on."""

    value: str | int
    line: int


LocalCells = dict[str, Cell]  # language ("zh", "en") -> its text


@dataclass(slots=True)
class RawQuestion:
    """One question as read, before any rule is applied."""

    line: int
    scalars: dict[str, Cell] = field(default_factory=dict)  # id, topic, level, answer, source
    texts: dict[str, LocalCells] = field(default_factory=dict)  # question, explanation
    options: list[LocalCells] = field(default_factory=list)
    options_line: int = 0
    answer_base: int = 0  # YAML counts options from 0, CSV (for teachers) from 1
    present: set[str] = field(default_factory=set)  # the fields the file gives
    broken: bool = False  # the reader already reported a problem that makes it unusable
    unreadable: bool = False  # not a question at all (e.g. a bare string): nothing to check


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules a question file is checked against."""

    strict: bool  # the shipped bank: ids, topic, level, source, English and explanation required
    max_options: int = MAX_OPTIONS
    corpus: frozenset[str] | None = None  # document names `source` must be one of, if given
    max_questions: int | None = None


def bank_policy(corpus: frozenset[str]) -> Policy:
    """The shipped bank's rules, with sources checked against the corpus documents."""
    return Policy(strict=True, max_options=BANK_MAX_OPTIONS, corpus=corpus)


UPLOAD_POLICY: Final = Policy(strict=False, max_questions=MAX_UPLOAD_QUESTIONS)
