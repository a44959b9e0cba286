"""`citybot api-keys …`: the keys Open311 clients file service requests with.

A key's secret is shown once, when it is created; the database keeps only its sha256, so a
lost secret is revoked and replaced, never recovered.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.cli.common import fail, run_async, settings_from
from bot.services import open_store
from storage import StoreError, UnitOfWork
from storage.apikeys import ApiKeyInfo, create_key, list_keys, revoke_key

api_keys_app = typer.Typer(
    help="API keys of Open311 clients: create, list, revoke.", no_args_is_help=True
)
T = TypeVar("T")


def _in_store(ctx: typer.Context, call: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    """Run `call` in one unit of work of the configured store; a store error fails with it."""
    store = open_store(settings_from(ctx))

    async def go() -> T:
        try:
            async with store.unit_of_work() as uow:
                return await call(uow)
        finally:
            await store.close()

    try:
        return run_async(go())
    except StoreError as exc:
        fail(str(exc), code=1)
    except (OperationalError, DBAPIError) as exc:
        fail(f"cannot use the database ({type(exc).__name__}); did you run `citybot db upgrade`?")


def _as_dict(key: ApiKeyInfo) -> dict[str, object]:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.prefix,
        "created_at": key.created_at.isoformat(timespec="seconds"),
        "revoked_at": key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else None,
        "requests": key.requests,
    }


@api_keys_app.command("create")
def create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Who the key is for, e.g. 'district app'."),
) -> None:
    """Create a key and print its secret (shown this once only)."""
    created = _in_store(ctx, lambda uow: create_key(uow, name=name))
    typer.echo(f"API key {created.id} ({created.name}) created. Its secret, shown only now:")
    typer.echo(created.secret)
    typer.echo("Clients send it as the api_key field; only its sha256 is stored.")


@api_keys_app.command("list")
def list_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON array of the keys."),
) -> None:
    """Every key: id, name, the secret's first characters, when made or revoked, requests."""
    keys = _in_store(ctx, list_keys)
    if as_json:
        typer.echo(json.dumps([_as_dict(key) for key in keys], ensure_ascii=False, indent=2))
        return
    if not keys:
        typer.echo("no API keys yet: citybot api-keys create NAME")
        return
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        typer.echo(
            f"{key.id:>4}  {key.prefix}…  {state:<22} {key.requests:>6} requests  "
            f"created {key.created_at:%Y-%m-%d}  {key.name}"
        )


@api_keys_app.command("revoke")
def revoke(
    ctx: typer.Context,
    key_id: int = typer.Argument(..., help="The key's id (see `citybot api-keys list`)."),
) -> None:
    """Revoke a key at once: its requests stay, new ones are refused (403)."""
    key = _in_store(ctx, lambda uow: revoke_key(uow, key_id=key_id))
    typer.echo(f"API key {key.id} ({key.name}) revoked at {key.revoked_at:%Y-%m-%d %H:%M} UTC")
