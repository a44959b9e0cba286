"""`citybot assets import|export FILE`, `sample`, `show CODE`: the 部件 registry from the shell.

Import checks every record first and refuses the whole file, printing each problem with its
line; it is idempotent on the code (a record equal to the registered one changes nothing, one
that differs updates it). Export writes every registered asset, CSV or GeoJSON by the name.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from bot.cli.common import fail, run_async, settings_from
from bot.services import open_store
from storage.assets import AssetTicket, AssetView, asset_history, get_asset
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
    except ValueError as error:
        fail(str(error))
    try:
        records = read_asset_file(file, load_asset_classes())
    except UnicodeDecodeError:
        fail(f"{file.name}: not UTF-8 text (save it as CSV UTF-8, or GeoJSON)")
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


@assets_app.command("show")
def show(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="The asset's 17-digit code."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object."),
) -> None:
    """One asset and the tickets that carried its code (its history), the latest first."""
    found = run_async(_show(ctx, code))
    if found is None:
        fail(f"no asset {code.strip()}", code=1)
    asset, history = found
    kind = load_asset_classes().get(asset.asset_class)
    if as_json:
        tickets = [
            {**asdict(item), "created_at": item.created_at.isoformat(),
             "closed_at": item.closed_at.isoformat() if item.closed_at else None}
            for item in history
        ]  # fmt: skip
        typer.echo(json.dumps({**asdict(asset), "tickets": tickets}, ensure_ascii=False))
        return
    typer.echo(f"{asset.code}  {kind.zh if kind else asset.asset_class}  {asset.name}")
    typer.echo(f"  {asset.status}  {asset.department}  grid {asset.grid}  {asset.lat}, {asset.lon}")
    for item in history:
        typer.echo(f"  {item.number}  {item.created_at:%Y-%m-%d %H:%M}Z  {item.status}")
    typer.echo(f"  {len(history)} tickets")


async def _show(ctx: typer.Context, code: str) -> tuple[AssetView, list[AssetTicket]] | None:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work(read_only=True) as uow:
            asset = await get_asset(uow, code=code)
            return None if asset is None else (asset, await asset_history(uow, code=code))
    finally:
        await store.close()
