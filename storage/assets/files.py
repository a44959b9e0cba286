"""The registry's files: CSV (UTF-8, with or without BOM) and GeoJSON (Point features).

Every row is checked before any is imported; each problem names its line (a CSV's header is
line 1; a GeoJSON feature's line is where it begins). Columns, or a feature's properties:
code, class, class_name, name, department, grid, status, latitude, longitude (a CSV's; a
feature has its Point), address, installed_on, changed_on, sample. Only code and the place are
required; `class`, when given, must be the code's; `class_name` is for people and not read.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from zhconv import convert

from storage.assets.classes import AssetClasses
from storage.assets.codes import BadAssetCode, parse_code
from storage.assets.registry import AssetRecord
from storage.db.types import clean_text

COLUMNS = (
    "code", "class", "class_name", "name", "department", "grid", "status",
    "latitude", "longitude", "address", "installed_on", "changed_on", "sample",
)  # fmt: skip
STATUS_WORDS = {
    "完好": "intact",
    "破损": "damaged",
    "丢失": "lost",
    "废弃": "abandoned",
    "移除": "removed",
}
STATUS_NAMES = {code: word for word, code in STATUS_WORDS.items()}
GRID = re.compile(r"[0-9A-Za-z_-]{0,32}")
LIMITS = {"name": 200, "department": 200, "address": 500}
BAD_GEOMETRY = "\0geometry"
TRUE, FALSE = {"1", "true", "yes", "y", "是"}, {"", "0", "false", "no", "n", "否"}


class AssetFileProblems(Exception):
    """The file holds unfit records; `problems` lists each with its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def file_format(path: Path) -> str:
    """csv or geojson, by the file's name; ValueError for anything else."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".geojson", ".json"):
        return "geojson"
    raise ValueError(f"{path.name}: a registry file is .csv or .geojson")


def read_asset_file(path: Path, classes: AssetClasses) -> list[AssetRecord]:
    """The checked records of a CSV or GeoJSON file; AssetFileProblems if any is unfit."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = _csv_rows(text) if file_format(path) == "csv" else _geojson_rows(text)
    return check_rows(rows, classes)


def check_rows(
    rows: Iterator[tuple[str, dict[str, Any]]], classes: AssetClasses
) -> list[AssetRecord]:
    """Records from (where, fields) pairs; every problem of every row is gathered."""
    problems: list[str] = []
    records: list[AssetRecord] = []
    seen: dict[str, str] = {}
    try:
        for where, row in rows:
            if row.get(BAD_GEOMETRY):
                problems.append(f"{where}: the geometry must be a Point [longitude, latitude]")
                continue
            try:
                record = to_record(row, classes)
            except ValueError as error:
                problems.append(f"{where}: {error}")
                continue
            if record.code in seen:
                problems.append(f"{where}: code {record.code} is also on {seen[record.code]}")
                continue
            seen[record.code] = where
            records.append(record)
    except ValueError as error:  # the file as a whole cannot be read
        problems.append(str(error))
    if problems:
        raise AssetFileProblems(problems)
    return records


