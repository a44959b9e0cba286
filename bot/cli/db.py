"""`citybot db …`: create or migrate the schema."""

from __future__ import annotations

import typer
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.cli.common import fail, run_async, settings_from
from storage.db.migrate import upgrade_database

db_app = typer.Typer(help="The database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(
    ctx: typer.Context,
    revision: str = typer.Argument("head", help="Target revision (default: the newest)."),
) -> None:
    """Create the schema, or migrate it to the newest revision."""
    settings = settings_from(ctx)
    try:
        before, after = run_async(upgrade_database(settings.database_url, revision))
    except (OperationalError, DBAPIError, OSError) as exc:
        fail(f"cannot reach the database ({type(exc).__name__}: {str(exc).splitlines()[0]})")
    if before == after:
        typer.echo(f"database is up to date (revision {after})")
    else:
        typer.echo(f"database upgraded: {before or 'empty'} -> {after}")
