"""`citybot cylinders import FILE`: the LPG cylinder registry from the supervision platform.

The export (CSV; see the README for its columns) is checked whole first: a file with any
unfit row is refused, each problem printed with its line, and nothing is imported (exit
status 1). Importing is idempotent on the cylinder's code: a row equal to the stored one
changes nothing, a changed row updates it. `citybot cylinders check CODE` prints what a
resident scanning that code would be told, for an operator's spot check.
"""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.common import fail, run_async, settings_from
from bot.services import open_store
from storage.cylinders import (
    CylinderCheck,
    ImportCounts,
    RegistryProblems,
    RegistryRow,
    check_cylinder,
    import_registry,
    read_registry,
)

cylinders_app = typer.Typer(help="LPG cylinders (液化石油气钢瓶): the registry that scans check.")
FILE = typer.Argument(..., exists=True, dir_okay=False, help="The platform's CSV export.")
CODE = typer.Argument(..., help="The code on the cylinder's label.")


@cylinders_app.command("import")
def import_cylinders(
    ctx: typer.Context,
    file: Path = FILE,
) -> None:
    """Add or update the cylinders of FILE (all of them, or none if a row is unfit)."""
    try:
        rows = read_registry(file.read_bytes())
    except RegistryProblems as problems:
        for problem in problems.problems:
            typer.echo(f"{file.name}: {problem}", err=True)
        fail(f"{file.name}: nothing imported ({len(problems.problems)} problems)", code=1)
    counts = run_async(_import(ctx, rows))
    typer.echo(
        f"{file.name}: {counts.added} added, {counts.changed} changed, {counts.unchanged} unchanged"
    )


async def _import(ctx: typer.Context, rows: list[RegistryRow]) -> ImportCounts:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work() as uow:  # one transaction: the whole file or nothing
            return await import_registry(uow, rows=rows)
    finally:
        await store.close()


@cylinders_app.command("check")
def check(ctx: typer.Context, code: str = CODE) -> None:
    """What the registry says of CODE today: ok, or what is wrong (exit status 1)."""
    found = run_async(_check(ctx, code))
    if found.safe:
        typer.echo(f"{found.code}: ok ({found.supplier}, due {found.next_inspection_due})")
        return
    typer.echo(f"{found.code}: {', '.join(found.problems)}")
    raise typer.Exit(1)


async def _check(ctx: typer.Context, code: str) -> CylinderCheck:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work(read_only=True) as uow:
            return await check_cylinder(uow, code=code)
    finally:
        await store.close()
