"""The store's plumbing: engine, sessions, clock; one unit of work per public call."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db.clock import Clock, utc_now
from storage.db.engine import WRITE_OPTIONS, create_engine, create_sessionmaker
from storage.tickets.categories import Catalog, load_catalog
from storage.tickets.filing import StoreEnv
from storage.tickets.photos import PhotoStore


class StoreBase:
    """Engine, sessions, categories, photos and clock shared by every store operation."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        catalog: Catalog,
        photos: PhotoStore,
        clock: Clock = utc_now,
        duplicate_radius_m: float = 250.0,
        duplicate_max_age_days: int = 30,
        staff_language: str = "zh",
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.photos = photos
        self.clock = clock
        self.duplicate_radius_m = duplicate_radius_m
        self.duplicate_max_age_days = duplicate_max_age_days
        self._sessions = create_sessionmaker(engine)
        self._write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        self.staff_language = staff_language
        """The staff group's language: what the store owes the group is written in it."""
        self._env = StoreEnv(catalog=catalog, clock=self._now, staff_language=staff_language)

    @classmethod
    def open(
        cls,
        database_url: str,
        *,
        photos_dir: Path,
        categories_file: Path | None = None,
        max_photo_bytes: int = 20 * 1024 * 1024,
        clock: Clock = utc_now,
        duplicate_radius_m: float = 250.0,
        duplicate_max_age_days: int = 30,
        staff_language: str = "zh",
    ) -> Self:
        """Connect to `database_url` (the schema must exist: run `citybot db upgrade`)."""
        return cls(
            create_engine(database_url),
            catalog=load_catalog(categories_file),
            photos=PhotoStore(photos_dir, max_bytes=max_photo_bytes),
            clock=clock,
            duplicate_radius_m=duplicate_radius_m,
            duplicate_max_age_days=duplicate_max_age_days,
            staff_language=staff_language,
        )

    def _now(self) -> datetime:
        return self.clock()

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for queries only."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits at the end, or rolls back on error."""
        # SQLite has one writer at a time; queueing writers here, in the event loop, is
        # far cheaper than letting them poll SQLite's busy handler (sleeps of up to 100 ms).
        async with (
            self._write_lock or contextlib.nullcontext(),
            self._sessions() as session,
            session.begin(),
        ):
            # Options apply when the connection is procured, before BEGIN is sent.
            await session.connection(execution_options=WRITE_OPTIONS)
            yield session

    async def ping(self) -> None:
        """Raise unless the database answers."""
        async with self.reading() as session:
            await session.execute(text("SELECT 1"))
