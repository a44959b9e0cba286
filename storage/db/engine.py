"""Engines and sessions: SQLite tuned for a bot's many small writes, PostgreSQL as it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool
from sqlalchemy.util import await_only

SQLITE_BUSY_TIMEOUT_MS = 15_000


def is_sqlite(url: str) -> bool:
    """True when the URL names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for `url`; on SQLite, WAL, foreign keys and write transactions
    that take the lock up front (BEGIN IMMEDIATE) so concurrent writers queue instead of
    failing with "database is locked"."""
    if not is_sqlite(url):
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **kwargs)
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs.setdefault("poolclass", NullPool)
    engine = create_async_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
    )
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        _begin_sqlite(connection, f"BEGIN {mode}")


def _begin_sqlite(connection: Any, statement: str) -> None:
    # Straight to aiosqlite: one trip to its thread, where a SQLAlchemy cursor takes three
    # (open, execute, close), and every transaction starts here. Errors are raised as
    # SQLAlchemy raises them (OperationalError for "database is locked"), as callers expect.
    try:
        await_only(connection.connection.driver_connection.execute(statement))
    except (sqlite3.Error, ValueError) as error:  # aiosqlite: ValueError when it is closed
        original = error if isinstance(error, sqlite3.Error) else sqlite3.OperationalError(error)
        raise DBAPIError.instance(
            statement, None, original, sqlite3.Error, dialect=connection.dialect
        ) from error


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (one per unit of work)."""
    return async_sessionmaker(engine, expire_on_commit=False)


WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}
"""Execution options for a unit of work that will write (ignored by PostgreSQL)."""


async def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the PostgreSQL server of `server_url`; returns its URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(server_url: str, name: str) -> None:
    """Drop database `name` from the PostgreSQL server of `server_url`, closing its sessions."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


DRIVER_MODULES = ("asyncpg", "sqlite3", "aiosqlite")


def is_database_error(error: BaseException | None) -> bool:
    """True when `error` means the database could not be reached or used just now.

    SQLAlchemy wraps most driver errors, but asyncpg's errors while connecting (a server
    refusing connections, a terminated session) can arrive unwrapped.
    """
    if error is None:
        return False
    if isinstance(error, SQLAlchemyError | ConnectionError | TimeoutError):
        return True
    return type(error).__module__.split(".")[0] in DRIVER_MODULES
