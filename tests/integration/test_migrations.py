"""Migrations create exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage.db.base import Base
from storage.db.engine import create_engine
from storage.db.migrate import current_revision, head_revision, upgrade_database


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_upgrade_from_nothing_and_again_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'fresh.db'}"
    before, after = await upgrade_database(url)
    assert before is None and after == head_revision()
    again = await upgrade_database(url)
    assert again == (after, after)
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    assert {"tickets", "ticket_events", "photos", "outbox", "ticket_followers"} <= tables


@pytest.mark.parametrize("table", ["tickets"])
async def test_queue_indexes_exist(database_url: str, table: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(
                lambda c: {i["name"] for i in inspect(c).get_indexes(table)}
            )
    finally:
        await engine.dispose()
    assert {"ix_tickets_open_queue", "ix_tickets_nearby", "ix_tickets_reporter"} <= names
