"""What a check of a question file can find wrong: each problem has a line, a code and params.

The English text of every problem code lives here (knowledge/ cannot import the bot's message
catalogue); the gettext catalogue has each code as `quiz.problem.<code>` in Chinese and
English (bot/messages/quiz_problems.py), so a handler can show a teacher the problems in the
chat's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from knowledge.errors import KnowledgeError

TEMPLATES: Final[Mapping[str, str]] = {
    # the file as a whole
    "file_too_big": "the file is {size_kb} KB; the limit is {limit_kb} KB",
    "file_type": "cannot read {name}: send a .csv or .yaml file (in Excel: Save As → CSV UTF-8)",
    "not_utf8": "the file is not UTF-8 text (in Excel: Save As → CSV UTF-8)",
    "file_empty": "the file has no questions",
    "too_many": "the file has {count} questions; the limit is {limit}",
    "yaml_syntax": "YAML syntax error: {detail}",
    "yaml_layout": "the file must be a list of questions, or a mapping with a 'questions' list",
    "csv_syntax": "CSV error: {detail}",
    "csv_header": "unknown column '{column}' in the header",
    "csv_missing_column": "the header has no '{column}' column",
    "csv_columns": "this row has {count} columns; the header has {expected}",
    "topic_file": "topic '{topic}' does not match the file name '{file}'",
    # one question
    "not_mapping": "a question must be a mapping of fields (question, options, answer…)",
    "field_missing": "missing field '{field}'",
    "field_unknown": "unknown field '{field}'",
    "field_repeated": "field '{field}' is given twice",
    "text_type": "'{field}' must be text, or a mapping of zh and en texts",
    "scalar_type": "'{field}' must be a single value",
    "options_type": "'options' must be a list of options",
    "lang_unknown": "unknown language '{lang}'; use zh and en",
    "id_format": "id '{id}' must be 1 to 40 characters of a-z, 0-9, '-' and '_'",
    "id_duplicate": "id '{id}' is already used at {where}",
    "question_duplicate": "the same question as line {first}",
    "topic_unknown": "unknown topic '{topic}'; known topics: {known}",
    "level_unknown": "unknown level '{level}'; use child or adult",
    "source_unknown": "source '{source}' is not a document in the corpus",
    "question_missing": "the question has no {lang} text",
    "question_too_long": "the question ({lang}) is {length} characters; the limit is {limit}",
    "options_count": "the question has {count} options; use {min} to {max}",
    "option_missing": "option {number} has no {lang} text",
    "option_too_long": "option {number} ({lang}) is {length} characters; the limit is {limit}",
    "option_duplicate": "option {number} ({lang}) repeats option {first}",
    "answer_range": "answer '{answer}' is not an option number from {first} to {last}",
    "explanation_missing": "the explanation has no {lang} text",
    "explanation_too_long": "the explanation ({lang}) is {length} characters; the limit is {limit}",
    "explanation_lines": "the explanation ({lang}) has {count} line breaks; Telegram allows 2",
}

Param = str | int


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a question file, at a 1-based line (0: the file as a whole)."""

    line: int
    message: str
    code: str = ""
    params: Mapping[str, Param] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def problem(line: int, code: str, /, **params: Param) -> Problem:
    """A Problem with its English message rendered from the template of `code`."""
    return Problem(line, TEMPLATES[code].format(**params), code, params)


def by_line(problems: list[Problem]) -> list[Problem]:
    """The problems in file order (stable for problems on the same line)."""
    return sorted(problems, key=lambda p: p.line)


class QuizError(KnowledgeError):
    """Base class of the quiz bank's errors."""


class BankError(QuizError):
    """The shipped question bank does not validate; carries every problem, by file."""

    def __init__(self, problems: Mapping[str, list[Problem]]) -> None:
        count = sum(len(found) for found in problems.values())
        first = next((f"{name}: {found[0]}" for name, found in problems.items() if found), "")
        super().__init__(f"the question bank has {count} problem(s), first {first}")
        self.problems = dict(problems)
