"""`citybot tickets …`: the queue, one ticket, and CSV exports, for operators."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.cli.common import fail, run_async, settings_from
from bot.export import write_tickets_csv
from bot.messages import DEFAULT_LANGUAGE, LANGUAGES, t
from bot.services import open_store
from storage import QueueFilter, Status, StoreError
from storage.db.clock import as_utc
from storage.tickets import Page, lookups
from storage.tickets.serialize import detail_as_dict, ticket_as_dict

tickets_app = typer.Typer(help="Work orders (工单): list, show, export.", no_args_is_help=True)


class ExportFormat(StrEnum):
    """Formats `tickets export` writes."""

    CSV = "csv"


def _parse_day(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        fail(f"{option}: {value!r} is not a date like 2026-11-01")


def _database_errors(exc: Exception) -> None:
    fail(f"cannot read the database ({type(exc).__name__}); did you run `citybot db upgrade`?")


@tickets_app.command("list")
def list_tickets(
    ctx: typer.Context,
    status: list[Status] = typer.Option([], "--status", help="Only these statuses (repeatable)."),
    category: str | None = typer.Option(None, "--category", help="Category code, e.g. sanitation."),
    department: str | None = typer.Option(None, "--department"),
    overdue: bool = typer.Option(False, "--overdue", help="Only open tickets past their deadline."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="One JSON object with the page."),
) -> None:
    """The queue of open tickets (or the given statuses), most urgent first."""
    settings = settings_from(ctx)
    store = open_store(settings)
    if category and category not in store.catalog.categories:
        fail(f"--category: unknown {category!r}; known: {', '.join(store.catalog.categories)}")
    filters = QueueFilter(
        statuses=[s.value for s in status],
        category=category,
        department=department,
        overdue=overdue,
    )

    async def fetch() -> Page:
        try:
            async with store.unit_of_work(read_only=True) as uow:
                return await lookups.list_queue(
                    uow, filters=filters, limit=limit, offset=offset, with_total=True
                )
        finally:
            await store.close()

    try:
        page = run_async(fetch())
    except (OperationalError, DBAPIError) as exc:
        _database_errors(exc)
    lang = settings.default_language
    if as_json:
        payload = {
            "total": page.total,
            "offset": page.offset,
            "has_more": page.has_more,
            "tickets": [
                ticket_as_dict(ticket, store.catalog, lang=lang) for ticket in page.tickets
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not page.tickets:
        typer.echo(t("cli.queue_empty", lang))
        return
    table = Table(show_lines=False)
    for column in ("编号 number", "状态 status", "类别 category", "期限 deadline"):
        table.add_column(column, no_wrap=True)
    table.add_column("地点 place", overflow="fold")
    now = store.clock()
    for ticket in page.tickets:
        late = " ⚠" if ticket.is_open and ticket.deadline < now else ""
        place = ticket.address or (
            f"{ticket.latitude:.5f},{ticket.longitude:.5f}" if ticket.latitude is not None else ""
        )
        table.add_row(
            ticket.number,
            ticket.status,
            store.catalog.get(ticket.category).name(lang),
            ticket.deadline.astimezone(store.catalog.timezone).strftime("%Y-%m-%d %H:%M") + late,
            place,
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    typer.echo(t("cli.tickets_total", lang, count=page.total))


@tickets_app.command("show")
def show_ticket(
    ctx: typer.Context,
    number: str = typer.Argument(..., help="The public number, e.g. CG-20261123-0007."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One ticket with its timeline and photos."""
    settings = settings_from(ctx)
    store = open_store(settings)

    async def fetch() -> dict[str, object]:
        try:
            async with store.unit_of_work(read_only=True) as uow:
                detail = await lookups.get_detail(uow, number=number)
            return detail_as_dict(detail, store.catalog, lang=settings.default_language)
        finally:
            await store.close()

    try:
        data = run_async(fetch())
    except StoreError as exc:
        fail(str(exc), code=1)
    except (OperationalError, DBAPIError) as exc:
        _database_errors(exc)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in (
        "number",
        "status",
        "category_name",
        "priority",
        "department_name",
        "deadline",
        "address",
        "description",
        "also_reported",
        "rating",
        "asset_code",
    ):
        if data.get(key) not in (None, ""):
            typer.echo(f"{key:>16}: {data[key]}")
    typer.echo("        timeline:")
    for event in data["timeline"]:  # type: ignore[attr-defined]
        note = f"  {event['note']}" if event["note"] else ""
        moved = f"{event['from'] or '-'} -> {event['to']}"
        typer.echo(f"  {event['at'][:16]}  {event['action']:<8} {moved}{note}")


@tickets_app.command("export")
def export_tickets(
    ctx: typer.Context,
    export_format: ExportFormat = typer.Option(ExportFormat.CSV, "--format"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write; default stdout."
    ),
    since: str | None = typer.Option(None, "--since", help="Filed on or after this date."),
    until: str | None = typer.Option(None, "--until", help="Filed before this date."),
    lang: str = typer.Option(
        DEFAULT_LANGUAGE, "--lang", help=f"Headers and words in: {', '.join(LANGUAGES)}."
    ),
) -> None:
    """Every ticket (of a period) as CSV, UTF-8 with BOM so Excel shows the Chinese text:
    headers, statuses and priorities in --lang (Chinese by default), times local."""
    if lang not in LANGUAGES:
        fail(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    settings = settings_from(ctx)
    store = open_store(settings)
    start, end = _parse_day(since, "--since"), _parse_day(until, "--until")

    async def export(out: TextIO) -> int:
        try:
            async with store.unit_of_work(read_only=True) as uow:
                records = lookups.export_records(uow, since=start, until=end)
                return await write_tickets_csv(records, store.catalog, out, lang=lang)
        finally:
            await store.close()

    try:
        if output is None:
            sys.stdout.flush()
            with open(
                sys.stdout.fileno(), "w", encoding="utf-8-sig", newline="", closefd=False
            ) as stream:
                run_async(export(stream))
        else:
            with output.open("w", encoding="utf-8-sig", newline="") as handle:
                count = run_async(export(handle))
            typer.echo(f"wrote {count} ticket(s) to {output}", err=True)
    except (OperationalError, DBAPIError) as exc:
        _database_errors(exc)
