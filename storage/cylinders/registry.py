"""The registry file the supervision platform exports (CSV): read and checked whole.

A file with any unfit row is refused whole: `read_registry` raises RegistryProblems listing
every problem with its line, so an operator fixes the file once instead of finding the
errors one import at a time. Headers may be the English column names or the platform's
Chinese ones; dates are YYYY-MM-DD (or YYYY/MM/DD); the file is UTF-8 (with or without a
BOM) or GB18030, which Chinese spreadsheets save by default.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "钢瓶编码", "钢瓶编号", "二维码", "气瓶编码"),
    "filling_station": ("filling_station", "充装站", "充装单位"),
    "supplier": ("supplier", "供应企业", "供气企业", "经营企业"),
    "licence_number": ("licence_number", "license_number", "许可证号", "燃气经营许可证号"),
    "last_inspection": ("last_inspection", "上次检验日期", "检验日期"),
    "next_inspection_due": ("next_inspection_due", "下次检验日期", "下次检验到期"),
    "scrap_date": ("scrap_date", "报废日期"),
}
"""Each field and the headers it may have in an export."""
REQUIRED = ("code", "filling_station", "supplier", "next_inspection_due")
CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]{0,63}")
"""What a cylinder's code looks like: letters, digits and . _ / - (as the labels print it)."""
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class RegistryRow:
    """One cylinder as the file gives it."""

    code: str
    filling_station: str
    supplier: str
    licence_number: str | None
    last_inspection: date | None
    next_inspection_due: date
    scrap_date: date | None


class RegistryProblems(ValueError):
    """The file is refused: each problem as "line N: what is wrong"."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems: " + "; ".join(problems[:5]))


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise RegistryProblems(["line 1: the file is neither UTF-8 nor GB18030 text"]) from None


def read_registry(data: bytes) -> list[RegistryRow]:
    """Every row of the file, checked; RegistryProblems if anything is unfit."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    header = next(reader, None)
    if header is None:
        raise RegistryProblems(["line 1: the file is empty"])
    positions, problems = _header_positions(header)
    if problems:
        raise RegistryProblems(problems)
    rows: list[RegistryRow] = []
    first_line: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        values = {field: _cell(cells, index) for field, index in positions.items()}
        row, row_problems = _row(values)
        problems.extend(f"line {line}: {problem}" for problem in row_problems)
        if row is None:
            continue
        if row.code in first_line:
            problems.append(f"line {line}: code {row.code} repeats line {first_line[row.code]}")
            continue
        first_line[row.code] = line
        rows.append(row)
    if problems:
        raise RegistryProblems(problems)
    if not rows:
        raise RegistryProblems(["line 2: the file has no cylinders"])
    return rows


def _header_positions(header: list[str]) -> tuple[dict[str, int], list[str]]:
    names = [cell.strip().lower() for cell in header]
    positions: dict[str, int] = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in names:
                positions[field] = names.index(alias.lower())
                break
    missing = [field for field in REQUIRED if field not in positions]
    problems = [f"line 1: no column {field} ({' / '.join(COLUMNS[field])})" for field in missing]
    return positions, problems


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _row(values: dict[str, str]) -> tuple[RegistryRow | None, list[str]]:
    problems: list[str] = []
    code = values.get("code", "")
    if not CODE.fullmatch(code):
        problems.append(f"code {code!r} is not a cylinder code (letters, digits, . _ / -)")
    texts = {}
    for field in ("filling_station", "supplier", "licence_number"):
        text = values.get(field, "")
        if len(text) > MAX_TEXT:
            problems.append(f"{field} is longer than {MAX_TEXT} characters")
        texts[field] = text
    for field in ("filling_station", "supplier"):
        if not texts[field]:
            problems.append(f"{field} is empty")
    dates: dict[str, date | None] = {}
    for field in ("last_inspection", "next_inspection_due", "scrap_date"):
        dates[field], problem = _date(values.get(field, ""), field)
        if problem:
            problems.append(problem)
    due, last = dates["next_inspection_due"], dates["last_inspection"]
    if not values.get("next_inspection_due"):
        problems.append("next_inspection_due is empty")
    if due is not None and last is not None and last > due:
        problems.append(f"last_inspection {last} is after next_inspection_due {due}")
    if problems or due is None:
        return None, problems
    row = RegistryRow(
        code=code,
        filling_station=texts["filling_station"],
        supplier=texts["supplier"],
        licence_number=texts["licence_number"] or None,
        last_inspection=last,
        next_inspection_due=due,
        scrap_date=dates["scrap_date"],
    )
    return row, []


def _date(text: str, field: str) -> tuple[date | None, str | None]:
    if not text:
        return None, None
    try:
        return date.fromisoformat(text.replace("/", "-")), None
    except ValueError:
        return None, f"{field} {text!r} is not a date (YYYY-MM-DD)"
