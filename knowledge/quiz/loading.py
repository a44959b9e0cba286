"""Loading question files: the shipped bank (strict, cached) and teachers' uploads (limited)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Final

from knowledge.quiz.csv_reader import read_csv
from knowledge.quiz.model import TOPICS, Question, QuestionBank
from knowledge.quiz.problems import BankError, Problem, by_line, problem
from knowledge.quiz.raw import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_QUESTIONS,
    UPLOAD_POLICY,
    Policy,
    RawQuestion,
    bank_policy,
)
from knowledge.quiz.validate import check_questions
from knowledge.quiz.yaml_reader import read_yaml

BANK_DIR: Final = Path(__file__).parent / "bank"
CORPUS_DIR: Final = Path(__file__).parent.parent / "corpus"

Reader = Callable[[str], tuple[list[RawQuestion], list[Problem]]]
_READERS: Final[dict[str, Reader]] = {".csv": read_csv, ".yaml": read_yaml, ".yml": read_yaml}
SUFFIXES: Final = tuple(_READERS)


def corpus_names(corpus_dir: Path = CORPUS_DIR) -> frozenset[str]:
    """File names of the corpus documents a bank question may cite as `source`."""
    return frozenset(
        path.name
        for path in corpus_dir.iterdir()
        if path.is_file() and not path.name.startswith((".", "_"))
    )


def _decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM, as Excel writes, is dropped), or the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [problem(data[: exc.start].count(b"\n") + 1, "not_utf8")]


def parse_questions(
    data: bytes, filename: str, policy: Policy, *, seen: dict[str, str] | None = None
) -> tuple[list[Question], list[Problem]]:
    """The valid questions of one file (CSV or YAML by its suffix) and every problem, by line."""
    name = Path(filename).name
    reader = _READERS.get(Path(name).suffix.lower())
    if reader is None:
        return [], [problem(0, "file_type", name=name)]
    text, problems = _decode(data)
    if text is None:
        return [], problems
    raws, problems = reader(text)
    if policy.max_questions is not None and len(raws) > policy.max_questions:
        return [], [*problems, problem(0, "too_many", count=len(raws), limit=policy.max_questions)]
    questions, found = check_questions(raws, policy, name=name, seen=seen)
    problems += found
    if not raws and not problems:
        problems.append(problem(0, "file_empty"))
    return questions, by_line(problems)


def parse_upload(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_questions: int = MAX_UPLOAD_QUESTIONS,
) -> tuple[list[Question], list[Problem]]:
    """A teacher's CSV or YAML file: its valid questions and every problem (store if none)."""
    if len(data) > max_bytes:
        size_kb, limit_kb = math.ceil(len(data) / 1024), max_bytes // 1024
        return [], [problem(0, "file_too_big", size_kb=size_kb, limit_kb=limit_kb)]
    return parse_questions(data, filename, replace(UPLOAD_POLICY, max_questions=max_questions))


def parse_bank_file(
    data: bytes,
    filename: str,
    *,
    corpus: frozenset[str] | None = None,
    seen: dict[str, str] | None = None,
) -> tuple[list[Question], list[Problem]]:
    """One file of the bank under the bank's rules (a file named after a topic holds only it)."""
    policy = bank_policy(corpus_names() if corpus is None else corpus)
    questions, problems = parse_questions(data, filename, policy, seen=seen)
    stem = Path(filename).stem
    if stem in TOPICS:
        problems += [
            problem(q.line, "topic_file", topic=q.topic, file=Path(filename).name)
            for q in questions
            if q.topic != stem
        ]
    return questions, by_line(problems)


@dataclass(frozen=True)
class BankReport:
    """The result of checking a bank folder: the questions, and problems by file name."""

    bank: QuestionBank
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no file has a problem."""
        return not any(self.problems.values())


def read_bank(folder: Path = BANK_DIR, corpus_dir: Path = CORPUS_DIR) -> BankReport:
    """Check every *.yaml file of a bank folder together (ids must be unique across files)."""
    corpus = corpus_names(corpus_dir)
    seen: dict[str, str] = {}
    questions: list[Question] = []
    problems: dict[str, list[Problem]] = {}
    paths = sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml"))
    for path in paths:
        found_questions, found = parse_bank_file(
            path.read_bytes(), path.name, corpus=corpus, seen=seen
        )
        questions += found_questions
        problems[path.name] = found
    return BankReport(QuestionBank(questions), problems, tuple(path.name for path in paths))


@cache
def load_bank() -> QuestionBank:
    """The shipped question bank, checked once and cached; raises BankError if it is invalid."""
    report = read_bank(BANK_DIR, CORPUS_DIR)
    if not report.ok:
        raise BankError(report.problems)
    return report.bank
