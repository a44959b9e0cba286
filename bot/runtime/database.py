"""Make sure the schema is there before the bot starts."""

from __future__ import annotations

from bot.settings import Settings
from storage.db.engine import create_engine, is_sqlite
from storage.db.migrate import current_revision, head_revision, upgrade_engine


class SchemaOutOfDate(RuntimeError):
    """The database is behind the code and must be upgraded by the operator."""


async def prepare_database(settings: Settings) -> None:
    """Migrate an embedded SQLite database in place; require PostgreSQL to be migrated
    already (`citybot db upgrade`), so several workers never race a migration."""
    engine = create_engine(settings.database_url)
    try:
        if is_sqlite(settings.database_url):
            await upgrade_engine(engine)
            return
        current = await current_revision(engine)
        if current != head_revision():
            raise SchemaOutOfDate(
                f"database schema is at {current or 'nothing'}, the code needs {head_revision()}: "
                "run `citybot db upgrade`"
            )
    finally:
        await engine.dispose()
