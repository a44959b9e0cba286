"""Small helpers shared by the CLI sub-apps."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, NoReturn, TypeVar

import typer

from bot.settings import Settings, SettingsError, load_settings

T = TypeVar("T")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to standard error and exit with `code`; no traceback."""
    typer.echo(f"citybot: {message}", err=True)
    raise typer.Exit(code)


def settings_from(ctx: typer.Context) -> Settings:
    """The settings validated by the root callback (or loaded now, for direct calls)."""
    root = ctx.find_root()
    if isinstance(root.obj, Settings):
        return root.obj
    try:
        settings = load_settings()
    except SettingsError as exc:
        fail(str(exc))
    root.obj = settings
    return settings


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from a synchronous CLI command."""
    return asyncio.run(coro)