def to_record(row: dict[str, Any], classes: AssetClasses) -> AssetRecord:
    """One checked record; ValueError naming what is wrong."""
    code = _text(row, "code")
    try:
        parts = parse_code(code, classes)
    except BadAssetCode as error:
        raise ValueError(str(error)) from None
    given = _text(row, "class")
    if given:
        named = classes.find(given)
        if named is None or named.code != parts.class_code:
            raise ValueError(f"class {given!r} is not the code's class {parts.class_code}")
    status = _status(_text(row, "status"))
    grid = _text(row, "grid")
    if not GRID.fullmatch(grid):
        raise ValueError(f"grid {grid!r}: up to 32 letters, digits, '-' or '_'")
    words = {name: _text(row, name) for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(words[name]) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
    return AssetRecord(
        code=code.strip(),
        latitude=_number(row, "latitude", 90),
        longitude=_number(row, "longitude", 180),
        name=words["name"],
        department=words["department"],
        grid=grid,
        status=status,
        address=words["address"] or None,
        installed_on=_date(row, "installed_on"),
        changed_on=_date(row, "changed_on"),
        sample=_flag(row, "sample"),
    )


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    return "" if value is None else clean_text(str(value)).strip()


def _status(word: str) -> str:
    if not word:
        return "intact"
    folded = str(convert(word, "zh-cn")).lower()
    if folded in STATUS_NAMES:
        return folded
    if folded in STATUS_WORDS:
        return STATUS_WORDS[folded]
    raise ValueError(
        f"status {word!r}: one of {', '.join(STATUS_WORDS)} (or {', '.join(STATUS_NAMES)})"
    )


def _number(row: dict[str, Any], name: str, bound: float) -> float:
    value = row.get(name)
    try:
        number = float(str(value).strip()) if value not in (None, "") else math.nan
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a number") from None
    if not math.isfinite(number) or not -bound <= number <= bound:
        raise ValueError(f"{name} {value!r} is missing or outside -{bound}..{bound}")
    return number


def _date(row: dict[str, Any], name: str) -> date | None:
    text = _text(row, name).replace("/", "-")
    if not text:
        return None
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a date (YYYY-MM-DD)") from None


def _flag(row: dict[str, Any], name: str) -> bool:
    value = row.get(name)
    if isinstance(value, bool):
        return value
    text = _text(row, name).lower()
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise ValueError(f"{name} {value!r}: true or false")


def _csv_rows(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "code" not in reader.fieldnames:
        raise ValueError("line 1: the header must name the columns (code, latitude, longitude, …)")
    start = 2
    for row in reader:
        yield f"line {start}", row
        start = reader.line_num + 1


def _geojson_rows(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"line {error.lineno}: not JSON ({error.msg})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValueError("line 1: a GeoJSON FeatureCollection has a list of features")
    lines = _feature_lines(text, features)
    for number, feature in enumerate(features):
        where = f"line {lines[number]}" if lines else f"feature {number + 1}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not isinstance(coordinates, list)
            or len(coordinates) < 2
        ):
            yield where, {"code": _code_of(feature), BAD_GEOMETRY: True}
            continue
        properties = feature.get("properties") or {}
        yield where, {**properties, "longitude": coordinates[0], "latitude": coordinates[1]}


def _code_of(feature: object) -> object:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return properties.get("code") if isinstance(properties, dict) else None


def _feature_lines(text: str, features: list[Any]) -> list[int]:
    """The line each feature begins on; [] if the text is laid out in a way not followed."""
    found = re.search(r'"features"\s*:\s*\[', text)
    if found is None:
        return []
    decoder, at, lines = json.JSONDecoder(), found.end(), []
    for feature in features:
        at = _skip(text, at)
        try:
            value, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError:
            return []
        if value != feature:
            return []
        lines.append(text.count("\n", 0, at) + 1)
        at = _skip(text, end)
        if at < len(text) and text[at] == ",":
            at += 1
    return lines


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def write_asset_file(path: Path, records: Sequence[AssetRecord], classes: AssetClasses) -> None:
    """Write the records as CSV (UTF-8 with BOM, for Excel) or GeoJSON, by the file's name."""
    rows = [_row(record, classes) for record in records]
    if file_format(path) == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "sample": "true" if row["sample"] else "false"})
        return
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [row.pop("longitude"), row.pop("latitude")],
            },
            "properties": row,
        }
        for row in rows
    ]
    with path.open("w", encoding="utf-8") as out:  # a feature a line: problems name lines
        out.write('{"type": "FeatureCollection", "features": [\n')
        out.write(",\n".join(json.dumps(f, ensure_ascii=False) for f in features))
        out.write("\n]}\n")


def _row(record: AssetRecord, classes: AssetClasses) -> dict[str, Any]:
    kind = classes.get(record.class_code)
    return {
        "code": record.code,
        "class": record.class_code,
        "class_name": kind.zh if kind else "",
        "name": record.name,
        "department": record.department,
        "grid": record.grid,
        "status": STATUS_NAMES[record.status],
        "latitude": record.latitude,
        "longitude": record.longitude,
        "address": record.address or "",
        "installed_on": record.installed_on.isoformat() if record.installed_on else "",
        "changed_on": record.changed_on.isoformat() if record.changed_on else "",
        "sample": record.sample,
    }
