"""`citybot attendance …`: workers' areas and shifts from a CSV file, a day's attendance as CSV.

The file has a header and one row per worker: `user_id` (on the staff roster), `shift`
(08:30-17:30, optional), and an area: `latitude`, `longitude` and `radius_m`, or `grid`
(corners as "lat,lon; lat,lon; lat,lon; …"), with an optional `area_name`. Every row is
checked first: one bad row changes nothing, and each problem is printed with its line.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.attendance_export import write_attendance_csv
from bot.cli.common import fail, run_async, settings_from
from bot.messages import DEFAULT_LANGUAGE, LANGUAGES
from bot.services import open_store
from storage.attendance import Area, AttendanceProblem, ShiftTimes, circle, parse_shift, polygon
from storage.attendance import service as attendance

attendance_app = typer.Typer(
    help="Staff attendance (人员考勤): areas and shifts from a file; a day's attendance as CSV.",
    no_args_is_help=True,
)
COLUMNS = ("user_id", "shift", "latitude", "longitude", "radius_m", "grid", "area_name")


@dataclass(frozen=True)
class Row:
    """One worker's line of the file, read."""

    line: int
    user_id: int
    shift: ShiftTimes | None
    area: Area | None


class RowProblem(Exception):
    """A row of the file cannot be used; the message says why."""


def _area(cells: dict[str, str]) -> Area | None:
    name = cells.get("area_name") or None
    grid = cells.get("grid", "")
    if grid:
        try:
            corners = [
                (float(lat), float(lon))
                for lat, lon in (
                    pair.split(",") for pair in grid.replace("，", ",").split(";") if pair.strip()
                )
            ]
        except ValueError:
            raise RowProblem("grid: write its corners as 'lat,lon; lat,lon; lat,lon'") from None
        return polygon(corners, name)
    place = [cells.get(key, "") for key in ("latitude", "longitude", "radius_m")]
    if not any(place):
        return None
    try:
        lat, lon, radius = (float(value) for value in place)
    except ValueError:
        raise RowProblem("latitude, longitude and radius_m must all be numbers") from None
    return circle(lat, lon, radius, name)


def read_rows(text: str) -> tuple[list[Row], list[str]]:
    """The file's rows, and its problems (each with its line; the header is line 1)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in ("user_id",) if column not in (reader.fieldnames or [])]
    if missing:
        return [], [
            f"line 1: the header lacks {', '.join(missing)} (columns: {', '.join(COLUMNS)})"
        ]
    rows: list[Row] = []
    problems: list[str] = []
    for line, raw in enumerate(reader, start=2):
        cells = {key.strip(): (value or "").strip() for key, value in raw.items() if key}
        try:
            user = cells.get("user_id", "").lstrip("@")
            if not user.isdigit():
                raise RowProblem("user_id must be a Telegram user id (digits)")
            shift = parse_shift(cells["shift"]) if cells.get("shift") else None
            area = _area(cells)
            if shift is None and area is None:
                raise RowProblem("give a shift, an area, or both")
            rows.append(Row(line, int(user), shift, area))
        except (RowProblem, AttendanceProblem) as problem:
            problems.append(f"line {line}: {problem}")
    return rows, problems


class _Refused(Exception):
    pass


def _line_of(problem: str) -> int:
    number = problem.split(":", 1)[0].removeprefix("line ")
    return int(number) if number.isdigit() else 0


@attendance_app.command("import")
def import_assignments(
    ctx: typer.Context, file: Path = typer.Argument(..., help="A CSV file of areas and shifts.")
) -> None:
    """Set workers' areas and shifts from a CSV file (all rows, or none)."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read it as UTF-8 text ({type(exc).__name__})")
    rows, problems = read_rows(text)
    store = open_store(settings_from(ctx))

    async def apply() -> None:
        try:
            async with store.unit_of_work() as uow:
                for row in rows:
                    try:
                        if row.area is not None:
                            await attendance.set_area(
                                uow, by=None, user_id=row.user_id, area=row.area
                            )
                        if row.shift is not None:
                            await attendance.set_shift(
                                uow, by=None, user_id=row.user_id, shift=row.shift
                            )
                    except AttendanceProblem as problem:
                        problems.append(f"line {row.line}: {problem}")
                if problems:
                    raise _Refused  # rolls every row back
        finally:
            await store.close()

    if not problems:
        try:
            run_async(apply())
        except _Refused:
            pass
        except (OperationalError, DBAPIError) as exc:
            fail(f"cannot write the database ({type(exc).__name__}); run `citybot db upgrade`?")
    if problems:
        for problem in sorted(problems, key=_line_of):
            typer.echo(f"{file}: {problem}", err=True)
        typer.echo(f"nothing imported: {len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"imported {len(rows)} worker(s)")


@attendance_app.command("export")
def export_day(
    ctx: typer.Context,
    output: Path = typer.Argument(..., help="CSV file to write ('-' for standard output)."),
    day: str | None = typer.Option(
        None, "--date", help="The day, e.g. 2026-11-23 (default today)."
    ),
    lang: str = typer.Option(
        DEFAULT_LANGUAGE, "--lang", help=f"Headers and words in: {', '.join(LANGUAGES)}."
    ),
) -> None:
    """A day's attendance as CSV (UTF-8 with BOM, for Excel): who was on duty, late,
    outside their area, checked out, their hours; times in the bureau's time zone."""
    if lang not in LANGUAGES:
        fail(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    store = open_store(settings_from(ctx))
    try:
        wanted = (
            date.fromisoformat(day)
            if day
            else store.clock().astimezone(store.catalog.timezone).date()
        )
    except ValueError:
        fail(f"--date: {day!r} is not a date like 2026-11-23")

    async def fetch() -> tuple[str, int]:
        try:
            async with store.unit_of_work(read_only=True) as uow:
                lines = await attendance.list_day(uow, by=None, day=wanted)
        finally:
            await store.close()
        buffer = io.StringIO(newline="")
        count = write_attendance_csv(lines, wanted, store.catalog, buffer, lang=lang)
        return buffer.getvalue(), count

    try:
        text, count = run_async(fetch())
    except (OperationalError, DBAPIError) as exc:
        fail(f"cannot read the database ({type(exc).__name__}); did you run `citybot db upgrade`?")
    if str(output) == "-":
        sys.stdout.buffer.write(text.encode("utf-8-sig"))
        return
    output.write_bytes(text.encode("utf-8-sig"))
    typer.echo(f"wrote {count} worker(s) of {wanted} to {output}")
