"""A question file's problems in the teacher's language ("第 12 行：选项 3（zh）有 130 个字符").

Each problem code of `knowledge.quiz` has its msgid here (its English text is knowledge/'s
template; tests/unit/quiz/test_messages.py keeps the two in step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bot.messages import t, t_

if TYPE_CHECKING:
    from knowledge.quiz import Problem

PROBLEM: Final = {
    "answer_range": t_("quiz.problem.answer_range"),
    "csv_columns": t_("quiz.problem.csv_columns"),
    "csv_header": t_("quiz.problem.csv_header"),
    "csv_missing_column": t_("quiz.problem.csv_missing_column"),
    "csv_syntax": t_("quiz.problem.csv_syntax"),
    "explanation_lines": t_("quiz.problem.explanation_lines"),
    "explanation_missing": t_("quiz.problem.explanation_missing"),
    "explanation_too_long": t_("quiz.problem.explanation_too_long"),
    "field_missing": t_("quiz.problem.field_missing"),
    "field_repeated": t_("quiz.problem.field_repeated"),
    "field_unknown": t_("quiz.problem.field_unknown"),
    "file_empty": t_("quiz.problem.file_empty"),
    "file_too_big": t_("quiz.problem.file_too_big"),
    "file_type": t_("quiz.problem.file_type"),
    "id_duplicate": t_("quiz.problem.id_duplicate"),
    "id_format": t_("quiz.problem.id_format"),
    "lang_unknown": t_("quiz.problem.lang_unknown"),
    "level_unknown": t_("quiz.problem.level_unknown"),
    "not_mapping": t_("quiz.problem.not_mapping"),
    "not_utf8": t_("quiz.problem.not_utf8"),
    "option_duplicate": t_("quiz.problem.option_duplicate"),
    "option_missing": t_("quiz.problem.option_missing"),
    "option_too_long": t_("quiz.problem.option_too_long"),
    "options_count": t_("quiz.problem.options_count"),
    "options_type": t_("quiz.problem.options_type"),
    "question_duplicate": t_("quiz.problem.question_duplicate"),
    "question_missing": t_("quiz.problem.question_missing"),
    "question_too_long": t_("quiz.problem.question_too_long"),
    "scalar_type": t_("quiz.problem.scalar_type"),
    "source_unknown": t_("quiz.problem.source_unknown"),
    "text_type": t_("quiz.problem.text_type"),
    "too_many": t_("quiz.problem.too_many"),
    "topic_file": t_("quiz.problem.topic_file"),
    "topic_unknown": t_("quiz.problem.topic_unknown"),
    "yaml_layout": t_("quiz.problem.yaml_layout"),
    "yaml_syntax": t_("quiz.problem.yaml_syntax"),
}
"""The msgid of each problem code (knowledge.quiz.TEMPLATES)."""


def problem_message(problem: Problem, lang: str | None = None) -> str:
    """What is wrong, in `lang`, without the line: "选项 3（zh）有 130 个字符，上限是 100"."""
    key = PROBLEM.get(problem.code)
    if key is None:
        return problem.message
    return t(key, lang, **problem.params)


def problem_text(problem: Problem, lang: str | None = None) -> str:
    """A problem in `lang` with its line: "第 12 行：选项 3（zh）有 130 个字符，上限是 100"."""
    message = problem_message(problem, lang)
    if not problem.line:
        return message
    return t("quiz.problem.at_line", lang, line=problem.line, message=message)
