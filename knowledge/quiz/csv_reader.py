"""Read a teacher's CSV question file into raw questions, one row per question.

Format (what Excel's "CSV UTF-8" gives): a header row naming the columns, then one question
per row. Required columns: question, option1, option2, answer; optional: option3…option6,
explanation, level (child/adult), and English versions question_en, option1_en…option6_en,
explanation_en. Chinese headers work too (题目, 选项1…选项6, 答案, 解析, 级别; in traditional
characters as well: 題目, 選項1). `answer` counts
from 1 (1 = option1) or is a letter (A = option1). Without a header row, the columns are
question, option1…option6, answer, explanation, in that order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Final

from zhconv import convert

from knowledge.quiz.problems import Problem, problem
from knowledge.quiz.raw import Cell, LocalCells, RawQuestion

OPTION_COLUMNS: Final = 6
DEFAULT_COLUMNS: Final = (
    "question",
    *(f"option{n}" for n in range(1, OPTION_COLUMNS + 1)),
    "answer",
    "explanation",
)
REQUIRED_COLUMNS: Final = ("question", "option1", "option2", "answer")
_ALIASES: Final = {
    "题目": "question",
    "问题": "question",
    "答案": "answer",
    "正确答案": "answer",
    "解析": "explanation",
    "解释": "explanation",
    "级别": "level",
    **{f"选项{n}": f"option{n}" for n in range(1, OPTION_COLUMNS + 1)},
}
KNOWN_COLUMNS: Final = frozenset(
    {
        *DEFAULT_COLUMNS,
        "level",
        "question_en",
        "explanation_en",
        *(f"option{n}_en" for n in range(1, OPTION_COLUMNS + 1)),
    }
)


def _column(name: str) -> str:
    key = str(convert(name.replace("\ufeff", "").strip().lower().replace(" ", ""), "zh-hans"))
    return _ALIASES.get(key, key)


def _raw(line: int, row: dict[str, str]) -> RawQuestion:
    def local(name: str) -> LocalCells:
        cells = {"zh": Cell(row.get(name, ""), line)}
        if row.get(f"{name}_en", "").strip():
            cells["en"] = Cell(row[f"{name}_en"], line)
        return cells

    raw = RawQuestion(line=line, answer_base=1, options_line=line)
    raw.present.update(
        name for name in ("question", "answer", "level", "explanation") if name in row
    )
    raw.present.add("options")
    raw.scalars["answer"] = Cell(row.get("answer", ""), line)
    if row.get("level", "").strip():
        raw.scalars["level"] = Cell(row["level"], line)
    raw.texts["question"] = local("question")
    if "explanation" in row:
        raw.texts["explanation"] = local("explanation")
    names = [f"option{n}" for n in range(1, OPTION_COLUMNS + 1)]
    filled = [n for n, name in enumerate(names) if row.get(name, "").strip()]
    last = max(filled, default=-1)
    raw.options = [local(name) for name in names[: last + 1]]
    return raw


def _header(line: int, cells: list[str]) -> tuple[list[str], list[Problem]]:
    columns = [_column(cell) for cell in cells]
    while columns and not columns[-1]:
        columns.pop()
    problems = [
        problem(line, "csv_header", column=cell.strip())
        for cell, column in zip(cells, columns, strict=False)
        if column not in KNOWN_COLUMNS
    ]
    present = set(columns)
    problems += [
        problem(line, "csv_missing_column", column=name)
        for name in REQUIRED_COLUMNS
        if name not in present
    ]
    return columns, problems


def _rows(text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank row; a CSV syntax error ends the file."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(problem(reader.line_num or start, "csv_syntax", detail=str(exc)))
            return
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def read_csv(text: str) -> tuple[list[RawQuestion], list[Problem]]:
    """Raw questions of a CSV file, and the problems of its header and row shapes."""
    raws: list[RawQuestion] = []
    problems: list[Problem] = []
    columns: list[str] | None = None
    for line, cells in _rows(text, problems):
        if columns is None:
            if _column(cells[0]) == "question":
                columns, found = _header(line, cells)
                if found:
                    return [], found
                continue
            columns = list(DEFAULT_COLUMNS)
        extra = cells[len(columns) :]
        if len(cells) < len(columns) or any(cell.strip() for cell in extra):
            problems.append(problem(line, "csv_columns", count=len(cells), expected=len(columns)))
            continue
        raws.append(_raw(line, dict(zip(columns, cells, strict=False))))
    return raws, problems
