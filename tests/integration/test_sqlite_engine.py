"""The SQLite engine's own transactions: write transactions take the lock up front, and a
lock that cannot be had is reported as SQLAlchemy reports it, so callers' handlers apply."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc, text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import engine as db
from storage.db.engine import WRITE_OPTIONS, create_engine, is_database_error


async def _write_once(engine: AsyncEngine, statement: str) -> object:
    async with engine.connect() as connection:
        writer = await connection.execution_options(**WRITE_OPTIONS)
        async with writer.begin():
            return (await writer.execute(text(statement))).scalar()


async def test_a_write_transaction_holds_the_lock_from_its_start(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/lock.db")
    outsider = sqlite3.connect(tmp_path / "lock.db", timeout=0.1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("CREATE TABLE t (x INTEGER)"))
            await connection.commit()
            writer = await connection.execution_options(**WRITE_OPTIONS)
            async with writer.begin():
                await writer.execute(text("SELECT 1"))  # nothing written yet
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    outsider.execute("INSERT INTO t VALUES (1)")
        outsider.execute("INSERT INTO t VALUES (1)")  # free once it ends
        outsider.commit()
    finally:
        outsider.close()
        await engine.dispose()


async def test_a_lock_held_elsewhere_is_sqlalchemys_operational_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 100)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/busy.db")
    holder = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(exc.OperationalError, match="locked") as raised:
            await _write_once(engine, "SELECT 1")
        assert is_database_error(raised.value)
        holder.execute("ROLLBACK")
        assert await _write_once(engine, "SELECT 2") == 2  # the pool is fine afterwards
    finally:
        holder.close()
        await engine.dispose()
