"""FAQ files for `citybot faq import|export`: CSV and Excel (.xlsx), one entry a row.

Columns: id, question, similar, answer_zh, answer_en, source, passage. `similar` holds one
similar question per line of its cell (Alt+Enter in Excel), because a question may itself
contain `|` or commas. A row is named by its line as a spreadsheet shows it: the header is
line 1. Reading checks every row and collects every problem; nothing is imported unless all
rows are fit.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from storage.faq import STAFF_SOURCE, FaqFields

COLUMNS: Final = ("id", "question", "similar", "answer_zh", "answer_en", "source", "passage")
REQUIRED: Final = ("id", "question", "answer_zh")
FORMATS: Final = (".csv", ".xlsx")
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_QUESTION: Final = 500
MAX_ANSWER: Final = 3500  # with its citation, a standard answer fits one Telegram message


class FaqFileProblems(Exception):
    """A file that cannot be imported: every problem, each with its line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a file: its line and its cells by column."""

    line: int
    cells: Mapping[str, str]


def file_format(path: Path) -> str:
    """'.csv' or '.xlsx' from the file name; ValueError for anything else."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: use a .csv or .xlsx file")
    return suffix


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores a typed 12 as 12.0
    return str(value).replace("\r\n", "\n").strip()


def _rows(table: list[list[str]]) -> list[Row]:
    if not table:
        raise FaqFileProblems(["line 1: the file is empty; the first row names the columns"])
    header = [name.strip().lower() for name in table[0]]
    problems = [f"line 1: unknown column {n!r}" for n in header if n and n not in COLUMNS]
    problems += [f"line 1: column {n!r} is missing" for n in REQUIRED if n not in header]
    if problems:
        raise FaqFileProblems(problems)
    rows = []
    for line, values in enumerate(table[1:], start=2):
        if not any(v.strip() for v in values):
            continue  # blank rows at the end of a sheet are no entries
        cells = {name: values[i] if i < len(values) else "" for i, name in enumerate(header)}
        rows.append(Row(line, cells))
    return rows


def read_rows(path: Path) -> list[Row]:
    """The data rows of a CSV or .xlsx file; FaqFileProblems if it cannot be read."""
    suffix = file_format(path)
    try:
        if suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            table = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text))]
        else:
            table = _xlsx_table(path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FaqFileProblems([f"{path.name}: cannot read it ({error})"]) from error
    return _rows(table)


def _xlsx_table(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise FaqFileProblems([f"{path.name}: not an Excel .xlsx file ({error})"]) from error
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def check_rows(
    rows: Sequence[Row], *, shipped: Mapping[str, FaqFields], sources: Collection[str]
) -> list[FaqFields]:
    """The entries of `rows`; FaqFileProblems listing every unfit row with its line.

    `sources` are the corpus documents an entry may cite; a shipped entry's id must keep
    what the shipped FAQ requires of it (knowledge/faq's rules, checked again on load)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    entries = []
    for row in rows:
        entry, found = _entry(row, sources)
        if entry.id in seen:
            found.append(f"id {entry.id} is already on line {seen[entry.id]}")
        seen.setdefault(entry.id, row.line)
        if entry.id in shipped and not found:
            found += _shipped_problems(entry, sources)
        problems += [f"line {row.line}: {problem}" for problem in found]
        entries.append(entry)
    if problems:
        raise FaqFileProblems(problems)
    return entries


def _entry(row: Row, sources: Collection[str]) -> tuple[FaqFields, list[str]]:
    get = row.cells.get
    entry = FaqFields(
        id=get("id", ""),
        question=get("question", ""),
        answer_zh=get("answer_zh", ""),
        answer_en=get("answer_en", ""),
        similar=tuple(s.strip() for s in get("similar", "").split("\n") if s.strip()),
        source=get("source", "") or STAFF_SOURCE,
        passage=get("passage", ""),
    )
    found = []
    if not entry.id:
        found.append("id is missing")
    elif not ID_PATTERN.fullmatch(entry.id):
        found.append(f"id {entry.id!r} may hold only letters, digits, '-', '_' and '.'")
    found += [f"{name} is missing" for name in ("question", "answer_zh") if not get(name, "")]
    for name, limit in (("question", MAX_QUESTION), ("answer_zh", MAX_ANSWER)):
        if len(get(name, "")) > limit:
            found.append(f"{name} is longer than {limit} characters")
    if len(entry.answer_en) > MAX_ANSWER:
        found.append(f"answer_en is longer than {MAX_ANSWER} characters")
    if entry.source != STAFF_SOURCE and entry.source not in sources:
        found.append(f"source {entry.source} is not a corpus document")
    return entry, found


def _shipped_problems(entry: FaqFields, sources: Collection[str]) -> list[str]:
    from bot.faq_live import to_entry
    from knowledge.answer.faq import FaqFileError, validate

    try:
        validate(to_entry(entry), sources=sources)
    except FaqFileError as error:
        # "FAQ: entry gas-1: answer.en is missing" → "answer.en is missing"
        return [str(error).split(": ", 2)[-1]]
    return []


def write_file(path: Path, entries: Sequence[FaqFields]) -> None:
    """Write `entries` to a CSV (UTF-8 with BOM, which Excel reads as such) or .xlsx file."""
    table = [list(COLUMNS)] + [
        [
            e.id,
            e.question,
            "\n".join(e.similar),
            e.answer_zh,
            e.answer_en,
            e.source,
            e.passage,
        ]
        for e in entries
    ]
    if file_format(path) == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(table)
        return
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "FAQ"
    for values in table:
        sheet.append(values)
    book.save(path)
