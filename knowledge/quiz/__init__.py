"""The safety quiz's question bank: bilingual questions, their checks, and teachers' uploads.

Use `load_bank()` for the shipped bank (validated once, cached) and `QuestionBank.pick()` for
a round; `parse_upload()` checks a teacher's CSV or YAML file and lists each problem by line.
No Telegram here: handlers turn `Question`s into polls and `Problem`s into replies (their
codes have texts in both languages as `quiz.problem.<code>` in the message catalogue).
"""

from __future__ import annotations

from knowledge.quiz.loading import (
    BANK_DIR,
    CORPUS_DIR,
    BankReport,
    corpus_names,
    load_bank,
    parse_bank_file,
    parse_upload,
    read_bank,
)
from knowledge.quiz.model import (
    EXPLANATION_LIMIT,
    LEVELS,
    OPTION_LIMIT,
    QUESTION_LIMIT,
    TOPICS,
    UPLOAD_TOPIC,
    Question,
    QuestionBank,
    Text,
)
from knowledge.quiz.problems import TEMPLATES, BankError, Problem, QuizError
from knowledge.quiz.raw import MAX_UPLOAD_BYTES, MAX_UPLOAD_QUESTIONS

__all__ = [
    "BANK_DIR",
    "CORPUS_DIR",
    "EXPLANATION_LIMIT",
    "LEVELS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_QUESTIONS",
    "OPTION_LIMIT",
    "QUESTION_LIMIT",
    "TEMPLATES",
    "TOPICS",
    "UPLOAD_TOPIC",
    "BankError",
    "BankReport",
    "Problem",
    "Question",
    "QuestionBank",
    "QuizError",
    "Text",
    "corpus_names",
    "load_bank",
    "parse_bank_file",
    "parse_upload",
    "read_bank",
]
