"""The `citybot` command line: one typer app, one sub-app per area (db, kb, quiz, triage, …)."""

from __future__ import annotations

import contextlib
import sys

import typer

from bot.cli.api_keys import api_keys_app
from bot.cli.assets import assets_app
from bot.cli.attendance import attendance_app
from bot.cli.common import fail, run_async, settings_from
from bot.cli.cylinders import cylinders_app
from bot.cli.db import db_app
from bot.cli.faq import faq_app
from bot.cli.inspections import inspections_app
from bot.cli.kb import kb_app
from bot.cli.quiz import quiz_app
from bot.cli.run import run
from bot.cli.tickets import tickets_app
from bot.cli.triage import triage_app
from bot.cli.web import web
from bot.settings import SettingsError, load_settings

app = typer.Typer(
    name="citybot",
    help="城管小助手 citybot: work orders, policy answers and safety quizzes for a city bureau.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.add_typer(tickets_app, name="tickets")
app.add_typer(kb_app, name="kb")
app.add_typer(quiz_app, name="quiz")
app.add_typer(triage_app, name="triage")
app.add_typer(faq_app, name="faq")
app.add_typer(assets_app, name="assets")
app.add_typer(cylinders_app, name="cylinders")
app.add_typer(api_keys_app, name="api-keys")
app.add_typer(inspections_app, name="inspections")
app.add_typer(attendance_app, name="attendance")
app.command("run")(run)
app.command("web")(web)


@app.command("console")
def console(
    ctx: typer.Context,
    staff: bool = typer.Option(False, "--staff", help="Start as a member of staff."),
) -> None:
    """Chat with the bot in this terminal: a local Telegram stand-in, no token needed."""
    from bot.cli.console import run_console

    settings = settings_from(ctx)
    with contextlib.suppress(KeyboardInterrupt):
        run_async(run_console(settings, staff=staff))


@app.callback()
def _check_settings(ctx: typer.Context) -> None:
    """Validate the settings before any command so a wrong value stops with one clear line."""
    if ctx.resilient_parsing or "--help" in sys.argv:
        return
    try:
        ctx.obj = load_settings()
    except SettingsError as exc:
        fail(str(exc))
    from storage.errors import CategoriesFileError
    from storage.tickets.categories import load_catalog

    # The bot files urgent gas tickets into a category of this file: a file it cannot use
    # must stop every command at once, not lose a ticket after the safety steps.
    try:
        load_catalog(ctx.obj.categories_file)
    except CategoriesFileError as exc:
        fail(f"CITYBOT_CATEGORIES_FILE: {exc}")
    if ctx.obj.open311_services_file is not None:
        from bot.web.open311.directory import ServicesFileError, load_directory

        # Open311's service codes name categories of that file: a mismatch stops here too.
        try:
            load_directory(ctx.obj.open311_services_file, load_catalog(ctx.obj.categories_file))
        except ServicesFileError as exc:
            fail(f"CITYBOT_OPEN311_SERVICES_FILE: {exc}")


def main() -> None:
    """Entry point of the `citybot` console script."""
    app()


if __name__ == "__main__":
    main()
