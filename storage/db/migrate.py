"""Create or upgrade the schema with Alembic, from code (no alembic.ini needed)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db.engine import create_engine


def alembic_config(url: str = "") -> Config:
    """An Alembic Config pointing at our migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("storage.db") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _current(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row else None


async def upgrade_engine(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema behind `engine` up to `revision`."""
    async with engine.connect() as connection:
        await connection.run_sync(_upgrade, revision)
        await connection.commit()


async def current_revision(engine: AsyncEngine) -> str | None:
    """The schema revision the database is at, or None if it has none."""
    async with engine.connect() as connection:
        return await connection.run_sync(_current)


async def upgrade_database(url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade the database at `url`; returns the revisions before and after."""
    engine = create_engine(url)
    try:
        before = await current_revision(engine)
        await upgrade_engine(engine, revision)
        after = await current_revision(engine)
    finally:
        await engine.dispose()
    return before, after


def head_revision() -> Any:
    """The newest revision the package ships."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
