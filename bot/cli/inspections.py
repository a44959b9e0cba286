"""`citybot inspections inspector BADGE USER_ID NAME`: put a gas company inspector on the
roster (role gas_inspector) with the badge number residents check at the door (/verify).
Idempotent on the badge: running it again updates the name, company or Telegram id."""

from __future__ import annotations

import typer

from bot.cli.common import fail, run_async, settings_from
from bot.services import open_store
from storage import Actor, InvalidInput, Role
from storage.inspections import register_inspector
from storage.staff import service as staff

inspections_app = typer.Typer(help="Home gas inspections (燃气入户安检): the inspectors' badges.")
BADGE = typer.Argument(..., help="The number on the inspector's badge (letters and digits).")
USER = typer.Argument(..., help="The inspector's Telegram user id.")
NAME = typer.Argument(..., help="The name residents are told.")
COMPANY = typer.Option(None, "--company", help="The gas company they work for.")


@inspections_app.command("inspector")
def add_inspector(
    ctx: typer.Context,
    badge: str = BADGE,
    user_id: int = USER,
    name: str = NAME,
    company: str | None = COMPANY,
) -> None:
    """Add or update an inspector: the roster role and the badge, in one transaction."""
    try:
        shown = run_async(_add(ctx, badge, user_id, name, company))
    except InvalidInput as error:
        fail(f"{badge!r}: {error}", code=1)
    typer.echo(f"inspector {name} (badge {shown}, user {user_id}) registered")


async def _add(ctx: typer.Context, badge: str, user_id: int, name: str, company: str | None) -> str:
    store = open_store(settings_from(ctx))
    operator = Actor(None, Role.ADMIN)  # the operator at the console acts as an admin
    try:
        async with store.unit_of_work() as uow:
            await staff.add_member(
                uow, by=operator, user_id=user_id, role=Role.GAS_INSPECTOR, display_name=name
            )
            inspector = await register_inspector(
                uow, badge=badge, user_id=user_id, name=name, company=company
            )
            return inspector.badge
    finally:
        await store.close()
