"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import text

from storage import Store, load_catalog
from storage.db.base import Base
from storage.db.engine import create_database, create_engine, drop_database
from storage.db.migrate import upgrade_engine
from storage.tickets.photos import PhotoStore

POSTGRES_ENV = "CITYBOT_TEST_POSTGRES_URL"

# Each pytest-xdist worker has a core already; the e5 engine's OpenMP threads on top only
# contend with the other workers (on 2 cores the answer floors took 227 s, 129 s with this).
# Set before the engine loads; a run in one process keeps OpenMP's default.
if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
    os.environ.setdefault("OMP_NUM_THREADS", "1")

# In CI the property tests draw the same examples every run, so that a landing is judged on
# the code it brings, not on a rare draw; elsewhere each run explores new ones (and a find
# becomes a plain regression test, as the 65-byte queue page did).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@dataclass
class FakeClock:
    """A clock the test moves forward instead of sleeping."""

    now: datetime = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 in Guangzhou

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_engine(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session (skipped if none)."""
    server_url = os.environ.get(POSTGRES_ENV)
    if not server_url:
        pytest.skip(f"{POSTGRES_ENV} is not set; PostgreSQL tests need a server")
    name = f"citybot_test_{uuid.uuid4().hex[:10]}"
    try:
        url = asyncio.run(create_database(server_url, name))
    except OSError as exc:
        pytest.fail(f"{POSTGRES_ENV} is set but the server does not answer: {exc}")
    asyncio.run(_migrate(url))
    yield url
    asyncio.run(drop_database(server_url, name))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "citybot.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


async def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """An empty, migrated database: a SQLite file, then the PostgreSQL one if configured."""
    if request.param == "sqlite":
        path = tmp_path / "citybot.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    asyncio.run(_truncate_postgres(url))
    return url


@pytest.fixture
def clock() -> FakeClock:
    """The test's clock, starting on a Monday morning in Guangzhou."""
    return FakeClock()


@pytest.fixture
async def store(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Store]:
    """A Store over the test's database with photos under tmp_path."""
    store = Store(
        create_engine(database_url),
        catalog=load_catalog(),
        photos=PhotoStore(tmp_path / "photos"),
        clock=clock,
    )
    yield store
    await store.close()
