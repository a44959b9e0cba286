"""`citybot assets import|export FILE`, `citybot assets sample`: the 部件 registry's files.

Import checks every record first and refuses the whole file, printing each problem with its
line; it is idempotent on the code (a record equal to the registered one changes nothing, one
that differs updates it). Export writes every registered asset, CSV or GeoJSON by the name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from bot.cli.common import fail, run_async, settings_from
from bot.services import open_store
from storage.assets.classes import load_asset_classes
from storage.assets.files import AssetFileProblems, file_format, read_asset_file, write_asset_file
from storage.assets.registry import AssetRecord, export_assets, import_assets
from storage.assets.sample import sample_path

assets_app = typer.Typer(help="管理部件 registry (GB/T 30428): import and export, CSV or GeoJSON.")
FILE_HELP = "A .csv (UTF-8) or .geojson file; see the README for its columns."


@assets_app.command("import")
def import_file(
    ctx: typer.Context, file: Path = typer.Argument(..., exists=True, help=FILE_HELP)
) -> None:
    """Add or update the assets of FILE by their codes (all of them, or none if one is unfit)."""
    _import_path(ctx, file)


@assets_app.command("sample")
def import_sample(ctx: typer.Context) -> None:
    """Import the shipped sample (generated, not a survey): three streets of 白云区."""
    _import_path(ctx, sample_path())


def _import_path(ctx: typer.Context, file: Path) -> None:
    try:
        file_format(file)
        records = read_asset_file(file, load_asset_classes())
    except (ValueError, UnicodeDecodeError) as error:
        fail(f"{file.name}: {error}")
    except AssetFileProblems as problems:
        for problem in problems.problems:
            typer.echo(f"{file.name}: {problem}", err=True)
        fail(f"{file.name}: nothing imported ({len(problems.problems)} problems)", code=1)
    counts = run_async(_import(ctx, records))
    typer.echo(
        f"{file.name}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged"
    )


async def _import(ctx: typer.Context, records: list[AssetRecord]) -> dict[Any, int]:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work() as uow:  # one transaction: the whole file or nothing
            return dict(await import_assets(uow, records=records))
    finally:
        await store.close()


@assets_app.command("export")
def export_file(ctx: typer.Context, file: Path = typer.Argument(..., help=FILE_HELP)) -> None:
    """Write every registered asset to FILE."""
    try:
        file_format(file)
    except ValueError as error:
        fail(str(error))
    count = run_async(_export(ctx, file))
    typer.echo(f"{file.name}: {count} assets")


async def _export(ctx: typer.Context, file: Path) -> int:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work(read_only=True) as uow:
            records = await export_assets(uow)
    finally:
        await store.close()
    write_asset_file(file, records, load_asset_classes())
    return len(records)
