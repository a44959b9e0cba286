"""The `citybot` command line: one typer app, one sub-app per area (db, kb, quiz, triage, …)."""

from __future__ import annotations

import contextlib
import importlib
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:  # the click that typer's groups are typed with (typer carries its own)
    from typer._click import Command, Context, HelpFormatter

from bot.cli.common import fail, run_async, settings_from
from bot.settings import SettingsError, load_settings


@dataclass(frozen=True)
class LazyCommand:
    """A sub-command whose module is imported only when it runs (`citybot --help` shows `help`)."""

    module: str
    attribute: str  # a typer sub-app, or a command's function
    help: str  # the first line of its own help (tests/unit/test_cli_wiring.py checks they agree)


# Each sub-app imports its store, index or bot at the top; importing them all made every
# command, `--help` included, wait for all of them (about a second). Typer's order: the
# commands, then the groups.
LAZY_COMMANDS = {
    "run": LazyCommand("bot.cli.run", "run", "Start the bot."),
    "web": LazyCommand(
        "bot.cli.web",
        "web",
        "Serve the staff dashboard, the Mini App and Open311 (and, with --webhook, the bot).",
    ),
}
LAZY_GROUPS = {
    "db": LazyCommand("bot.cli.db", "db_app", "The database schema."),
    "tickets": LazyCommand(
        "bot.cli.tickets", "tickets_app", "Work orders (工单): list, show, export."
    ),
    "kb": LazyCommand("bot.cli.kb", "kb_app", "The policy index: build, ask, evaluate."),
    "quiz": LazyCommand(
        "bot.cli.quiz", "quiz_app", "Safety quiz question sets: check a file or the shipped bank."
    ),
    "triage": LazyCommand(
        "bot.cli.triage",
        "triage_app",
        "The gas-danger classifier: rebuild its model from the shipped messages.",
    ),
    "faq": LazyCommand(
        "bot.cli.faq", "faq_app", "FAQ entries (常见问题): import and export, CSV or .xlsx."
    ),
    "assets": LazyCommand(
        "bot.cli.assets",
        "assets_app",
        "管理部件 registry (GB/T 30428): import and export, CSV or GeoJSON.",
    ),
    "cylinders": LazyCommand(
        "bot.cli.cylinders",
        "cylinders_app",
        "LPG cylinders (液化石油气钢瓶): the registry that scans check.",
    ),
    "api-keys": LazyCommand(
        "bot.cli.api_keys", "api_keys_app", "API keys of Open311 clients: create, list, revoke."
    ),
    "inspections": LazyCommand(
        "bot.cli.inspections",
        "inspections_app",
        "Home gas inspections (燃气入户安检): the inspectors' badges.",
    ),
    "attendance": LazyCommand(
        "bot.cli.attendance",
        "attendance_app",
        "Staff attendance (人员考勤): areas and shifts from a file; a day's attendance as CSV.",
    ),
}
LAZY = LAZY_COMMANDS | LAZY_GROUPS


def load_command(name: str) -> Command:
    """Import the module of the lazy sub-command `name` and build its click command."""
    lazy = LAZY[name]
    target = getattr(importlib.import_module(lazy.module), lazy.attribute)
    # Built as the root would build it (no completion options of its own, as add_completion
    # is off at the root), inside a root of its own.
    root = typer.Typer(add_completion=False)
    if isinstance(target, typer.Typer):
        root.add_typer(target, name=name)
        group = typer.main.get_command(root)
        assert isinstance(group, TyperGroup)
        return group.commands[name]
    root.command(name)(target)
    return typer.main.get_command(root)  # an app of one command builds to that command


class LazyGroup(TyperGroup):
    """The root group: it lists the lazy sub-commands by their help, and loads the one run."""

    listing = False

    def list_commands(self, ctx: Context) -> list[str]:
        """The commands in typer's order: lazy commands, the root's own, then the groups."""
        return [*LAZY_COMMANDS, *super().list_commands(ctx), *LAZY_GROUPS]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """The command `cmd_name`: a stand-in with its help while the root's help is shown."""
        if cmd_name not in LAZY:
            return super().get_command(ctx, cmd_name)
        if self.listing:
            return TyperCommand(name=cmd_name, help=LAZY[cmd_name].help)
        return load_command(cmd_name)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The root's help, which names each sub-command without importing it."""
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


app = typer.Typer(
    name="citybot",
    help="城管小助手 citybot: work orders, policy answers and safety quizzes for a city bureau.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


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
