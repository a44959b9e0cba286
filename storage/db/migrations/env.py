"""Alembic environment: runs on the connection storage.db.migrate hands it, or on a URL."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

# Each domain's tables join Base.metadata when its models are imported.
import storage.apikeys.models
import storage.assets.models
import storage.attendance.models
import storage.botstate.models
import storage.cylinders.models
import storage.faq.models
import storage.inspections.models
import storage.outbox.models
import storage.quiz.models
import storage.staff.models
import storage.tickets.models  # noqa: F401
from storage.db.base import Base
from storage.db.engine import create_engine
from storage.db.types import UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write our UTC column type as a plain DateTime so migrations don't import storage."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def configure(connection: Connection) -> None:
    """Run the migrations on `connection` (batch mode so SQLite can alter tables)."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_url(url: str) -> None:
    """Open an engine for `url` and migrate through it."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(configure)
            await connection.commit()
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    configure(connection)
else:
    asyncio.run(run_with_url(config.get_main_option("sqlalchemy.url") or ""))
